namespace Ventanilla.Features.Admin;

public sealed record OfficeItem(int Id, string Name, int SortOrder, bool IsActive, long Version);

/// <summary>
/// The offices of the utility (Catálogos → Oficinas). One exists from the start; more make the kiosks, desks and
/// displays ask which office they are, and let users be limited to theirs. An office is never deleted (its visits and
/// petitions keep pointing to it); the last active one cannot be deactivated, nor one with active desks.
/// </summary>
public sealed class OfficeService(IDbContextFactory<AppDbContext> dbFactory, LiveUpdates live)
{
    public const int MaxNameLength = 120;

    public async Task<IReadOnlyList<OfficeItem>> ListAsync(bool activeOnly = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Offices.AsNoTracking().Where(o => !activeOnly || o.IsActive).OrderBy(o => o.SortOrder).ThenBy(o => o.Name)
            .Select(o => new OfficeItem(o.Id, o.Name, o.SortOrder, o.IsActive, o.Version)).ToListAsync(ct);
    }

    /// <summary>Creates (Id 0) or updates an office.</summary>
    public async Task<OfficeItem> SaveAsync(Actor actor, OfficeItem item, CancellationToken ct = default)
    {
        actor.Require("Cambiar las oficinas", Roles.Administrador);
        var errors = new List<string>();
        var name = string.Join(' ', (item.Name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (name.Length == 0) errors.Add("Nombre: es obligatorio (por ejemplo Sucursal Centro).");
        RuleException.CheckLength(name, "Nombre", MaxNameLength, errors);
        if (item.SortOrder is < 0 or > 999) errors.Add("Orden: de 0 a 999.");
        RuleException.ThrowIfAny(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // «Sucursal Norte» and «sucursal norté» are the same office to the people who choose it.
        var same = (await db.Offices.AsNoTracking().Where(o => o.Id != item.Id).Select(o => o.Name).ToListAsync(ct))
            .FirstOrDefault(other => TextFold.Key(other) == TextFold.Key(name));
        if (same is not null) throw new RuleException($"Nombre: ya hay una oficina llamada {same}.");
        Office office;
        if (item.Id == 0)
        {
            office = new Office();
            db.Offices.Add(office);
        }
        else
        {
            office = await db.Offices.SingleOrDefaultAsync(o => o.Id == item.Id, ct) ?? throw new RuleException("Esa oficina ya no existe.");
            Stale.Check(office.Version, item.Version, "esta oficina");
            if (office.IsActive && !item.IsActive)
            {
                if (!await db.Offices.AnyAsync(o => o.IsActive && o.Id != office.Id, ct)) throw new RuleException("Es la única oficina activa: siempre debe haber una.");
                var desks = await db.Desks.CountAsync(d => d.OfficeId == office.Id && d.IsActive, ct);
                if (desks > 0) throw new RuleException($"{office.Name} tiene {Spanish.Count(desks, "módulo activo", "módulos activos")}; desactívelos antes de desactivar la oficina.");
            }
        }
        (office.Name, office.SortOrder, office.IsActive) = (name, item.SortOrder, item.IsActive);
        await db.SaveOrStaleAsync(Stale.Message("esta oficina"), ct);
        live.Publish(LiveTopic.Catalogs | Reception.QueueBoards.Topics);
        return new OfficeItem(office.Id, office.Name, office.SortOrder, office.IsActive, office.Version);
    }
}
