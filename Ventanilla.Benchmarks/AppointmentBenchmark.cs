using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;
using Ventanilla.Features.Appointments;
using Ventanilla.Features.Reception;
using Ventanilla.Features.Shared;

namespace Ventanilla.Benchmarks;

/// <summary>
/// Appointments (issue 27):
/// <list type="bullet">
/// <item>the slot search of <c>/cita</c> (a service's 15 days with their free places, then one day's slots) for a
/// service that 10 desks take bookings for, half booked, at 20 requests a second: p95 ≤ 50 ms;</item>
/// <item>a generated month (22 business days, 3 desks, 60 % walk-ins and 40 % appointments, 10 % of them no-shows and
/// the rest arriving early or late as people do: four in five a few minutes early, one in five late, some past the
/// window) played through the real services on a fake clock, twice: with the
/// bookings, and with the same people all walking in. The on-time appointments' median |called − slot| must be ≤ 5
/// minutes, and the walk-ins' median wait no worse than 1.25 × the month without appointments.</item>
/// </list>
/// </summary>
public static class AppointmentBenchmark
{
    public const double SearchBudgetMs = 50;
    public const double PunctualityBudgetMinutes = 5;
    public const double WalkInWaitRatioBudget = 1.25;

    public static async Task<bool> RunAsync(int perSecond = 20, int seconds = 20)
    {
        var search = await SearchAsync(perSecond, seconds);
        var ok = Timings.Report("Citas: búsqueda de horarios:", [
            ($"/cita (15 días y un día de horarios, 10 módulos, la mitad agendada) a {perSecond} por segundo durante {seconds} s", search, SearchBudgetMs),
        ]);
        return await MonthAsync() && ok;
    }

    private static async Task<Timings> SearchAsync(int perSecond, int seconds)
    {
        await using var app = await AppServer.StartAsync();
        var (category, days) = await TenDesksHalfBookedAsync(app);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        async Task<double> AskAsync(int n)
        {
            // Two in three ask for a day's slots (the page reads the 15 days' places too); one in three for the days alone.
            var daysOnly = n % 3 == 0;
            var url = daysOnly ? $"cita?servicio={category}" : $"cita?servicio={category}&dia={days[n % days.Count]:yyyy-MM-dd}";
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains(daysOnly ? "data-testid=\"days\"" : "data-testid=\"slots\""))
            {
                throw new InvalidOperationException($"/cita no respondió lo esperado ({response.StatusCode}).");
            }
            return elapsed;
        }

