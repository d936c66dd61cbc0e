using Ventanilla.Features.Citizen;

namespace Ventanilla.Features.Reception;

/// <summary>
/// Builds <see cref="QueueTurns"/> from the day's tickets: which desks are open, how long each category's turn keeps
/// a desk busy today, and from those the <see cref="WaitEstimator"/>'s call time for every waiting turn.
/// </summary>
public static class QueueTurnsBuilder
{
    /// <summary>A desk that called or finished a turn this recently (or has one now) counts as open.</summary>
    public static readonly TimeSpan OpenWindow = TimeSpan.FromMinutes(30);

    /// <summary>How far back a category's service time is taken from when it has no finished turn today.</summary>
    public const int FallbackDays = 30;

    /// <summary>One of the day's tickets with what every board shows of it (read once per build, see <see cref="ReadTicketsAsync"/>).</summary>
    public sealed record TicketRow(
        int Id, int VisitId, string Code, int CategoryId, int CategoryOfficeId, string CategoryColor, TicketStatus Status, bool Preferential,
        DateTime ArrivedAtUtc, int? DeskId, int? DeskNumber, string? DeskName, int? DeskOfficeId, DateTime? LastCalledAtUtc, int CallCount,
        DateTime? FinishedAtUtc, string? PublicCode, DateTime? AppointmentStartUtc)
    {
        public QueueRules.Place Place => new(Preferential, ArrivedAtUtc, Id, AppointmentStartUtc);
        public bool IsAppointment => AppointmentStartUtc is not null;
    }

    /// <summary>A booking of today not checked in yet: the estimates count it from its slot.</summary>
    public sealed record BookingRow(int Id, int CategoryId, DateTime StartUtc);

    /// <summary>
    /// Every ticket of the day in one query: the lines, the recent calls, the desks' counts and the estimates are all
    /// worked out from it (on PostgreSQL each query is a round trip, and the boards are rebuilt after every change).
    /// </summary>
    public static Task<List<TicketRow>> ReadTicketsAsync(AppDbContext db, DateOnly today, CancellationToken ct = default)
        => db.QueueTickets.AsNoTracking().Where(t => t.ServiceDate == today)
            .Select(t => new TicketRow(t.Id, t.VisitId, t.Code, t.ServiceCategoryId, t.ServiceCategory!.OfficeId, t.ServiceCategory.Color, t.Status,
                t.IsPreferential, t.Visit!.ArrivedAtUtc, t.DeskId, t.Desk != null ? t.Desk.Number : null, t.Desk != null ? t.Desk.Name : null,
                t.Desk != null ? t.Desk.OfficeId : null, t.LastCalledAtUtc, t.CallCount, t.Visit.FinishedAtUtc, t.Visit.PublicCode, t.AppointmentStartUtc))
            .ToListAsync(ct);

    /// <summary>
    /// Today's bookings not checked in whose window is still open (<paramref name="lateWindow"/> after the slot): a
    /// citizen on their way takes a desk's time at their slot, so the walk-ins' estimates count them.
    /// </summary>
    public static Task<List<BookingRow>> ReadBookingsAsync(AppDbContext db, DateOnly today, DateTime nowUtc, TimeSpan lateWindow, CancellationToken ct = default)
    {
        var from = nowUtc - lateWindow;
        return db.Appointments.AsNoTracking()
            .Where(a => a.Day == today && a.Status == AppointmentStatus.Booked && a.StartUtc >= from)
            .Select(a => new BookingRow(a.Id, a.ServiceCategoryId, a.StartUtc))
            .ToListAsync(ct);
    }

