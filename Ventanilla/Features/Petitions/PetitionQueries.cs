using System.Runtime.CompilerServices;

namespace Ventanilla.Features.Petitions;

public sealed record PetitionFilter(
    string? Folio = null, string? Person = null, string? Account = null, int? AreaId = null, int? TypeId = null,
    PetitionStatus? Status = null, TrafficLight? Light = null, DateOnly? From = null, DateOnly? To = null, bool OpenOnly = false,
    int? OfficeId = null, PetitionChannel? Channel = null);

/// <summary>A row of the petitions list: what identifies it, when it was received (local time), and how urgent it is.</summary>
public sealed record PetitionRow(
    int Id, string Folio, string? OficialiaFolio, DateTime ReceivedLocal, PetitionChannel Channel, string Petitioner, string? AccountNumber,
    string Type, PetitionStatus Status, DateOnly DueDate, int? DaysLeft, TrafficLight? Light, IReadOnlyList<string> Areas);

public sealed record PetitionListPage(IReadOnlyList<PetitionRow> Rows, int Total, int Page, int PageSize);

/// <summary>How a list of petitions is sorted.</summary>
public enum PetitionOrder
{
    /// <summary>The Control de Peticiones' order: open before closed, running before paused, the earliest due first.</summary>
    Urgency,
    /// <summary>The latest registered first: stable while pages are read one after another (the API's default).</summary>
    Registered,
}

/// <summary>Reading the Control de Peticiones: the list with its filters, sorted by urgency and paged on the server.</summary>
public sealed class PetitionQueries(IDbContextFactory<AppDbContext> dbFactory, CalendarService calendar, OfficeClock office)
{
    public const int DefaultPageSize = 25;

