using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;
namespace Ventanilla.Features.Admin;

public sealed record CatalogItem(int Id, string Name, int SortOrder, bool IsActive, long Version, AreaKind Kind = AreaKind.General);

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
    public async Task SaveAreaAsync(Actor actor, CatalogItem item, CancellationToken ct = default)
    {
        actor.Require("Cambiar los catálogos", Roles.Administrador);
        var name = CleanName(item.Name, "Área");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var others = await db.Areas.AsNoTracking().Where(a => a.Id != item.Id).Select(a => a.Name).ToListAsync(ct);
        EnsureUnique(name, others, "un área llamada");
        Area area;
        if (item.Id == 0)
        {
            area = new Area { Kind = AreaKind.General };
            db.Areas.Add(area);
        }
        else
        {
            area = await db.Areas.SingleOrDefaultAsync(a => a.Id == item.Id, ct) ?? throw new RuleException("El área ya no existe.");
            db.Entry(area).Property(a => a.Version).OriginalValue = item.Version;
            if (!item.IsActive && area.Kind != AreaKind.General)
            {
                throw new RuleException($"El área '{area.Name}' es parte del procedimiento y no se puede desactivar.");
            }
        }
        area.Name = name;
        area.SortOrder = item.SortOrder;
        area.IsActive = item.IsActive;
        await SaveAsync(db, ct);
    }

    public async Task SavePetitionTypeAsync(Actor actor, CatalogItem item, CancellationToken ct = default)
    {
        actor.Require("Cambiar los catálogos", Roles.Administrador);
        var name = CleanName(item.Name, "Tipo de petición");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var others = await db.PetitionTypes.AsNoTracking().Where(a => a.Id != item.Id).Select(a => a.Name).ToListAsync(ct);
        EnsureUnique(name, others, "un tipo de petición llamado");
        PetitionType type;
        if (item.Id == 0)
        {
            type = new PetitionType();
            db.PetitionTypes.Add(type);
        }
        else
        {
            type = await db.PetitionTypes.SingleOrDefaultAsync(a => a.Id == item.Id, ct) ?? throw new RuleException("El tipo de petición ya no existe.");
            db.Entry(type).Property(a => a.Version).OriginalValue = item.Version;
        }
        type.Name = name;
        type.SortOrder = item.SortOrder;
        type.IsActive = item.IsActive;
        await SaveAsync(db, ct);
    }

    private static string CleanName(string? name, string field)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length == 0) throw new RuleException($"{field}: el nombre es obligatorio.");
        if (clean.Length > MaxNameLength) throw new RuleException($"{field}: el nombre admite a lo más {MaxNameLength} caracteres.");
        return clean;
    }

    /// <param name="what">The noun with its article and agreeing participle: «un área llamada», «un tipo de petición llamado».</param>
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