        for (var i = 0; i < 30; i++) await AskAsync(i); // warm-up
        var times = new ConcurrentBag<double>();
        var pending = new List<Task>();
        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / perSecond));
        for (var n = 0; n < perSecond * seconds && await ticker.WaitForNextTickAsync(); n++)
        {
            var number = n;
            pending.Add(Task.Run(async () => times.Add(await AskAsync(number))));
        }
        await Task.WhenAll(pending);
        return Timings.Of(times);
    }

    /// <summary>Ten desks take bookings of category A (one per slot each, half their time kept for walk-ins); every other place of the 15 days is booked.</summary>
    private static async Task<(int Category, List<DateOnly> Days)> TenDesksHalfBookedAsync(AppServer app)
    {
        int category;
        await using (var db = app.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            category = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
            var desks = await db.Desks.Include(d => d.Categories).ToListAsync();
            for (var number = desks.Max(d => d.Number) + 1; desks.Count < 10; number++)
            {
                var desk = new Desk { Number = number, Name = $"Módulo {number}" };
                db.Desks.Add(desk);
                desks.Add(desk);
            }
            foreach (var desk in desks.Where(d => d.Categories.All(c => c.ServiceCategoryId != category)))
            {
                desk.Categories.Add(new DeskCategory { ServiceCategoryId = category });
            }
            await db.SaveChangesAsync();
            await app.Get<AppointmentOffers>().SaveAsync(Actor.System, new OfferInput(category, true, 30, 15, 50, desks.ToDictionary(d => d.Id, _ => 1), 0));
        }
        var calendar = app.Get<AppointmentCalendar>();
        var booking = app.Get<AppointmentBooking>();
        var days = (await calendar.DaysAsync(category)).Select(d => d.Day).ToList();
        var phone = 5500000000L;
        foreach (var day in days)
        {
            foreach (var slot in await calendar.SlotsAsync(category, day))
            {
                for (var i = 0; i < slot.Free / 2; i++)
                {
                    await booking.BookForAsync(Actor.System, new BookingRequest(Guid.NewGuid(), category, day, slot.StartMinute, "Persona de prueba", (++phone).ToString(), null));
                }
            }
        }
        return (category, days);
    }

    // ---- The generated month ----

    private abstract record Event;
    private sealed record WalkIn(int Person) : Event;
    private sealed record CheckIn(int Person) : Event;
    private sealed record Finish(int Desk) : Event;

    /// <summary>One person of a day: when they come, and whether they booked (and for which slot).</summary>
    private sealed record Person(DateTime ArrivesUtc, double AttentionMinutes, DateTime? SlotUtc, bool Comes);

    private sealed class Tally
    {
        public List<double> WalkInWaits { get; } = [];
        public List<double> OffSlot { get; } = [];
        /// <summary>Called − slot, signed: negative when a free desk took the appointment before its time.</summary>
        public List<double> CalledMinusSlot { get; } = [];
        public int Late { get; set; }
        public int OnTime { get; set; }
    }

    private static async Task<bool> MonthAsync(int days = 22, int visitorsPerDay = 120, double appointmentShare = 0.4)
    {
        var watch = Stopwatch.StartNew();
        var with = await PlayMonthAsync(days, visitorsPerDay, appointmentShare, bookings: true);
        var without = await PlayMonthAsync(days, visitorsPerDay, appointmentShare, bookings: false);
        var punctuality = Median(with.OffSlot);
        var ratio = Median(with.WalkInWaits) / Median(without.WalkInWaits);
        var punctual = punctuality <= PunctualityBudgetMinutes;
        var fair = ratio <= WalkInWaitRatioBudget;
        Console.WriteLine($"Citas: un mes generado ({days} días hábiles, {visitorsPerDay} personas al día, 3 módulos, {appointmentShare:P0} con cita y 10 % de ellas ausentes; {watch.Elapsed.TotalSeconds:0} s):");
        Console.WriteLine($"  citas a tiempo: {with.OnTime:N0}; tarde (turno sin cita): {with.Late:N0}; |llamado − hora de la cita| mediana {punctuality:0.0} min, percentil 90 {Percentile(with.OffSlot, 0.9):0.0} min  presupuesto mediana ≤ {PunctualityBudgetMinutes} min: {(punctual ? "CUMPLE" : "NO CUMPLE")}");
        var early = with.CalledMinusSlot.Where(m => m < 0).ToList();
        var late = with.CalledMinusSlot.Where(m => m >= 0).ToList();
        Console.WriteLine($"  llamadas antes de su hora (un módulo libre sin nadie más): {100.0 * early.Count / with.CalledMinusSlot.Count:0} %, mediana {Median([.. early.Select(Math.Abs)]):0.0} min antes; a su hora o después: mediana {Median(late):0.0} min después, percentil 90 {Percentile(late, 0.9):0.0} min");
        Console.WriteLine($"  espera de los turnos sin cita: mediana {Median(with.WalkInWaits):0.0} min con citas, {Median(without.WalkInWaits):0.0} min el mismo mes sin citas (misma carga): {ratio:0.00}×  presupuesto ≤ {WalkInWaitRatioBudget}×: {(fair ? "CUMPLE" : "NO CUMPLE")}");
        Console.WriteLine($"  percentil 90 de esa espera: {Percentile(with.WalkInWaits, 0.9):0.0} min con citas, {Percentile(without.WalkInWaits, 0.9):0.0} min sin citas");
        return punctual && fair;
    }

    private static async Task<Tally> PlayMonthAsync(int days, int visitorsPerDay, double appointmentShare, bool bookings)
    {
        // Thursday 1 October 2026, 08:00 in Mexico City: each day's bookings are made before the office opens.
        var first = new DateOnly(2026, 10, 1);
        await using var app = await TestApp.CreateAsync(new DateTimeOffset(first.ToDateTime(new TimeOnly(14, 0)), TimeSpan.Zero));
        var (desks, category) = await ThreeDesksAsync(app);
        var queue = app.Get<QueueService>();
        var checkIns = app.Get<AppointmentCheckIns>();
        var booking = app.Get<AppointmentBooking>();
        var calendar = app.Get<AppointmentCalendar>();
        var office = app.Get<OfficeClock>();
        // The same people every run: the month with bookings and the one without differ only in that.
        var random = new Random(2027);
        var tally = new Tally();
        var phone = 5500000000L;

        var day = first;
        for (var played = 0; played < days; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            played++;
            app.Time.SetUtcNow(new DateTimeOffset(office.ToUtc(day.ToDateTime(new TimeOnly(8, 0))), TimeSpan.Zero));
            var opens = office.ToUtc(day.ToDateTime(new TimeOnly(9, 0)));
            var people = await PeopleAsync(random, calendar, category, day, opens, visitorsPerDay, appointmentShare);
            var codes = new Dictionary<int, string>();
            if (bookings)
            {
                for (var i = 0; i < people.Count; i++)
                {
                    if (people[i].SlotUtc is not { } slot) continue;
                    var local = office.ToLocal(slot);
                    var booked = await booking.BookForAsync(Actor.System,
                        new BookingRequest(Guid.NewGuid(), category, day, local.Hour * 60 + local.Minute, "Persona de prueba", (++phone).ToString(), null));
                    codes[i] = booked.Code;
                }
            }

            var events = new PriorityQueue<Event, (DateTime At, long Order)>();
            long order = 0;
            void At(DateTime at, Event e) => events.Enqueue(e, (at, order++));
            for (var i = 0; i < people.Count; i++)
            {
                var p = people[i];
                if (!p.Comes) continue;
                if (bookings && codes.ContainsKey(i)) At(p.ArrivesUtc, new CheckIn(i));
                else At(p.ArrivesUtc, new WalkIn(i));
            }
            var serving = new DeskTicket?[desks.Count];
            var issuedAt = new Dictionary<int, (DateTime At, bool WalkIn, DateTime? Slot, int Person)>();

            async Task CallAsync(int d, DateTime now)
            {
                if (serving[d] is not null) return;
                DeskTicket called;
                try
                {
                    called = await queue.CallNextAsync(Actor.System, desks[d]);
                }
                catch (RuleException)
                {
                    return; // nobody waiting
                }
                serving[d] = called;
                var (at, walkIn, slot, person) = issuedAt[called.TicketId];
                // The walk-ins compared are the people who never booked: the same people in both months.
                if (walkIn && people[person].SlotUtc is null) tally.WalkInWaits.Add((now - at).TotalMinutes);
                else if (!walkIn)
                {
                    tally.OffSlot.Add(Math.Abs((now - slot!.Value).TotalMinutes));
                    tally.CalledMinusSlot.Add((now - slot.Value).TotalMinutes);
                }
                At(now.AddMinutes(people[person].AttentionMinutes), new Finish(d));
            }

            async Task WalkInAsync(int person, DateTime now)
            {
                var turn = await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category));
                issuedAt[turn.TicketId] = (now, true, null, person);
            }

            while (events.TryDequeue(out var next, out var when))
            {
                if (when.At > app.Time.GetUtcNow().UtcDateTime) app.Time.SetUtcNow(new DateTimeOffset(when.At));
                var now = app.Time.GetUtcNow().UtcDateTime;
                switch (next)
                {
                    case WalkIn walk:
                        await WalkInAsync(walk.Person, now);
                        break;
                    case CheckIn check:
                    {
                        var result = await checkIns.ByCodeAsync(Actor.System, codes[check.Person], officeId: null);
                        if (result.Outcome == CheckInOutcome.Early)
                        {
                            At(office.ToUtc(result.OpensAtLocal), check); // told when the window opens, they try again then
                            continue;
                        }
                        if (result.Outcome == CheckInOutcome.Late)
                        {
                            tally.Late++;
                            await WalkInAsync(check.Person, now); // offered a walk-in turn, they take it
                        }
                        else
                        {
                            tally.OnTime++;
                            issuedAt[result.Turn!.TicketId] = (now, false, result.Booking.StartUtc, check.Person);
                        }
                        break;
                    }
                    case Finish finish:
                    {
                        var done = serving[finish.Desk]!;
                        await queue.FinishAsync(Actor.System, desks[finish.Desk], done.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
                        serving[finish.Desk] = null;
                        break;
                    }
                }
                for (var d = 0; d < desks.Count; d++) await CallAsync(d, now);
            }
        }
        return tally;
    }

    /// <summary>
    /// The day's people. Walk-ins arrive through the day (a Poisson process, busier in the late morning); those with a
    /// booking take a free slot at random and arrive around it: most a few minutes early, some late, one in ten not at
    /// all. Each has an attention time around 10 minutes (log-normal), the same whether they booked or not.
    /// </summary>
    private static async Task<List<Person>> PeopleAsync(
        Random random, AppointmentCalendar calendar, int category, DateOnly day, DateTime opensUtc, int perDay, double appointmentShare)
    {
        double[] shape = [1.0, 1.5, 1.5, 1.2, 0.9, 0.8, 0.8, 0.5];
        var people = new List<Person>();
        var slots = (await calendar.SlotsAsync(category, day)).SelectMany(s => Enumerable.Repeat(s, s.Free)).ToList();
        var booked = (int)Math.Round(perDay * appointmentShare);
        for (var i = 0; i < booked && slots.Count > 0; i++)
        {
            var pick = random.Next(slots.Count);
            var slot = slots[pick];
            slots.RemoveAt(pick);
            var slotUtc = opensUtc.AddMinutes(slot.StartMinute - 9 * 60);
            // Four in five come early (7 minutes on average, spread 5); one in five late, most by a few minutes, some by
            // more than the window (8 minutes on average, exponentially); never more than half an hour either way.
            var offset = Math.Clamp(random.NextDouble() < 0.8 ? -7 + 5 * Normal(random) : -8 * Math.Log(1 - random.NextDouble()), -30, 30);
            people.Add(new Person(slotUtc.AddMinutes(offset), Attention(random), slotUtc, Comes: random.NextDouble() >= 0.10));
        }
        var total = shape.Sum();
        for (var i = people.Count; i < perDay; i++)
        {
            // The hour by its weight, then a moment within it (the last half hour takes no new turns).
            var pick = random.NextDouble() * total;
            var hour = 0;
            while (hour < shape.Length - 1 && (pick -= shape[hour]) > 0) hour++;
            var minute = random.NextDouble() * (hour == shape.Length - 1 ? 30 : 60);
            people.Add(new Person(opensUtc.AddHours(hour).AddMinutes(minute), Attention(random), null, Comes: true));
        }
        return people;
    }

    private static double Attention(Random random) => Math.Exp(Math.Log(10) - 0.125 + 0.5 * Normal(random));

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Three desks for category A alone, one booking per slot each, 20-minute slots, 30 % of their time kept for walk-ins.</summary>
    private static async Task<(List<int> Desks, int Category)> ThreeDesksAsync(TestApp app)
    {
        await using var db = app.CreateDb();
        var category = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
        var desks = await db.Desks.Include(d => d.Categories).OrderBy(d => d.Number).Take(3).ToListAsync();
        foreach (var desk in desks)
        {
            desk.Categories.Clear();
            desk.Categories.Add(new DeskCategory { ServiceCategoryId = category });
        }
        await db.SaveChangesAsync();
        await app.Get<AppointmentOffers>().SaveAsync(Actor.System, new OfferInput(category, true, 20, 15, 30, desks.ToDictionary(d => d.Id, _ => 1), 0));
        return ([.. desks.Select(d => d.Id)], category);
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