    public async Task<PetitionListPage> ListAsync(
        Actor actor, PetitionFilter filter, int page = 1, int pageSize = DefaultPageSize, CancellationToken ct = default, PetitionOrder order = PetitionOrder.Urgency)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(1, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clock = calendar.Clock();
        var query = Filter(Visible(db.Petitions.AsNoTracking(), actor), filter, clock);
        var total = await query.CountAsync(ct);
        // Urgency: open before closed, running before paused, earliest due date first; closed ones newest first. The
        // register order walks the primary key backwards and stops at the page (urgency sorts every match first).
        var ordered = order == PetitionOrder.Registered
            ? query.OrderByDescending(p => p.Id)
            : query
                .OrderBy(PetitionDeadlines.Closed)
                .ThenBy(p => p.Status == PetitionStatus.EsperandoUsuario)
                .ThenBy(PetitionDeadlines.DueWhileOpen)
                .ThenByDescending(p => p.ReceivedAtUtc)
                .ThenBy(p => p.Id);
        var rows = await Project(ordered.Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(ct);
        // The page's areas in a second, flat query over its few ids: joined into the paged query, the routings of every
        // petition were read (and, on SQLite, materialised) to attach them to the 25 shown.
        var ids = rows.Select(r => r.Id).ToList();
        var areas = (await db.Routings.AsNoTracking().Where(r => ids.Contains(r.PetitionId) && r.Status != RoutingStatus.Withdrawn)
                .OrderBy(r => r.Id).Select(r => new { r.PetitionId, r.Area!.Name }).ToListAsync(ct))
            .ToLookup(r => r.PetitionId, r => r.Name);
        return new PetitionListPage([.. rows.Select(r => r.ToRow(clock, office, areas[r.Id]))], total, page, pageSize);
    }

    /// <summary>Every petition that matches, in register order (folio), for the export: read as it is written, never all at once.</summary>
    public async IAsyncEnumerable<PetitionExportRow> ExportRowsAsync(PetitionFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clock = calendar.Clock();
        var rows = Filter(db.Petitions.AsNoTracking(), filter, clock).OrderBy(p => p.FolioYear).ThenBy(p => p.Folio)
            .Select(p => new PetitionExportRow(
                p.Folio, p.OficialiaFolio, p.ReceivedAtUtc, p.Channel, p.PetitionerName, p.IsThirdParty, p.AccountNumber, p.CadastralKey, p.Phone,
                p.Address, p.PetitionType!.Name, p.Subject, p.Routings.OrderBy(r => r.Id).Select(r => r.Area!.Name).ToList(), p.Status, p.DueDate,
                p.ProofDueDate, p.ResponseDate, p.ClosedAtUtc, p.OnTime, p.Notes, p.DayZero))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct)) yield return row;
    }

    /// <summary>
    /// Step 10: every pending routing of an open petition, worst light first (overdue, then least days left;
    /// paused last), with when it was last followed up. An area liaison sees their areas' routings only.
    /// </summary>
    public async Task<IReadOnlyList<FollowUpRow>> FollowUpsAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clock = calendar.Clock();
        var staff = actor.IsAny(Roles.Staff);
        var areas = actor.AreaIds.ToList();
        var rows = await db.Routings.AsNoTracking()
            .Where(r => r.Status == RoutingStatus.Pending && (staff || areas.Contains(r.AreaId))).Where(PetitionDeadlines.OfRouting(PetitionDeadlines.Open))
            .OrderBy(r => r.Petition!.Status == PetitionStatus.EsperandoUsuario).ThenBy(r => r.Petition!.DueDate).ThenBy(r => r.Id)
            .Select(r => new { r.Id, r.Version, r.Petition!.Folio, Type = r.Petition.PetitionType!.Name, Area = r.Area!.Name, r.RoutedAtUtc, r.LastFollowUpAtUtc, r.Petition.DueDate, r.Petition.DayZero, r.Petition.Status })
            .ToListAsync(ct);
        var today = clock.Today();
        return [.. rows.Select(r => new FollowUpRow(r.Id, r.Version, r.Folio, r.Type, r.Area, r.RoutedAtUtc, r.LastFollowUpAtUtc, r.DueDate,
            clock.DaysLeft(r.DueDate, dayZero: r.DayZero), clock.Light(r.DueDate, r.Status == PetitionStatus.EsperandoUsuario),
            r.LastFollowUpAtUtc is { } last && DateOnly.FromDateTime(office.ToLocal(last)) == today))];
    }

    /// <summary>How many drafts the Control de Peticiones lists at a time (the oldest first: each one still owes a folio).</summary>
    public const int DraftsShown = 20;

    /// <summary>
    /// Visits served today or earlier whose outcome was "petition" and that still have no folio (step 06): the oldest
    /// <paramref name="take"/>, and how many there are. Read through a filtered index of just those visits, so years of
    /// visits cost nothing here.
    /// </summary>
    public async Task<(IReadOnlyList<PetitionDraft> Oldest, int Total)> PendingDraftsAsync(int take = DraftsShown, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = db.Visits.AsNoTracking().Where(v => v.Outcome == VisitOutcome.PetitionCreated && v.PetitionId == null);
        var total = await pending.CountAsync(ct);
        var oldest = total == 0 ? [] : await Drafts(pending.OrderBy(v => v.ArrivedAtUtc).ThenBy(v => v.Id).Take(take)).ToListAsync(ct);
        return (oldest, total);
    }

    /// <summary>The draft of one visit (the registration form prefilled from it), or null when it has none or is registered.</summary>
    public async Task<PetitionDraft?> DraftAsync(int visitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Drafts(db.Visits.AsNoTracking().Where(v => v.Id == visitId && v.Outcome == VisitOutcome.PetitionCreated && v.PetitionId == null))
            .SingleOrDefaultAsync(ct);
    }

    private static IQueryable<PetitionDraft> Drafts(IQueryable<Visit> visits) => visits.Select(v => new PetitionDraft(
        v.Id, v.ArrivedAtUtc, v.Customer != null ? v.Customer.Name : v.VisitorName, v.Customer != null ? v.Customer.AccountNumber : v.AccountNumber,
        v.Customer != null ? v.Customer.Phone : v.Phone, v.Customer != null ? v.Customer.Address : null, v.CustomerId, v.DraftPetitionTypeId, v.DraftSubject));

    /// <summary>
    /// An area liaison sees only the petitions their areas take part in: routed to one of them and still pending there,
    /// or answered by it (the answer is the area's own work). A routing withdrawn before the area answered (the card
    /// moved to another area, the petition cancelled or closed without ownership proof) leaves nothing behind: the
    /// petition, with its petitioner's personal data, is out of that area's hands. The office's staff see all.
    /// </summary>
    public static IQueryable<Petition> Visible(IQueryable<Petition> query, Actor actor)
    {
        if (SeesAll(actor)) return query;
        var areas = actor.AreaIds.ToList();
        return query.Where(p => p.Routings.Any(r => areas.Contains(r.AreaId) && r.Status != RoutingStatus.Withdrawn));
    }

    public static bool MaySee(Actor actor, PetitionView petition)
        => SeesAll(actor) || petition.Routings.Any(r => actor.AreaIds.Contains(r.AreaId) && r.Status != RoutingStatus.Withdrawn);

    private static bool SeesAll(Actor actor) => actor.IsAny(Roles.Staff);

    private IQueryable<Petition> Filter(IQueryable<Petition> query, PetitionFilter filter, LegalClock clock)
    {
        if (!string.IsNullOrWhiteSpace(filter.Folio))
        {
            var text = filter.Folio.Trim().ToUpperInvariant();
            query = query.Where(p => p.Folio.Contains(text) || (p.OficialiaFolio != null && p.OficialiaFolio.ToUpper().Contains(text)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            foreach (var word in TextFold.Fold(filter.Person).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                query = query.Where(p => p.SearchName.Contains(word));
            }
        }
        if (!string.IsNullOrWhiteSpace(filter.Account))
        {
            var account = filter.Account.Trim();
            query = query.Where(p => p.AccountNumber != null && p.AccountNumber.StartsWith(account));
        }
        if (filter.AreaId is { } area) query = query.Where(p => p.Routings.Any(r => r.AreaId == area));
        if (filter.TypeId is { } type) query = query.Where(p => p.PetitionTypeId == type);
        if (filter.OfficeId is { } receivedBy) query = query.Where(p => p.OfficeId == receivedBy);
        if (filter.Channel is { } channel) query = query.Where(p => p.Channel == channel);
        if (filter.Status is { } status) query = query.Where(p => p.Status == status);
        if (filter.OpenOnly) query = query.Where(PetitionDeadlines.Open);
        // «Recibida desde / hasta» are the days it was received in the office's time, as the list shows them (not day 0).
        var (fromUtc, beforeUtc) = office.DaysUtc(filter.From, filter.To);
        if (fromUtc is { } start) query = query.Where(p => p.ReceivedAtUtc >= start);
        if (beforeUtc is { } end) query = query.Where(p => p.ReceivedAtUtc < end);
        if (filter.Light is { } light) query = query.Where(PetitionDeadlines.HasLight(light, clock.Bounds()));
        return query;
    }

    private static IQueryable<RowData> Project(IQueryable<Petition> query) => query.Select(p => new RowData(
        p.Id, p.Folio, p.OficialiaFolio, p.ReceivedAtUtc, p.DayZero, p.Channel, p.PetitionerName, p.AccountNumber, p.PetitionType!.Name, p.Status, p.DueDate));

    private sealed record RowData(
        int Id, string Folio, string? OficialiaFolio, DateTime ReceivedAtUtc, DateOnly DayZero, PetitionChannel Channel, string Petitioner, string? AccountNumber,
        string Type, PetitionStatus Status, DateOnly DueDate)
    {
        public PetitionRow ToRow(LegalClock clock, OfficeClock office, IEnumerable<string> areas)
        {
            var open = PetitionDeadlines.IsOpen(Status);
            return new PetitionRow(Id, Folio, OficialiaFolio, office.ToLocal(ReceivedAtUtc), Channel, Petitioner, AccountNumber, Type, Status, DueDate,
                open ? clock.DaysLeft(DueDate, dayZero: DayZero) : null, open ? clock.Light(DueDate, Status == PetitionStatus.EsperandoUsuario) : null, [.. areas.Distinct()]);
        }
    }
}

/// <summary>A routing on the daily follow-up list.</summary>
public sealed record FollowUpRow(
    int RoutingId, long RoutingVersion, string Folio, string Type, string Area, DateTime RoutedAtUtc, DateTime? LastFollowUpAtUtc,
    DateOnly DueDate, int DaysLeft, TrafficLight Light, bool FollowedUpToday);

/// <summary>A visit's petition waiting to be registered, with what the desk prefilled.</summary>
public sealed record PetitionDraft(
    int VisitId, DateTime ArrivedAtUtc, string? Person, string? AccountNumber, string? Phone, string? Address, int? CustomerId, int? TypeId, string? Subject);

/// <summary>What one line of the Control de Peticiones export needs.</summary>
public sealed record PetitionExportRow(
    string Folio, string? OficialiaFolio, DateTime ReceivedAtUtc, PetitionChannel Channel, string Petitioner, bool IsThirdParty,
    string? AccountNumber, string? CadastralKey, string? Phone, string? Address, string Type, string Subject, List<string> Areas,
    PetitionStatus Status, DateOnly DueDate, DateOnly? ProofDueDate, DateOnly? ResponseDate, DateTime? ClosedAtUtc, bool? OnTime, string? Notes,
    DateOnly DayZero);
