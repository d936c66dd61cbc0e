using Ventanilla.Features.Appointments;
using Ventanilla.Features.Citizen;

namespace Ventanilla.Tests.Features.Appointments;

/// <summary>
/// Booking, cancelling and moving on the real services and database. «Now» is Friday 27/11/2026, 10:00 at the office
/// (9:00–17:00). Category A offers 30-minute slots with half of each desk's time kept for walk-ins, and its three
/// desks take one booking per slot each: desk 2 books the even slots (9:00, 10:00, …), desks 1 and 3 the odd ones
/// (9:30, 10:30, …), so 9:00 holds one booking and 9:30 two.
/// </summary>
public class AppointmentBookingTests : AppointmentTest
{
    [Fact]
    public void The_walk_in_share_keeps_every_other_slot_of_each_desk_free_and_the_desks_take_turns()
    {
        var plan = AppointmentSchedule.Plan(new TimeOnly(9, 0), new TimeOnly(17, 0), 30, 50, [1, 1, 1]);

        Assert.Equal(16, plan.Count); // 9:00 … 16:30, the last one ending at closing time
        Assert.Equal([1, 2, 1, 2], plan.Take(4).Select(s => s.Capacity));
        Assert.Equal(new TimeOnly(16, 30), plan[^1].Start);
        // Nothing kept for walk-ins: every desk, every slot; all kept: none.
        Assert.All(AppointmentSchedule.Plan(new TimeOnly(9, 0), new TimeOnly(17, 0), 30, 0, [1, 1, 1]), s => Assert.Equal(3, s.Capacity));
        Assert.All(AppointmentSchedule.Plan(new TimeOnly(9, 0), new TimeOnly(17, 0), 30, 100, [1, 1, 1]), s => Assert.Equal(0, s.Capacity));
        Assert.Equal(20, AppointmentSchedule.SlotMinutesFor(17.2));
        Assert.Equal(15, AppointmentSchedule.SlotMinutesFor(null));
    }

    [Fact]
    public async Task A_booking_gets_a_code_without_look_alike_letters_and_takes_the_slot_s_place()
    {
        var booked = await Booking.BookAsync(Request(Nine));

        Assert.Equal(AppointmentStatus.Booked, booked.Status);
        Assert.Equal(AppointmentBooking.CodeLength, booked.Code.Length);
        Assert.All(booked.Code, c => Assert.Contains(c, PublicCodes.Alphabet));
        Assert.Equal((Monday, Nine, "Pagos y liquidaciones"), (booked.Day, booked.StartMinute, booked.ServiceName));
        var slots = await Calendar.SlotsAsync(CategoryA, Monday);
        Assert.DoesNotContain(slots, s => s.StartMinute == Nine);
        Assert.Equal(2, slots.Single(s => s.StartMinute == NineThirty).Free);
        Assert.Equal(booked.Id, (await Booking.FindAsync(AppointmentBooking.Display(booked.Code).ToLowerInvariant()))!.Id);
        Assert.Null(await Booking.FindAsync("AAAA-AAAA"));
    }

    [Fact]
    public async Task The_same_request_sent_twice_is_one_booking()
    {
        var request = Request(NineThirty);

        var first = await Booking.BookAsync(request);
        var again = await Booking.BookAsync(request);

        Assert.Equal(first.Id, again.Id);
        await using var db = App.CreateDb();
        Assert.Equal(1, await db.AppointmentSlots.Where(s => s.StartMinute == NineThirty).Select(s => s.Booked).SingleAsync());
    }

    [Fact]
    public async Task A_slot_taken_a_moment_before_is_refused_in_Spanish_and_the_next_slots_are_offered()
    {
        await Booking.BookAsync(Request(Nine, phone: "5511111111"));

        var refused = await Assert.ThrowsAsync<RuleException>(() => Booking.BookAsync(Request(Nine, phone: "5522222222")));

        Assert.Equal(AppointmentBooking.TakenMessage, refused.Message);
        Assert.Equal(RuleKind.Conflict, refused.Kind);
        var next = await Calendar.NextFreeAsync(CategoryA, Monday, Nine);
        Assert.Equal([NineThirty, 10 * 60, 10 * 60 + 30, 11 * 60], next.Select(s => s.StartMinute));
        await using var db = App.CreateDb();
        Assert.Equal(1, await db.Appointments.CountAsync());
    }

