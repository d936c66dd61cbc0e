namespace Ventanilla.Features.Archive;

/// <summary>A series as the chart lists it, with the petition types that belong to it.</summary>
public sealed record SeriesRow(int Id, string Code, string Name, int ActiveYears, int SemiActiveYears, ArchiveDisposal Disposal, bool IsActive, long Version, IReadOnlyList<string> Types);

/// <summary>A series to create (<see cref="Id"/> null) or change.</summary>
public sealed record SeriesInput(int? Id, string? Code, string? Name, int ActiveYears, int SemiActiveYears, ArchiveDisposal Disposal, bool IsActive, long Version = 0);

/// <summary>A petition type and the series it is in, for the chart's assignment table.</summary>
public sealed record TypeSeriesRow(int TypeId, string Type, int? SeriesId, long Version);

/// <summary>
/// The office's classification chart and disposal catalogue: series (code, name, years in the active and in the
/// semi-active archive, final destination) and the series of each petition type. Only the Administrador changes them;
/// every change is checked against the version the page read.
/// </summary>
public sealed class ArchiveCatalog(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office)
{
    public const int MaxCodeLength = 30;
    public const int MaxNameLength = 200;
    public const int MaxYears = 100;

    public const string ReadRoles = $"{Roles.Administrador},{Roles.DireccionComercial}";

    public static string Label(ArchiveDisposal disposal) => disposal switch
    {
        ArchiveDisposal.Baja => "Baja documental",
        ArchiveDisposal.Historico => "Archivo histórico",
        _ => disposal.ToString(),
    };

    public async Task<IReadOnlyList<SeriesRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var series = await db.ArchiveSeries.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
        var types = await db.PetitionTypes.AsNoTracking().Where(t => t.ArchiveSeriesId != null).OrderBy(t => t.SortOrder)
            .Select(t => new { t.Name, t.ArchiveSeriesId }).ToListAsync(ct);
        return [.. series.Select(s => new SeriesRow(s.Id, s.Code, s.Name, s.ActiveYears, s.SemiActiveYears, s.Disposal, s.IsActive, s.Version,
            [.. types.Where(t => t.ArchiveSeriesId == s.Id).Select(t => t.Name)]))];
    }

    public async Task<IReadOnlyList<TypeSeriesRow>> TypesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PetitionTypes.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TypeSeriesRow(t.Id, t.Name, t.ArchiveSeriesId, t.Version)).ToListAsync(ct);
    }

    /// <summary>Creates or changes a series; every wrong field is named at once and nothing is written.</summary>
    public async Task<int> SaveAsync(Actor actor, SeriesInput input, CancellationToken ct = default)
    {
        actor.Require("Cambiar el cuadro de clasificación", Roles.Administrador);
        var code = input.Code?.Trim() ?? "";
        var name = input.Name?.Trim() ?? "";
        var errors = new List<string>();
        if (code.Length == 0) errors.Add("Clave: escriba la clave de la serie (por ejemplo 3C.5).");
        else if (code.Length > MaxCodeLength) errors.Add(RuleException.TooLong("Clave", MaxCodeLength, code.Length));
        if (name.Length == 0) errors.Add("Serie: escriba su nombre.");
        else if (name.Length > MaxNameLength) errors.Add(RuleException.TooLong("Serie", MaxNameLength, name.Length));
        if (input.ActiveYears is < 0 or > MaxYears) errors.Add($"Años en archivo de trámite: de 0 a {MaxYears}; se recibió {input.ActiveYears}.");
        if (input.SemiActiveYears is < 0 or > MaxYears) errors.Add($"Años en archivo de concentración: de 0 a {MaxYears}; se recibió {input.SemiActiveYears}.");
        if (!Enum.IsDefined(input.Disposal)) errors.Add("Destino final: elija baja documental o archivo histórico.");
        RuleException.ThrowIfAny(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ArchiveSeries.AnyAsync(s => s.Code == code && s.Id != input.Id, ct)) throw new RuleException($"Clave: ya hay una serie con la clave {code}.");
        ArchiveSeries series;
        string? before = null;
        if (input.Id is { } id)
        {
            series = await db.ArchiveSeries.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new RuleException("Esa serie ya no existe; recargue la página.", RuleKind.NotFound);
            db.Entry(series).Property(s => s.Version).OriginalValue = input.Version;
            before = Describe(series);
        }
        else
        {
            series = new ArchiveSeries();
            db.ArchiveSeries.Add(series);
        }
        (series.Code, series.Name, series.ActiveYears, series.SemiActiveYears, series.Disposal, series.IsActive) =
            (code, name, input.ActiveYears, input.SemiActiveYears, input.Disposal, input.IsActive);
        if (before != Describe(series)) SettingHistory.Add(db, actor.UserName, office.UtcNow(), $"Archivo: serie {code}", before, Describe(series));
        await db.SaveOrStaleAsync(Stale.Message("la serie"), ct);
        return series.Id;
    }

    /// <summary>Puts a petition type in a series (or out of every one); files already classified keep theirs.</summary>
    public async Task AssignAsync(Actor actor, int typeId, int? seriesId, long typeVersion, CancellationToken ct = default)
    {
        actor.Require("Cambiar el cuadro de clasificación", Roles.Administrador);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var type = await db.PetitionTypes.SingleOrDefaultAsync(t => t.Id == typeId, ct) ?? throw new RuleException("El tipo de petición ya no existe.", RuleKind.NotFound);
        if (seriesId is { } sid && !await db.ArchiveSeries.AnyAsync(s => s.Id == sid && s.IsActive, ct))
        {
            throw new RuleException($"Serie de «{type.Name}»: esa serie ya no existe o está inactiva.");
        }
        db.Entry(type).Property(t => t.Version).OriginalValue = typeVersion;
        var codes = await db.ArchiveSeries.Where(s => s.Id == type.ArchiveSeriesId || s.Id == seriesId).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        if (type.ArchiveSeriesId != seriesId)
        {
            SettingHistory.Add(db, actor.UserName, office.UtcNow(), $"Archivo: serie de «{type.Name}»",
                type.ArchiveSeriesId is { } was ? codes[was] : "Sin serie", seriesId is { } now ? codes[now] : "Sin serie");
        }
        type.ArchiveSeriesId = seriesId;
        await db.SaveOrStaleAsync(Stale.Message("el tipo de petición"), ct);
    }

    /// <summary>A series in one line, as the settings history keeps it.</summary>
    private static string Describe(ArchiveSeries s)
        => $"{s.Code} {s.Name}; trámite {s.ActiveYears} años, concentración {s.SemiActiveYears} años; {Label(s.Disposal)}{(s.IsActive ? "" : "; inactiva")}";

    /// <summary>At start, a database without a chart gets one series for every type, which the office then refines.</summary>
    public static async Task SeedAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (await db.ArchiveSeries.AnyAsync(ct)) return;
        var series = new ArchiveSeries { Code = "AU.01", Name = "Peticiones, quejas y aclaraciones de usuarios", ActiveYears = 2, SemiActiveYears = 5, Disposal = ArchiveDisposal.Baja };
        db.ArchiveSeries.Add(series);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance starting at the same time made it first (the code is unique).
            db.Entry(series).State = EntityState.Detached;
            if (await db.ArchiveSeries.AnyAsync(ct)) return;
            throw;
        }
        await db.PetitionTypes.Where(t => t.ArchiveSeriesId == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.ArchiveSeriesId, series.Id), ct);
    }
}
