namespace Ventanilla.Features.Appointments;

/// <summary>A desk that serves the category, and how many bookings it takes per slot (0: walk-ins only).</summary>
public sealed record OfferDesk(int DeskId, string DeskName, int PerSlot);

/// <summary>One category's appointment settings as the administrator's screen shows them.</summary>
/// <param name="SuggestedSlotMinutes">From the category's measured service time of the last 90 days, rounded up to 5 minutes.</param>
public sealed record OfferItem(
    int CategoryId, string Letter, string CategoryName, string OfficeName, bool IsActive, int SlotMinutes, int DaysAhead, int WalkInSharePercent,
    IReadOnlyList<OfferDesk> Desks, long Version, int SuggestedSlotMinutes);

/// <summary>What the administrator saves for one category. <paramref name="Version"/> 0: the category had no offer yet.</summary>
public sealed record OfferInput(int CategoryId, bool IsActive, int SlotMinutes, int DaysAhead, int WalkInSharePercent, IReadOnlyDictionary<int, int> PerSlotByDesk, long Version);

/// <summary>A booking ahead that no longer fits the offer (capacity, hours, slot length or calendar changed), for the staff to reschedule.</summary>
public sealed record UnfitBooking(int Id, string Code, string Name, string? Phone, string? Email, string Service, DateOnly Day, int StartMinute, string Reason)
{
    public TimeOnly Start => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(StartMinute));
}