    public static async Task<QueueTurns> BuildAsync(
        AppDbContext db, IReadOnlyList<TicketRow> tickets, IReadOnlyList<BookingRow> bookings, DateOnly today, QueueRules.Moment moment,
        IReadOnlyList<ServiceCategory> categories, IReadOnlyDictionary<int, TimeSpan> fallbackTimes, CancellationToken ct = default)
    {
        var nowUtc = moment.NowUtc;
        var surveyed = (await db.SurveyAnswers.AsNoTracking().Where(s => s.Visit!.ServiceDate == today).Select(s => s.VisitId).ToListAsync(ct)).ToHashSet();
        var deskRows = await db.Desks.AsNoTracking().Where(d => d.IsActive)
            .Select(d => new { d.Id, d.OfficeId, Categories = d.Categories.Where(c => c.ServiceCategory!.IsActive).Select(c => c.ServiceCategoryId).ToList() })
            .ToListAsync(ct);

        var times = ServiceTimes(tickets.Where(t => t.Status == TicketStatus.Done)
            .Select(t => (t.CategoryId, t.LastCalledAtUtc, t.FinishedAtUtc)));
        foreach (var (category, time) in fallbackTimes) times.TryAdd(category, time);
        TimeSpan Time(int category) => times.TryGetValue(category, out var t) ? t : WaitEstimator.DefaultServiceTime;

        var loads = new List<DeskLoad>();
        var openOffices = new HashSet<int>();
        foreach (var desk in deskRows.Where(d => d.Categories.Count > 0))
        {
            var mine = tickets.Where(t => t.DeskId == desk.Id).ToList();
            var active = mine.FirstOrDefault(t => QueueRules.IsAtDesk(t.Status));
            var lastSeen = mine.Select(t => t.FinishedAtUtc ?? t.LastCalledAtUtc).Where(a => a is not null).Max();
            var free = active is { LastCalledAtUtc: { } called } ? called + Time(active.CategoryId) : nowUtc;
            if (active is not null || lastSeen is { } seen && nowUtc - seen <= OpenWindow)
            {
                loads.Add(new DeskLoad(desk.Id, desk.Categories.ToHashSet(), free));
                openOffices.Add(desk.OfficeId);
            }
        }
        // First thing in the morning an office's desks have called nobody yet: every desk that office has is about to open.
        loads.AddRange(deskRows.Where(d => d.Categories.Count > 0 && !openOffices.Contains(d.OfficeId))
            .Select(d => new DeskLoad(d.Id, d.Categories.ToHashSet(), nowUtc)));

        // In the order «Llamar siguiente» takes them now; the bookings still to come join at their slots.
        var waiting = tickets.Where(t => QueueRules.IsWaiting(t.Status)).InCallOrder(moment, t => t.Place).ToList();
        var (estimates, newcomers) = WaitEstimator.Estimate(nowUtc, loads,
            [.. waiting.Select(t => WaitingTurn.Present(t.Id, t.CategoryId, t.Place, nowUtc)), .. bookings.Select(b => WaitingTurn.Booking(b.Id, b.CategoryId, b.StartUtc, nowUtc))],
            times, categories.Select(c => c.Id), moment.WalkInCeiling);

        var ahead = new Dictionary<int, int>();
        foreach (var line in waiting.GroupBy(t => t.CategoryId))
        {
            var position = 0;
            foreach (var ticket in line) ahead[ticket.Id] = position++;
        }
        var names = categories.ToDictionary(c => c.Id, c => c.Name);
        var byCode = new Dictionary<string, VisitTurn>(StringComparer.Ordinal);
        // A transferred visit has several tickets; its phone follows the newest.
        foreach (var visit in tickets.Where(t => t.PublicCode is not null).GroupBy(t => t.VisitId))
        {
            var t = visit.MaxBy(x => x.Id)!;
            byCode[PublicCodes.Hash(t.PublicCode)] = new VisitTurn(t.VisitId, t.Id, t.Code, t.CategoryId, names.GetValueOrDefault(t.CategoryId, ""),
                t.Status, ahead.GetValueOrDefault(t.Id), estimates.TryGetValue(t.Id, out var at) ? at : null, t.DeskName, t.CallCount,
                t.LastCalledAtUtc, surveyed.Contains(t.VisitId));
        }
        return new QueueTurns(estimates, newcomers, byCode, nowUtc);
    }

    /// <summary>
    /// The fallback service times: each category's average over the last <see cref="FallbackDays"/> days before
    /// <paramref name="today"/>, for a category with no finished turn yet today.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, TimeSpan>> FallbackTimesAsync(AppDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var from = today.AddDays(-FallbackDays);
        var rows = await db.QueueTickets.AsNoTracking()
            .Where(t => t.ServiceDate >= from && t.ServiceDate < today && t.Status == TicketStatus.Done)
            .Select(t => new { t.ServiceCategoryId, t.LastCalledAtUtc, t.Visit!.FinishedAtUtc })
            .ToListAsync(ct);
        return ServiceTimes(rows.Select(r => (r.ServiceCategoryId, r.LastCalledAtUtc, r.FinishedAtUtc)));
    }

    /// <summary>
    /// How long a desk is busy with a turn of each category: from its (last) call to the end of the attention, which
    /// includes the walk to the desk. Turns of a few seconds or of hours (a desk left open) do not count.
    /// </summary>
    private static Dictionary<int, TimeSpan> ServiceTimes(IEnumerable<(int Category, DateTime? Called, DateTime? Finished)> done)
        => done.Where(d => d.Called is not null && d.Finished is not null)
            .Select(d => (d.Category, Span: d.Finished!.Value - d.Called!.Value))
            .Where(d => d.Span >= TimeSpan.FromSeconds(15) && d.Span <= TimeSpan.FromHours(3))
            .GroupBy(d => d.Category)
            .ToDictionary(g => g.Key, g => TimeSpan.FromTicks((long)g.Average(d => d.Span.Ticks)));
}