    [Fact]
    public async Task One_phone_holds_one_active_booking_per_service_and_day_until_it_is_cancelled()
    {
        var first = await Booking.BookAsync(Request(Nine, phone: "55 1234 5678"));

        var twice = await Assert.ThrowsAsync<RuleException>(() => Booking.BookAsync(Request(NineThirty, phone: "(55) 1234-5678")));
        Assert.Contains("Ya hay una cita activa con ese teléfono o correo", twice.Message);
        // The refused booking took nothing: 9:30 still has both places.
        Assert.Equal(2, (await Calendar.SlotsAsync(CategoryA, Monday)).Single(s => s.StartMinute == NineThirty).Free);

        await Booking.CancelAsync(first.Code);
        var second = await Booking.BookAsync(Request(NineThirty, phone: "5512345678"));
        Assert.Equal(AppointmentStatus.Booked, second.Status);
        // Another day is another booking.
        Assert.Equal(AppointmentStatus.Booked, (await Booking.BookAsync(Request(Nine, day: Monday.AddDays(1)))).Status);
    }

    [Fact]
    public async Task Cancelling_gives_the_place_back_and_a_cancelled_booking_cannot_change_again()
    {
        var booked = await Booking.BookAsync(Request(Nine));

        var cancelled = await Booking.CancelAsync(booked.Code);

        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Contains(await Calendar.SlotsAsync(CategoryA, Monday), s => s.StartMinute == Nine);
        var again = await Assert.ThrowsAsync<RuleException>(() => Booking.CancelAsync(booked.Code));
        Assert.Equal("La cita ya está cancelada: no se puede cambiar.", again.Message);
        var unknown = await Assert.ThrowsAsync<RuleException>(() => Booking.CancelAsync("ZZZZ-ZZZZ"));
        Assert.Equal(RuleKind.NotFound, unknown.Kind);
        await using var db = App.CreateDb();
        Assert.Equal(0, await db.AppointmentSlots.Where(s => s.StartMinute == Nine).Select(s => s.Booked).SingleAsync());
    }

    [Fact]
    public async Task Moving_keeps_the_code_frees_the_old_slot_and_takes_the_new_one()
    {
        var booked = await Booking.BookAsync(Request(Nine));

        var moved = await Booking.MoveAsync(booked.Code, Monday.AddDays(1), NineThirty);

        Assert.Equal((booked.Code, Monday.AddDays(1), NineThirty, 1), (moved.Code, moved.Day, moved.StartMinute, moved.Moves));
        Assert.Contains(await Calendar.SlotsAsync(CategoryA, Monday), s => s.StartMinute == Nine);
        Assert.Equal(1, (await Calendar.SlotsAsync(CategoryA, Monday.AddDays(1))).Single(s => s.StartMinute == NineThirty).Free);
    }

