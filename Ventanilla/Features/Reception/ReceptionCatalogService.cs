using System.Text.RegularExpressions;

namespace Ventanilla.Features.Reception;

public sealed record CategoryItem(int Id, string Letter, string Name, string Color, int SortOrder, bool IsActive, long Version, int OfficeId = Office.MainId);

/// <summary>
/// The catalogs of the reception: service categories (the kiosk's buttons) and desks (módulos), each of an office. A
/// letter and a desk number are unique within their office, and a desk serves only its own office's lines.
/// </summary>
public sealed partial class ReceptionCatalogService(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office, LiveUpdates live)
{
    public const int MaxNameLength = 80;

    /// <param name="officeId">Only that office's lines; null: every office's.</param>
    public async Task<IReadOnlyList<CategoryItem>> ListCategoriesAsync(bool activeOnly = false, CancellationToken ct = default, int? officeId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ServiceCategories.AsNoTracking().Where(c => (!activeOnly || c.IsActive) && (officeId == null || c.OfficeId == officeId))
            .OrderBy(c => c.Office!.SortOrder).ThenBy(c => c.SortOrder).ThenBy(c => c.Letter)
            .Select(c => new CategoryItem(c.Id, c.Letter, c.Name, c.Color, c.SortOrder, c.IsActive, c.Version, c.OfficeId)).ToListAsync(ct);
    }

    /// <param name="officeId">Only that office's desks; null: every office's.</param>
    public async Task<IReadOnlyList<DeskItem>> ListDesksAsync(bool activeOnly = false, CancellationToken ct = default, int? officeId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var desks = await db.Desks.AsNoTracking().Include(d => d.Categories)
            .Where(d => (!activeOnly || d.IsActive) && (officeId == null || d.OfficeId == officeId))
            .OrderBy(d => d.Office!.SortOrder).ThenBy(d => d.Number).ToListAsync(ct);
        return [.. desks.Select(d => new DeskItem(d.Id, d.Number, d.Name, d.IsActive, [.. d.Categories.Select(c => c.ServiceCategoryId)], d.Version, d.OfficeId))];
    }

