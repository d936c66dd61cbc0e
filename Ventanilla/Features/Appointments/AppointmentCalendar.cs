namespace Ventanilla.Features.Appointments;

/// <summary>
/// What can be booked: the services with appointments, the business days within each one's reach, and each day's slots
/// with room left. A slot's capacity comes from <see cref="AppointmentSchedule"/> (office hours, slot length, the desks
/// that take bookings and the share kept for walk-ins); what is taken, from the slots' counters. A slot that starts
/// within <see cref="MinimumNoticeMinutes"/> is no longer offered.
/// </summary>
public sealed class AppointmentCalendar(IDbContextFactory<AppDbContext> dbFactory, CalendarService calendar, SettingsService settings, OfficeClock office)
{
    public const int MinimumNoticeMinutes = 10;

    /// <summary>The services open for booking, by office and order, optionally of one office.</summary>
    public async Task<IReadOnlyList<BookableService>> ServicesAsync(int? officeId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offers = BookableOffers(db);
        if (officeId is { } only) offers = offers.Where(o => o.ServiceCategory!.OfficeId == only);
        return await offers.OrderBy(o => o.ServiceCategory!.Office!.SortOrder).ThenBy(o => o.ServiceCategory!.SortOrder)
            .Select(o => new BookableService(o.ServiceCategoryId, o.ServiceCategory!.Letter, o.ServiceCategory.Name, o.ServiceCategory.OfficeId,
                o.ServiceCategory.Office!.Name, o.SlotMinutes, o.DaysAhead, o.WalkInSharePercent))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The offers a citizen can book now: switched on, for an active service of an active office, with at least one
    /// active desk taking bookings (the booking page lists them; the petition e-mails offer to book only then).
    /// </summary>
    public static IQueryable<AppointmentOffer> BookableOffers(AppDbContext db)
        => db.AppointmentOffers.AsNoTracking()
            .Where(o => o.IsActive && o.ServiceCategory!.IsActive && o.ServiceCategory.Office!.IsActive)
            .Where(o => db.DeskCategories.Any(d => d.ServiceCategoryId == o.ServiceCategoryId && d.AppointmentsPerSlot > 0 && d.Desk!.IsActive));

    /// <summary>The business days from today up to the service's reach, each with how many places it has left.</summary>
    public async Task<IReadOnlyList<(DateOnly Day, int Free)>> DaysAsync(int categoryId, CancellationToken ct = default)
    {
        var free = await FreeAsync(categoryId, office.Today(), null, ct);
        return [.. free.GroupBy(s => s.Day).Select(g => (g.Key, g.Sum(s => s.Free)))];
    }

    /// <summary>The day's slots with room left, earliest first.</summary>
    public async Task<IReadOnlyList<FreeSlot>> SlotsAsync(int categoryId, DateOnly day, CancellationToken ct = default)
        => [.. (await FreeAsync(categoryId, day, day, ct)).Where(s => s.Free > 0)];

    /// <summary>The next slots with room after <paramref name="day"/> at <paramref name="startMinute"/> (offered when that one was just taken).</summary>
    public async Task<IReadOnlyList<FreeSlot>> NextFreeAsync(int categoryId, DateOnly day, int startMinute, int take = 4, CancellationToken ct = default)
        => [.. (await FreeAsync(categoryId, day, null, ct)).Where(s => s.Free > 0 && (s.Day > day || s.StartMinute > startMinute)).Take(take)];

    /// <summary>
    /// Every slot of the bookable days from <paramref name="from"/> to <paramref name="to"/> (null: the service's reach),
    /// with the places it has left: one plan (it is the same every day) and one read of the counters for the whole range.
    /// </summary>
    private async Task<List<FreeSlot>> FreeAsync(int categoryId, DateOnly from, DateOnly? to, CancellationToken ct)
    {
        var service = await ServiceAsync(categoryId, ct);
        var last = to ?? office.Today().AddDays(service.DaysAhead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await PlanAsync(db, service, ct);
        var booked = await BookedAsync(db, categoryId, from, last, ct);
        var free = new List<FreeSlot>();
        for (var day = from; day <= last; day = day.AddDays(1))
        {
            if (!IsBookableDay(service, day)) continue;
            // A slot that starts too soon has no place left to offer (its day still counts, with what remains).
            free.AddRange(plan.Select(s => new FreeSlot(day, s.StartMinute, service.SlotMinutes,
                StartsTooSoon(day, s.StartMinute) ? 0 : Math.Max(0, s.Capacity - booked.GetValueOrDefault((day, s.StartMinute))))));
        }
        return free;
    }

    /// <summary>The capacity of one slot now, 0 when it is not a slot of that day (or no longer offered).</summary>
    internal async Task<int> CapacityAsync(AppDbContext db, BookableService service, DateOnly day, int startMinute, CancellationToken ct)
    {
        if (!IsBookableDay(service, day) || StartsTooSoon(day, startMinute)) return 0;
        return (await PlanAsync(db, service, ct)).FirstOrDefault(s => s.StartMinute == startMinute)?.Capacity ?? 0;
    }

    /// <summary>The service, when it takes bookings now; otherwise a Spanish refusal.</summary>
    internal async Task<BookableService> ServiceAsync(int categoryId, CancellationToken ct)
        => (await ServicesAsync(ct: ct)).FirstOrDefault(s => s.CategoryId == categoryId)
           ?? throw new RuleException("Servicio: ya no se puede agendar cita para él; elija otro.", RuleKind.NotFound);

    internal bool IsBookableDay(BookableService service, DateOnly day)
    {
        var today = office.Today();
        return day >= today && day <= today.AddDays(service.DaysAhead) && calendar.Current.IsBusinessDay(day);
    }

    private bool StartsTooSoon(DateOnly day, int startMinute)
        => office.ToUtc(day.ToDateTime(TimeOnly.MinValue).AddMinutes(startMinute)) < office.UtcNow().AddMinutes(MinimumNoticeMinutes);

    /// <summary>
    /// A day's slots of the service and their capacities (<see cref="AppointmentSchedule"/>): the office's hours and the
    /// bookings each active desk takes per slot, in the desks' order (the walk-in share alternates between them in that order).
    /// </summary>
    internal async Task<IReadOnlyList<SlotPlan>> PlanAsync(AppDbContext db, BookableService service, CancellationToken ct)
    {
        var perDesk = await db.DeskCategories.AsNoTracking()
            .Where(d => d.ServiceCategoryId == service.CategoryId && d.AppointmentsPerSlot > 0 && d.Desk!.IsActive)
            .OrderBy(d => d.Desk!.Number).Select(d => d.AppointmentsPerSlot).ToListAsync(ct);
        var s = settings.Current;
        return AppointmentSchedule.Plan(s.OfficeOpens, s.OfficeCloses, service.SlotMinutes, service.WalkInSharePercent, perDesk);
    }

    private static async Task<IReadOnlyDictionary<(DateOnly, int), int>> BookedAsync(AppDbContext db, int categoryId, DateOnly from, DateOnly to, CancellationToken ct)
        => (await db.AppointmentSlots.AsNoTracking().Where(s => s.ServiceCategoryId == categoryId && s.Day >= from && s.Day <= to)
                .Select(s => new { s.Day, s.StartMinute, s.Booked }).ToListAsync(ct))
            .ToDictionary(s => (s.Day, s.StartMinute), s => s.Booked);
}