    [Fact]
    public async Task What_is_wrong_is_named_field_by_field_and_nothing_is_written()
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => Booking.BookAsync(
            new BookingRequest(Guid.NewGuid(), CategoryA, Monday, Nine, "", null, "no-es-correo", Folio: "nada")));

        Assert.Contains("Nombre: es obligatorio.", refused.Message);
        Assert.Contains("Correo electrónico: «no-es-correo» no es una dirección de correo válida", refused.Message);
        Assert.Contains("Aviso de privacidad: léalo y márquelo como aceptado para agendar.", refused.Message);
        Assert.Contains("Folio: «nada» no es un folio", refused.Message);
        var noContact = await Assert.ThrowsAsync<RuleException>(() => Booking.BookAsync(Request(Nine, phone: "")));
        Assert.Contains("Teléfono o correo electrónico: escriba al menos uno", noContact.Message);
        // A slot that is not offered: a Saturday, 9:15, yesterday.
        foreach (var (day, minute) in new[] { (new DateOnly(2026, 11, 28), Nine), (Monday, Nine + 15), (new DateOnly(2026, 11, 26), Nine) })
        {
            var notOffered = await Assert.ThrowsAsync<RuleException>(() => Booking.BookAsync(Request(minute, day: day)));
            Assert.StartsWith("Horario: ese día y hora ya no se ofrece", notOffered.Message);
        }
        await using var db = App.CreateDb();
        Assert.Equal(0, await db.Appointments.CountAsync());
    }

    [Fact]
    public async Task Today_offers_only_the_slots_that_start_ten_minutes_from_now_or_later()
    {
        // 10:00 now: 10:00 has started; 10:30 is the first one offered.
        var today = await Calendar.SlotsAsync(CategoryA, new DateOnly(2026, 11, 27));

        Assert.Equal(10 * 60 + 30, today[0].StartMinute);
        var days = await Calendar.DaysAsync(CategoryA);
        Assert.Equal(new DateOnly(2026, 11, 27), days[0].Day);
        Assert.DoesNotContain(days, d => d.Day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.True(days[^1].Day <= new DateOnly(2026, 12, 12));
    }

    [Fact]
    public async Task Fifty_people_booking_the_last_two_places_at_once_never_put_the_slot_over_its_capacity()
    {
        var attempts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            try
            {
                await Booking.BookAsync(Request(NineThirty, phone: $"55000000{i:00}", name: "Persona"));
                return true;
            }
            catch (RuleException ex) when (ex.Kind == RuleKind.Conflict || ex.Message.Contains("ocupado", StringComparison.Ordinal))
            {
                return false;
            }
        }));

        var results = await Task.WhenAll(attempts);

        Assert.Equal(2, results.Count(ok => ok));
        await using var db = App.CreateDb();
        Assert.Equal(2, await db.Appointments.CountAsync(a => a.StartMinute == NineThirty));
        Assert.Equal(2, await db.AppointmentSlots.Where(s => s.StartMinute == NineThirty).Select(s => s.Booked).SingleAsync());
    }

    [Fact]
    public async Task Fewer_places_never_drop_a_booking_the_last_ones_booked_are_listed_to_reschedule()
    {
        var admin = TestActors.Named("Admin");
        var first = await Booking.BookAsync(Request(NineThirty, phone: "5511111111"));
        var second = await Booking.BookAsync(Request(NineThirty, phone: "5522222222"));
        var offers = App.Get<AppointmentOffers>();
        var offer = (await offers.ListAsync(admin)).Single(o => o.CategoryId == CategoryA);

        // Desk 3 stops taking bookings: 9:30 now holds one.
        await offers.SaveAsync(admin, new OfferInput(CategoryA, true, 30, 15, 50, new Dictionary<int, int> { [offer.Desks[2].DeskId] = 0 }, offer.Version));

        var unfit = await offers.UnfitAsync(admin);
        Assert.Equal(second.Id, Assert.Single(unfit).Id);
        Assert.Equal("el horario tiene menos lugares que citas", unfit[0].Reason);
        Assert.Equal(AppointmentStatus.Booked, (await Booking.FindAsync(first.Code))!.Status);
        Assert.Equal(AppointmentStatus.Booked, (await Booking.FindAsync(second.Code))!.Status);

        // 45-minute slots: 9:30 is no longer a slot at all.
        offer = (await offers.ListAsync(admin)).Single(o => o.CategoryId == CategoryA);
        await offers.SaveAsync(admin, new OfferInput(CategoryA, true, 45, 15, 50, new Dictionary<int, int>(), offer.Version));
        Assert.Equal(2, (await offers.UnfitAsync(admin)).Count);
        Assert.All(await offers.UnfitAsync(admin), u => Assert.StartsWith("ese horario ya no existe", u.Reason));
    }

    [Fact]
    public async Task Only_the_administrator_sets_up_appointments_and_only_attention_staff_book_for_someone()
    {
        var reception = new Actor("", "Quiosco", new HashSet<string> { Roles.Recepcion }, new HashSet<int>());
        var offers = App.Get<AppointmentOffers>();

        await Assert.ThrowsAsync<RuleException>(() => offers.ListAsync(reception));
        await Assert.ThrowsAsync<RuleException>(() => Booking.BookForAsync(reception, Request(Nine)));
        var clerk = new Actor("", "Rosa", new HashSet<string> { Roles.AtencionUsuarios }, new HashSet<int>());
        var booked = await Booking.BookForAsync(clerk, Request(Nine) with { AcceptedPrivacyNotice = false });
        Assert.Equal(AppointmentStatus.Booked, booked.Status);
    }
}
