namespace Ventanilla.Features.Admin;

public sealed record CatalogItem(int Id, string Name, int SortOrder, bool IsActive, long Version, AreaKind Kind = AreaKind.General);

/// <summary>A petition type as the online channel sees it: offered at <c>/tramite</c> or not, and the documents it asks for.</summary>
public sealed record OnlineTypeSetting(int Id, string Name, bool IsActive, bool AvailableOnline, string? Requirements, long Version);

/// <summary>The administrator's catalogs of areas and petition types.</summary>
public sealed class CatalogService(IDbContextFactory<AppDbContext> dbFactory, LiveUpdates live)
{
    public const int MaxNameLength = 120;

    public async Task<IReadOnlyList<CatalogItem>> ListAreasAsync(bool activeOnly = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Areas.AsNoTracking().Where(a => !activeOnly || a.IsActive)
            .OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new CatalogItem(a.Id, a.Name, a.SortOrder, a.IsActive, a.Version, a.Kind))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<CatalogItem>> ListPetitionTypesAsync(bool activeOnly = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PetitionTypes.AsNoTracking().Where(a => !activeOnly || a.IsActive)
            .OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new CatalogItem(a.Id, a.Name, a.SortOrder, a.IsActive, a.Version, AreaKind.General))
            .ToListAsync(ct);
    }

    /// <summary>Adds (id 0) or updates an area. The procedure's own areas cannot be deactivated.</summary>
    public Task SaveAreaAsync(Actor actor, CatalogItem item, CancellationToken ct = default)
        => SaveEntryAsync(actor, item, db => db.Areas, new CatalogNoun("Área", "un área llamada", "El área ya no existe."),
            () => new Area { Kind = AreaKind.General },
            area =>
            {
                if (!item.IsActive && area.Kind != AreaKind.General)
                {
                    throw new RuleException($"El área '{area.Name}' es parte del procedimiento y no se puede desactivar.");
                }
            }, ct);

    /// <summary>Adds (id 0) or updates a petition type.</summary>
    public Task SavePetitionTypeAsync(Actor actor, CatalogItem item, CancellationToken ct = default)
        => SaveEntryAsync(actor, item, db => db.PetitionTypes, new CatalogNoun("Tipo de petición", "un tipo de petición llamado", "El tipo de petición ya no existe."),
            () => new PetitionType(), _ => { }, ct);

    public const int MaxRequirementsLength = 2000;

    public async Task<IReadOnlyList<OnlineTypeSetting>> ListOnlineTypesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PetitionTypes.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new OnlineTypeSetting(t.Id, t.Name, t.IsActive, t.AvailableOnline, t.OnlineRequirements, t.Version))
            .ToListAsync(ct);
    }

    /// <summary>Offers a petition type online (or stops), with the documents it asks for, one per line.</summary>
    public async Task SaveOnlineTypeAsync(Actor actor, int typeId, long version, bool available, string? requirements, CancellationToken ct = default)
    {
        actor.Require("Cambiar los catálogos", Roles.Administrador);
        var lines = (requirements ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var text = lines.Length == 0 ? null : string.Join('\n', lines);
        if (text is { Length: > MaxRequirementsLength }) throw new RuleException(RuleException.TooLong("Documentos que se piden", MaxRequirementsLength, text.Length));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var type = await db.PetitionTypes.SingleOrDefaultAsync(t => t.Id == typeId, ct) ?? throw new RuleException("El tipo de petición ya no existe.");
        if (available && !type.IsActive) throw new RuleException($"«{type.Name}» está inactivo: actívelo antes de ofrecerlo en línea.");
        db.Entry(type).Property(t => t.Version).OriginalValue = version;
        (type.AvailableOnline, type.OnlineRequirements) = (available, text);
        await SaveAsync(db, ct);
    }

    /// <param name="Field">The field named in a message about the name.</param>
    /// <param name="Called">The noun with its article and agreeing participle: «un área llamada», «un tipo de petición llamado».</param>
    /// <param name="Gone">Said when the entry was removed meanwhile.</param>
    private sealed record CatalogNoun(string Field, string Called, string Gone);

    /// <summary>One save for every catalog: the name checked and unique, the version compared, the entry's own rule applied.</summary>
    private async Task SaveEntryAsync<T>(Actor actor, CatalogItem item, Func<AppDbContext, DbSet<T>> entries, CatalogNoun noun, Func<T> create,
        Action<T> checkExisting, CancellationToken ct) where T : class, ICatalogEntry
    {
        actor.Require("Cambiar los catálogos", Roles.Administrador);
        var name = CleanName(item.Name, noun.Field);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var others = await entries(db).AsNoTracking().Where(e => e.Id != item.Id).Select(e => e.Name).ToListAsync(ct);
        EnsureUnique(name, others, noun.Called);
        T entry;
        if (item.Id == 0)
        {
            entry = create();
            entries(db).Add(entry);
        }
        else
        {
            entry = await entries(db).SingleOrDefaultAsync(e => e.Id == item.Id, ct) ?? throw new RuleException(noun.Gone);
            db.Entry(entry).Property(e => e.Version).OriginalValue = item.Version;
            checkExisting(entry);
        }
        entry.Name = name;
        entry.SortOrder = item.SortOrder;
        entry.IsActive = item.IsActive;
        await SaveAsync(db, ct);
    }

    private static string CleanName(string? name, string field)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length == 0) throw new RuleException($"{field}: el nombre es obligatorio.");
        if (clean.Length > MaxNameLength) throw new RuleException($"{field}: el nombre admite a lo más {MaxNameLength} caracteres.");
        return clean;
    }

    private static void EnsureUnique(string name, IEnumerable<string> others, string what)
    {
        if (others.Any(o => TextFold.Key(o) == TextFold.Key(name)))
        {
            throw new RuleException($"Ya existe {what} «{name}».");
        }
    }

    private async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        await db.SaveOrStaleAsync(Stale.Message("este registro"), ct);
        // Boards show area and type names: a rename or a new area appears on them at once.
        live.Publish(LiveTopic.Catalogs);
    }
}
