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
        var offers = db.AppointmentOffers.AsNoTracking()
            .Where(o => o.IsActive && o.ServiceCategory!.IsActive && o.ServiceCategory.Office!.IsActive)
            .Where(o => db.DeskCategories.Any(d => d.ServiceCategoryId == o.ServiceCategoryId && d.AppointmentsPerSlot > 0 && d.Desk!.IsActive));
        if (officeId is { } only) offers = offers.Where(o => o.ServiceCategory!.OfficeId == only);
        return await offers.OrderBy(o => o.ServiceCategory!.Office!.SortOrder).ThenBy(o => o.ServiceCategory!.SortOrder)
            .Select(o => new BookableService(o.ServiceCategoryId, o.ServiceCategory!.Letter, o.ServiceCategory.Name, o.ServiceCategory.OfficeId,
                o.ServiceCategory.Office!.Name, o.SlotMinutes, o.DaysAhead, o.WalkInSharePercent))
            .ToListAsync(ct);
    }

    /// <summary>The business days from today up to the service's reach, each with how many places it has left.</summary>
    public async Task<IReadOnlyList<(DateOnly Day, int Free)>> DaysAsync(int categoryId, CancellationToken ct = default)
    {
        var service = await ServiceAsync(categoryId, ct);
        var today = office.Today();
        var days = new List<(DateOnly, int)>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var capacities = await DeskCapacitiesAsync(db, categoryId, ct);
        var booked = await BookedAsync(db, categoryId, today, today.AddDays(service.DaysAhead), ct);
        for (var day = today; day <= today.AddDays(service.DaysAhead); day = day.AddDays(1))
        {
            if (!calendar.Current.IsBusinessDay(day)) continue;
            var free = Free(service, capacities, booked, day).Sum(s => s.Free);
            days.Add((day, free));
        }
        return days;
    }

    /// <summary>The day's slots with room left, earliest first.</summary>
    public async Task<IReadOnlyList<FreeSlot>> SlotsAsync(int categoryId, DateOnly day, CancellationToken ct = default)
    {
        var service = await ServiceAsync(categoryId, ct);
        if (!IsBookableDay(service, day)) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var capacities = await DeskCapacitiesAsync(db, categoryId, ct);
        var booked = await BookedAsync(db, categoryId, day, day, ct);
        return [.. Free(service, capacities, booked, day).Where(s => s.Free > 0)];
    }

    /// <summary>The next slots with room after <paramref name="day"/> at <paramref name="startMinute"/> (offered when that one was just taken).</summary>
    public async Task<IReadOnlyList<FreeSlot>> NextFreeAsync(int categoryId, DateOnly day, int startMinute, int take = 4, CancellationToken ct = default)
    {
        var next = new List<FreeSlot>();
        foreach (var (d, free) in await DaysAsync(categoryId, ct))
        {
            if (d < day || free == 0) continue;
            next.AddRange((await SlotsAsync(categoryId, d, ct)).Where(s => d > day || s.StartMinute > startMinute));
            if (next.Count >= take) break;
        }
        return [.. next.Take(take)];
    }

    /// <summary>The capacity of one slot now, 0 when it is not a slot of that day (or no longer offered).</summary>
    internal async Task<int> CapacityAsync(AppDbContext db, BookableService service, DateOnly day, int startMinute, CancellationToken ct)
    {
        if (!IsBookableDay(service, day) || StartsTooSoon(day, startMinute)) return 0;
        var plan = Plan(service, await DeskCapacitiesAsync(db, service.CategoryId, ct));
        return plan.FirstOrDefault(s => s.StartMinute == startMinute)?.Capacity ?? 0;
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

    private IReadOnlyList<SlotPlan> Plan(BookableService service, IReadOnlyList<int> deskCapacities)
    {
        var s = settings.Current;
        return AppointmentSchedule.Plan(s.OfficeOpens, s.OfficeCloses, service.SlotMinutes, service.WalkInSharePercent, deskCapacities);
    }

    private IEnumerable<FreeSlot> Free(BookableService service, IReadOnlyList<int> capacities, IReadOnlyDictionary<(DateOnly, int), int> booked, DateOnly day)
        => Plan(service, capacities)
            .Where(s => !StartsTooSoon(day, s.StartMinute))
            .Select(s => new FreeSlot(day, s.StartMinute, service.SlotMinutes, Math.Max(0, s.Capacity - booked.GetValueOrDefault((day, s.StartMinute)))));

    /// <summary>The bookings each active desk takes per slot, in the desks' order (the walk-in share alternates between them in that order).</summary>
    private static async Task<IReadOnlyList<int>> DeskCapacitiesAsync(AppDbContext db, int categoryId, CancellationToken ct)
        => await db.DeskCategories.AsNoTracking()
            .Where(d => d.ServiceCategoryId == categoryId && d.AppointmentsPerSlot > 0 && d.Desk!.IsActive)
            .OrderBy(d => d.Desk!.Number).Select(d => d.AppointmentsPerSlot).ToListAsync(ct);

    private static async Task<IReadOnlyDictionary<(DateOnly, int), int>> BookedAsync(AppDbContext db, int categoryId, DateOnly from, DateOnly to, CancellationToken ct)
        => (await db.AppointmentSlots.AsNoTracking().Where(s => s.ServiceCategoryId == categoryId && s.Day >= from && s.Day <= to)
                .Select(s => new { s.Day, s.StartMinute, s.Booked }).ToListAsync(ct))
            .ToDictionary(s => (s.Day, s.StartMinute), s => s.Booked);
}
