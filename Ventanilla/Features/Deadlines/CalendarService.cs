namespace Ventanilla.Features.Deadlines;

/// <summary>One non-working day (or range) of the organismo as the calendar page lists and edits it.</summary>
public sealed record OrganismoDayItem(int Id, DateOnly StartDate, DateOnly EndDate, string Description, long Version);

/// <summary>
/// Holds the business calendar in memory (federal days plus the organismo's days from the database) and
/// hands out the legal clock built on it. Every change of the organismo's days goes through here so that
/// the in-memory calendar, the open petitions' due dates and the live views follow in one step.
/// </summary>
public sealed class CalendarService(
    IDbContextFactory<AppDbContext> dbFactory, SettingsService settings, OfficeClock office, LiveUpdates live, TimeProvider time)
{
    private volatile BusinessCalendar? _current;

    public BusinessCalendar Current => _current ?? Load();

    public LegalClock Clock() => ClockOn(Current);

    private LegalClock ClockOn(BusinessCalendar calendar)
    {
        var s = settings.Current;
        var terms = new ClockTerms(s.ResponseTermDays, s.OwnershipProofTermDays, s.YellowThresholdDays, s.OfficeOpens, s.OfficeCloses);
        return new LegalClock(calendar, terms, office.Zone, time);
    }

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        _current = new BusinessCalendar(await OrganismoDays(db).ToListAsync(ct));
    }

    private BusinessCalendar Load()
    {
        using var db = dbFactory.CreateDbContext();
        return _current = new BusinessCalendar(OrganismoDays(db).ToList());
    }

    private static IQueryable<OrganismoDay> OrganismoDays(AppDbContext db)
        => db.NonWorkingDays.AsNoTracking().Select(d => new OrganismoDay(d.StartDate, d.EndDate, d.Description));

    public const int MaxDescriptionLength = 200;


    /// <summary>What a calendar change did to open petitions, said the same on the page and the command line.</summary>
    public static string MovedText(int moved) => moved == 1
        ? "1 petición abierta cambió de fecha límite"
        : $"{Spanish.Count(moved, "petición abierta", "peticiones abiertas")} cambiaron de fecha límite";

    public async Task<IReadOnlyList<OrganismoDayItem>> ListOrganismoDaysAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.NonWorkingDays.AsNoTracking().OrderBy(d => d.StartDate)
            .Select(d => new OrganismoDayItem(d.Id, d.StartDate, d.EndDate, d.Description, d.Version)).ToListAsync(ct);
    }

    /// <summary>
    /// Adds one organismo non-working day or range. Refuses reversed ranges, empty descriptions and days that
    /// are already non-working days of the organismo, naming the field and the date. Open petitions whose
    /// window contains the new days get their due dates moved, in the same transaction.
    /// </summary>
    public async Task<CalendarChange> AddOrganismoDayAsync(
        DateOnly start, DateOnly? end, string? description, Actor actor, CancellationToken ct = default)
    {
        actor.Require("Cambiar el calendario del organismo", Roles.Administrador);
        var (last, text) = Validate(start, end, description);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await EnsureFreeAsync(db, start, last, exceptId: null, ct);
        db.NonWorkingDays.Add(new NonWorkingDay { StartDate = start, EndDate = last, Description = text, CreatedAtUtc = time.GetUtcNow().UtcDateTime });
        return await CommitAsync(db, start, $"se agregó el día inhábil del organismo {Range(start, last)} «{text}».", actor, ct);
    }

    /// <summary>Changes the dates or description of an organismo day; refused if someone changed or removed it first.</summary>
    public async Task<CalendarChange> UpdateOrganismoDayAsync(
        int id, long version, DateOnly start, DateOnly? end, string? description, Actor actor, CancellationToken ct = default)
    {
        actor.Require("Cambiar el calendario del organismo", Roles.Administrador);
        var (last, text) = Validate(start, end, description);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var day = await FindForChangeAsync(db, id, version, ct);
        await EnsureFreeAsync(db, start, last, exceptId: id, ct);
        var before = $"{Range(day.StartDate, day.EndDate)} «{day.Description}»";
        var from = day.StartDate < start ? day.StartDate : start;
        (day.StartDate, day.EndDate, day.Description) = (start, last, text);
        return await CommitAsync(db, from, $"se cambió el día inhábil del organismo {before} a {Range(start, last)} «{text}».", actor, ct);
    }

    public async Task<CalendarChange> RemoveOrganismoDayAsync(int id, Actor actor, CancellationToken ct = default)
    {
        actor.Require("Cambiar el calendario del organismo", Roles.Administrador);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var day = await db.NonWorkingDays.SingleOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new RuleException("Ese día inhábil ya no existe: alguien más lo quitó. Se recargó la lista.");
        db.NonWorkingDays.Remove(day);
        return await CommitAsync(db, day.StartDate, $"se quitó el día inhábil del organismo {Range(day.StartDate, day.EndDate)} «{day.Description}».", actor, ct);
    }

    /// <summary>
    /// Imports organismo days from a CSV (see <see cref="OrganismoDaysCsv"/>). Everything is validated first and
    /// written in one transaction; rows whose days are already the organismo's are skipped, so re-importing a
    /// file adds nothing. A row that only partly overlaps an existing range is an error.
    /// </summary>
    public async Task<CalendarImportResult> ImportOrganismoDaysAsync(byte[] content, Actor actor, CancellationToken ct = default)
    {
        actor.Require("Cambiar el calendario del organismo", Roles.Administrador);
        var rows = OrganismoDaysCsv.Parse(content);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.NonWorkingDays.AsNoTracking().ToListAsync(ct);
        var errors = new List<string>();
        var added = new List<OrganismoDayRow>();
        foreach (var row in rows)
        {
            var overlapping = existing.Where(d => d.StartDate <= row.End && d.EndDate >= row.Start).ToList();
            var covered = Days(row.Start, row.End).All(day => overlapping.Any(d => d.StartDate <= day && day <= d.EndDate));
            if (covered && overlapping.Count > 0) continue;
            if (overlapping.Count > 0)
            {
                var other = overlapping[0];
                errors.Add($"Línea {row.Line}: {Range(row.Start, row.End)} se cruza en parte con «{other.Description}» ({Range(other.StartDate, other.EndDate)}), que ya está registrado.");
                continue;
            }
            added.Add(row);
        }
        if (errors.Count > 0) throw new RuleException("No se importó nada; corrija el archivo:\n" + string.Join('\n', errors));

        var now = time.GetUtcNow().UtcDateTime;
        db.NonWorkingDays.AddRange(added.Select(r => new NonWorkingDay { StartDate = r.Start, EndDate = r.End, Description = r.Description, CreatedAtUtc = now }));
        if (added.Count == 0) return new CalendarImportResult(rows.Count, 0, rows.Count, 0);

        var from = added.Min(r => r.Start);
        var change = await CommitAsync(db, from, $"se importaron {Spanish.Count(added.Count, "día inhábil", "días inhábiles")} del organismo desde un archivo CSV.", actor, ct);
        return new CalendarImportResult(rows.Count, added.Count, rows.Count - added.Count, change.PetitionsMoved);
    }

    /// <summary>The organismo's days as the page exports them: <c>Fecha,FechaFin,Descripcion</c>, UTF-8 with BOM.</summary>
    public async Task<byte[]> ExportOrganismoDaysAsync(CancellationToken ct = default)
    {
        var days = await ListOrganismoDaysAsync(ct);
        return await CsvFiles.ToBytesAsync(OrganismoDaysCsv.RangeHeader, days.Select(d => OrganismoDaysCsv.RangeRow(d.StartDate, d.EndDate, d.Description)), ct);
    }

    /// <summary>
    /// Every non-working day that is not a weekend, federal and organismo, from January of the earliest year
    /// with organismo days (or this year) through December of next year.
    /// </summary>
    public async Task<IReadOnlyList<DayInfo>> NonWorkingDaysAsync(CancellationToken ct = default)
    {
        await ReloadAsync(ct);
        var calendar = Current;
        var thisYear = office.Today().Year;
        var firstYear = calendar.OrganismoDays.Keys.Select(d => d.Year).DefaultIfEmpty(thisYear).Min();
        firstYear = Math.Min(firstYear, thisYear);
        var days = new List<DayInfo>();
        for (var d = new DateOnly(firstYear, 1, 1); d.Year <= thisYear + 1; d = d.AddDays(1))
        {
            var info = calendar.Describe(d);
            if (info.Kind is DayKind.Federal or DayKind.Organismo) days.Add(info);
        }
        return days;
    }

    private static (DateOnly Last, string Text) Validate(DateOnly start, DateOnly? end, string? description)
    {
        var last = end ?? start;
        if (last < start) throw new RuleException($"Fecha fin: {last:dd/MM/yyyy} es anterior a la fecha de inicio ({start:dd/MM/yyyy}).");
        if (last.DayNumber - start.DayNumber > 366) throw new RuleException("Fecha fin: un periodo no puede pasar de un año; regístrelo en partes.");
        var text = description?.Trim() ?? "";
        if (text.Length == 0) throw new RuleException("Descripción: es obligatoria (por ejemplo \"Vacaciones de Semana Santa\").");
        if (text.Length > MaxDescriptionLength) throw new RuleException(RuleException.TooLong("Descripción", MaxDescriptionLength, text.Length));
        return (last, text);
    }

    private static async Task EnsureFreeAsync(AppDbContext db, DateOnly start, DateOnly last, int? exceptId, CancellationToken ct)
    {
        var overlapping = await db.NonWorkingDays.AsNoTracking()
            .Where(d => d.StartDate <= last && d.EndDate >= start && d.Id != exceptId)
            .OrderBy(d => d.StartDate)
            .FirstOrDefaultAsync(ct);
        if (overlapping is not null)
        {
            throw new RuleException(
                $"Fecha: {Range(start, last)} se cruza con «{overlapping.Description}» ({Range(overlapping.StartDate, overlapping.EndDate)}), " +
                "que ya es día inhábil del organismo.");
        }
    }

    private static async Task<NonWorkingDay> FindForChangeAsync(AppDbContext db, int id, long version, CancellationToken ct)
    {
        var day = await db.NonWorkingDays.SingleOrDefaultAsync(d => d.Id == id, ct)
            ?? throw new RuleException("Ese día inhábil ya no existe: alguien más lo quitó. Se recargó la lista.");
        Stale.Check(day.Version, version, "este día inhábil");
        return day;
    }

    /// <summary>
    /// Saves the calendar change, moves the due dates of the open petitions it touches (logging each move),
    /// commits, swaps the in-memory calendar and tells the live views.
    /// </summary>
    private async Task<CalendarChange> CommitAsync(AppDbContext db, DateOnly changedFrom, string why, Actor actor, CancellationToken ct)
    {
        await db.SaveOrStaleAsync(Stale.Message("este día inhábil"), ct);
        var calendar = new BusinessCalendar(await OrganismoDays(db).ToListAsync(ct));
        var moved = await PetitionDeadlines.RecomputeOpenAsync(db, ClockOn(calendar), changedFrom, why, actor.UserName, time.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        await db.Database.CommitTransactionAsync(ct);
        _current = calendar;
        live.Publish(moved > 0 ? LiveTopic.Calendar | LiveTopic.Petitions : LiveTopic.Calendar);
        return new CalendarChange(moved);
    }

    private static IEnumerable<DateOnly> Days(DateOnly start, DateOnly end)
    {
        for (var d = start; d <= end; d = d.AddDays(1)) yield return d;
    }

    public static string Range(DateOnly start, DateOnly end)
        => start == end ? $"{start:dd/MM/yyyy}" : $"del {start:dd/MM/yyyy} al {end:dd/MM/yyyy}";

    /// <summary>
    /// "¿Cuándo vence?": day 0 of something received at a local date and time and the due date for a term,
    /// with every day between them and why it counted or not.
    /// </summary>
    public DueDateExplanation Explain(DateTime receivedLocal, int? termDays = null)
    {
        var clock = Clock();
        var term = termDays ?? clock.Terms.ResponseTermDays;
        if (term is < 1 or > 365) throw new RuleException($"Plazo: debe ser de 1 a 365 días hábiles; se recibió {term}.");

        var dayZero = clock.DayZero(receivedLocal);
        var received = DateOnly.FromDateTime(receivedLocal);
        var info = clock.Calendar.Describe(received);
        var why = info.Kind == DayKind.Weekend
            ? $"Recibida en {info.Description!.ToLowerInvariant()}: el día 0 es el siguiente día hábil, {dayZero:dddd dd/MM/yyyy}."
            : !info.IsBusinessDay
            ? $"Recibida en día inhábil ({LegalClock.Reason(info)}): el día 0 es el siguiente día hábil, {dayZero:dddd dd/MM/yyyy}."
            : dayZero != received
                ? $"Recibida a las {receivedLocal:HH:mm}, al cierre o después (cierre: {clock.Terms.Closes:HH:mm}): el día 0 es el siguiente día hábil, {dayZero:dddd dd/MM/yyyy}."
                : $"Recibida a las {receivedLocal:HH:mm}, en horario de atención: el día 0 es el mismo {dayZero:dddd dd/MM/yyyy}.";
        var days = clock.CountedDays(dayZero, term);
        return new DueDateExplanation(receivedLocal, dayZero, why, term, days.Last(d => d.Counted).Date, days);
    }
}

/// <summary>The answer of the "¿cuándo vence?" calculator.</summary>
public sealed record DueDateExplanation(
    DateTime ReceivedLocal, DateOnly DayZero, string DayZeroReason, int TermDays, DateOnly DueDate, IReadOnlyList<CountedDay> Days);

/// <summary>What a calendar change did to the open petitions.</summary>
public sealed record CalendarChange(int PetitionsMoved);

/// <summary>Rows read, added, already present (skipped), and open petitions whose due dates moved.</summary>
public sealed record CalendarImportResult(int Read, int Added, int AlreadyPresent, int PetitionsMoved);