    /// <summary>Creates (Id 0) or updates a category. The letter is unique; a category with people waiting today stays active.</summary>
    public async Task SaveCategoryAsync(Actor actor, CategoryItem item, CancellationToken ct = default)
    {
        actor.Require("Cambiar los catálogos", Roles.Administrador);
        var errors = new List<string>();
        var letter = (item.Letter ?? "").Trim().ToUpperInvariant();
        if (!LetterPattern().IsMatch(letter)) errors.Add("Letra: una o dos letras de la A a la Z (por ejemplo A).");
        var name = (item.Name ?? "").Trim();
        if (name.Length == 0) errors.Add("Nombre: es obligatorio.");
        else if (name.Length > MaxNameLength) errors.Add(RuleException.TooLong("Nombre", MaxNameLength, name.Length));
        var color = (item.Color ?? "").Trim().ToLowerInvariant();
        if (!ColorPattern().IsMatch(color)) errors.Add("Color: use el formato #rrggbb (por ejemplo #1565c0).");
        if (item.SortOrder is < 0 or > 999) errors.Add("Orden: de 0 a 999.");
        RuleException.ThrowIfAny(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var officeName = await OfficeNameAsync(db, item.OfficeId, ct);
        if (await db.ServiceCategories.AnyAsync(c => c.Letter == letter && c.OfficeId == item.OfficeId && c.Id != item.Id, ct))
        {
            throw new RuleException($"Letra: ya hay otra categoría con la letra {letter}{(officeName is null ? "" : $" en {officeName}")}.");
        }
        ServiceCategory category;
        if (item.Id == 0)
        {
            category = new ServiceCategory { OfficeId = item.OfficeId };
            db.ServiceCategories.Add(category);
        }
        else
        {
            category = await db.ServiceCategories.SingleOrDefaultAsync(c => c.Id == item.Id, ct) ?? throw new RuleException("Esa categoría ya no existe.");
            Stale.Check(category.Version, item.Version, "esta categoría");
            // Its turns, desks and history are that office's: a line does not move to another office.
            if (category.OfficeId != item.OfficeId) throw new RuleException("Oficina: una categoría no cambia de oficina; cree una nueva en la otra oficina.");
            if (category.IsActive && !item.IsActive)
            {
                var today = office.Today();
                var waiting = await db.QueueTickets.Where(t => t.ServiceDate == today && t.ServiceCategoryId == category.Id)
                    .Where(QueueRules.Pending).CountAsync(ct);
                if (waiting > 0)
                {
                    throw new RuleException($"La categoría {category.Letter} tiene {Spanish.Count(waiting, "turno pendiente", "turnos pendientes")} hoy; atiéndalos o transfiéralos antes de desactivarla.");
                }
            }
        }
        (category.Letter, category.Name, category.Color, category.SortOrder, category.IsActive) = (letter, name, color, item.SortOrder, item.IsActive);
        await SaveAsync(db, ct);
    }

    /// <summary>Creates (Id 0) or updates a desk with the categories it serves.</summary>
    public async Task SaveDeskAsync(Actor actor, DeskItem item, CancellationToken ct = default)
    {
        actor.Require("Cambiar los catálogos", Roles.Administrador);
        var errors = new List<string>();
        if (item.Number is < 1 or > 99) errors.Add("Número: de 1 a 99.");
        var name = (item.Name ?? "").Trim();
        if (name.Length == 0) name = $"Módulo {item.Number}";
        if (name.Length > MaxNameLength) errors.Add(RuleException.TooLong("Nombre", MaxNameLength, name.Length));
        RuleException.ThrowIfAny(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var officeName = await OfficeNameAsync(db, item.OfficeId, ct);
        if (await db.Desks.AnyAsync(d => d.Number == item.Number && d.OfficeId == item.OfficeId && d.Id != item.Id, ct))
        {
            throw new RuleException($"Número: ya existe el módulo {item.Number}{(officeName is null ? "" : $" en {officeName}")}.");
        }
        var chosen = await db.ServiceCategories.Where(c => item.CategoryIds.Contains(c.Id)).Select(c => new { c.Id, c.Letter, c.OfficeId }).ToListAsync(ct);
        if (chosen.Count != item.CategoryIds.Distinct().Count()) throw new RuleException("Categorías: una de las elegidas ya no existe; se recargó la lista.");
        if (chosen.FirstOrDefault(c => c.OfficeId != item.OfficeId) is { } foreign)
        {
            throw new RuleException($"Categorías: la {foreign.Letter} es de otra oficina; un módulo atiende solo las categorías de su oficina.");
        }
        var known = chosen.Select(c => c.Id).ToList();

        Desk desk;
        if (item.Id == 0)
        {
            desk = new Desk { OfficeId = item.OfficeId };
            db.Desks.Add(desk);
        }
        else
        {
            desk = await db.Desks.Include(d => d.Categories).SingleOrDefaultAsync(d => d.Id == item.Id, ct) ?? throw new RuleException("Ese módulo ya no existe.");
            Stale.Check(desk.Version, item.Version, "este módulo");
            if (desk.OfficeId != item.OfficeId) throw new RuleException("Oficina: un módulo no cambia de oficina; cree uno nuevo en la otra oficina.");
        }
        (desk.Number, desk.Name, desk.IsActive) = (item.Number, name, item.IsActive);
        desk.Categories.RemoveAll(c => !known.Contains(c.ServiceCategoryId));
        foreach (var id in known.Where(id => desk.Categories.All(c => c.ServiceCategoryId != id)))
        {
            desk.Categories.Add(new DeskCategory { ServiceCategoryId = id });
        }
        // The desk row itself may be unchanged when only its categories change; its version must still move.
        db.Entry(desk).State = item.Id == 0 ? EntityState.Added : EntityState.Modified;
        await SaveAsync(db, ct);
    }

    /// <summary>Checks the office exists; its name for messages, or null while it is the only one (then offices go unsaid).</summary>
    private static async Task<string?> OfficeNameAsync(AppDbContext db, int officeId, CancellationToken ct)
    {
        var offices = await db.Offices.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var office = offices.SingleOrDefault(o => o.Id == officeId) ?? throw new RuleException("Oficina: ya no existe; se recargó la lista.");
        return offices.Count > 1 ? office.Name : null;
    }

    private async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        await db.SaveOrStaleAsync(Stale.Message("este registro"), ct);
        // The queue's screens show the categories and desks: they are part of the queue's board.
        live.Publish(QueueBoards.Topics);
    }

    [GeneratedRegex("^[A-Z]{1,2}$")]
    private static partial Regex LetterPattern();

    [GeneratedRegex("^#[0-9a-f]{6}$")]
    private static partial Regex ColorPattern();
}