/// <summary>
/// The administrator's appointment settings per service category: on or off, slot length, days ahead, the walk-in
/// share and the bookings each desk takes per slot. A change never drops a booking: the ones that no longer fit are
/// listed (<see cref="UnfitAsync"/>) for the staff to call and reschedule.
/// </summary>
public sealed class AppointmentOffers(
    IDbContextFactory<AppDbContext> dbFactory, AppointmentCalendar calendar, CalendarService businessDays, OfficeClock office, LiveUpdates live)
{
    public const int MaxPerSlot = 20;

    public async Task<IReadOnlyList<OfferItem>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require("Configurar las citas", Roles.Administrador);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = office.UtcNow().AddDays(-90);
        var measured = (await db.Visits.AsNoTracking()
                .Where(v => v.ArrivedAtUtc >= since && v.ServiceStartedAtUtc != null && v.FinishedAtUtc != null && v.Outcome != VisitOutcome.NoShow)
                .Select(v => new { v.ServiceCategoryId, v.ServiceStartedAtUtc, v.FinishedAtUtc }).ToListAsync(ct))
            .GroupBy(v => v.ServiceCategoryId)
            .ToDictionary(g => g.Key, g => g.Average(v => (v.FinishedAtUtc!.Value - v.ServiceStartedAtUtc!.Value).TotalMinutes));
        var categories = await db.ServiceCategories.AsNoTracking().Where(c => c.IsActive)
            .OrderBy(c => c.Office!.SortOrder).ThenBy(c => c.SortOrder)
            .Select(c => new { c.Id, c.Letter, c.Name, Office = c.Office!.Name }).ToListAsync(ct);
        var offers = await db.AppointmentOffers.AsNoTracking().ToDictionaryAsync(o => o.ServiceCategoryId, ct);
        var desks = await db.DeskCategories.AsNoTracking().Where(d => d.Desk!.IsActive).OrderBy(d => d.Desk!.Number)
            .Select(d => new { d.ServiceCategoryId, d.DeskId, d.Desk!.Name, d.AppointmentsPerSlot }).ToListAsync(ct);
        return [.. categories.Select(c =>
        {
            var suggested = AppointmentSchedule.SlotMinutesFor(measured.TryGetValue(c.Id, out var m) ? m : null);
            var offer = offers.GetValueOrDefault(c.Id);
            return new OfferItem(c.Id, c.Letter, c.Name, c.Office, offer?.IsActive ?? false, offer?.SlotMinutes ?? suggested,
                offer?.DaysAhead ?? AppointmentOffer.DefaultDaysAhead, offer?.WalkInSharePercent ?? AppointmentOffer.DefaultWalkInSharePercent,
                [.. desks.Where(d => d.ServiceCategoryId == c.Id).Select(d => new OfferDesk(d.DeskId, d.Name, d.AppointmentsPerSlot))],
                offer?.Version ?? 0, suggested);
        })];
    }

    public async Task SaveAsync(Actor actor, OfferInput input, CancellationToken ct = default)
    {
        actor.Require("Configurar las citas", Roles.Administrador);
        var errors = new List<string>();
        if (input.SlotMinutes is < 5 or > 240) errors.Add("Duración de cada cita: de 5 a 240 minutos.");
        if (input.DaysAhead is < 1 or > 90) errors.Add("Días hacia adelante: de 1 a 90.");
        if (input.WalkInSharePercent is < 0 or > 90) errors.Add("Parte para turnos sin cita: de 0 % a 90 %.");
        if (input.PerSlotByDesk.Values.Any(n => n is < 0 or > MaxPerSlot)) errors.Add($"Citas por horario en cada módulo: de 0 a {MaxPerSlot}.");
        RuleException.ThrowIfAny(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var category = await db.ServiceCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == input.CategoryId, ct)
            ?? throw new RuleException("Esa categoría ya no existe.", RuleKind.NotFound);
        var offer = await db.AppointmentOffers.SingleOrDefaultAsync(o => o.ServiceCategoryId == input.CategoryId, ct);
        if (offer is null)
        {
            if (input.Version != 0) throw Stale.Error("estas citas");
            offer = new AppointmentOffer { ServiceCategoryId = category.Id };
            db.AppointmentOffers.Add(offer);
        }
        else
        {
            Stale.Check(offer.Version, input.Version, "estas citas");
            db.Entry(offer).Property(o => o.Version).OriginalValue = input.Version;
        }
        (offer.IsActive, offer.SlotMinutes, offer.DaysAhead, offer.WalkInSharePercent) = (input.IsActive, input.SlotMinutes, input.DaysAhead, input.WalkInSharePercent);
        var desks = await db.DeskCategories.Where(d => d.ServiceCategoryId == category.Id).ToListAsync(ct);
        var unknown = input.PerSlotByDesk.Keys.Except(desks.Select(d => d.DeskId)).ToList();
        if (unknown.Count > 0) throw new RuleException("Módulos: uno de ellos ya no atiende esta categoría; recargue la página.");
        foreach (var desk in desks) desk.AppointmentsPerSlot = input.PerSlotByDesk.GetValueOrDefault(desk.DeskId, desk.AppointmentsPerSlot);
        if (input.IsActive && desks.All(d => d.AppointmentsPerSlot == 0))
        {
            throw new RuleException($"Para ofrecer citas de {category.Name}, al menos un módulo debe tomar una cita por horario.");
        }
        try
        {
            await db.SaveOrStaleAsync(Stale.Message("estas citas"), ct);
        }
        catch (DbUpdateException ex) when (Faults.IsUniqueViolation(ex))
        {
            throw Stale.Error("estas citas"); // another administrator created this category's offer a moment ago
        }
        await tx.CommitAsync(ct);
        live.Publish(LiveTopic.Appointments);
    }

    /// <summary>The bookings ahead that the offers, the desks, the hours or the calendar no longer hold, soonest first.</summary>
    public async Task<IReadOnlyList<UnfitBooking>> UnfitAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require("Ver las citas por reagendar", $"{Roles.Administrador},{AppointmentBooking.StaffRoles}");
        var now = office.UtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ahead = await db.Appointments.AsNoTracking().Where(a => a.Status == AppointmentStatus.Booked && a.StartUtc > now)
            .OrderBy(a => a.StartUtc).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Code, a.Name, a.Phone, a.Email, Service = a.ServiceCategory!.Name, a.ServiceCategoryId, a.Day, a.StartMinute })
            .ToListAsync(ct);
        var services = (await calendar.ServicesAsync(ct: ct)).ToDictionary(s => s.CategoryId);
        var unfit = new List<UnfitBooking>();
        var plans = new Dictionary<int, IReadOnlyList<SlotPlan>>();
        foreach (var slot in ahead.GroupBy(a => (a.ServiceCategoryId, a.Day, a.StartMinute)))
        {
            string? reason;
            var keep = 0;
            if (!services.TryGetValue(slot.Key.ServiceCategoryId, out var service)) reason = "el servicio ya no ofrece citas";
            else if (!businessDays.Current.IsBusinessDay(slot.Key.Day)) reason = "ese día ya no es hábil";
            else
            {
                if (!plans.TryGetValue(service.CategoryId, out var plan)) plans[service.CategoryId] = plan = await calendar.PlanAsync(db, service, ct);
                var capacity = plan.FirstOrDefault(p => p.StartMinute == slot.Key.StartMinute)?.Capacity;
                (reason, keep) = capacity switch
                {
                    null => ("ese horario ya no existe (cambió la duración de las citas o el horario de atención)", 0),
                    var c when c < slot.Count() => ("el horario tiene menos lugares que citas", c.Value),
                    _ => (null, slot.Count()),
                };
            }
            // The earliest booked keep their place; the ones booked last are the ones to call.
            foreach (var a in slot.OrderBy(a => a.Id).Skip(keep))
            {
                unfit.Add(new UnfitBooking(a.Id, a.Code, a.Name, a.Phone, a.Email, a.Service, a.Day, a.StartMinute, reason ?? ""));
            }
        }
        return unfit;
    }
}
