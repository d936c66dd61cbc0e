using Ventanilla.Features.Deadlines;

namespace Ventanilla.Features.Petitions;

/// <summary>A card of the kanban: folio, type, days left and light, with the version a move must match.</summary>
public sealed record BoardCard(int PetitionId, long Version, string Folio, string Type, PetitionStatus Status, DateOnly DueDate, int DaysLeft, TrafficLight Light);

/// <summary>A column of the kanban: an area and the open petitions in its hands.</summary>
public sealed record BoardColumn(int AreaId, string Area, AreaKind Kind, int Total, IReadOnlyList<BoardCard> Cards);

/// <summary>
/// The kanban by area of DESIGN §3.3: each general area holds the petitions with a pending routing to it;
/// Atención a Usuarios those registered, waiting on the petitioner, being answered or approved; the Dirección
/// Comercial those in review and the written ones not yet handed over; the Oficialía those delivered and
/// awaiting closure. Built from one query of the open petitions.
/// </summary>
public sealed class PetitionBoard(IDbContextFactory<AppDbContext> dbFactory, CalendarService calendar)
{
    /// <summary>Cards a column shows at first, and how many more each "Ver más" adds.</summary>
    public const int CardsPerColumn = 60;

    /// <param name="shown">Cards to show per area id for the columns whose "Ver más" was pressed; the rest show
    /// <see cref="CardsPerColumn"/>. The most urgent come first, so the extra ones are the less urgent.</param>
    public async Task<IReadOnlyList<BoardColumn>> GetAsync(
        int? typeId = null, TrafficLight? light = null, IReadOnlyDictionary<int, int>? shown = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clock = calendar.Clock();
        var areas = await db.Areas.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.SortOrder).ThenBy(a => a.Name).ToListAsync(ct);
        var query = db.Petitions.AsNoTracking().Where(PetitionDeadlines.OnBoard);
        if (typeId is { } type) query = query.Where(p => p.PetitionTypeId == type);
        // Two flat queries (the open petitions, then their pending routings) instead of one with a nested
        // collection: SQLite answers them several times faster than the joined, ordered form EF builds for it.
        var open = await query
            .Select(p => new { p.Id, p.Version, p.Folio, Type = p.PetitionType!.Name, p.Status, p.DueDate, p.DayZero, p.Channel, p.ForwardedAtUtc })
            .ToListAsync(ct);
        var pending = (await db.Routings.AsNoTracking()
                .Where(PetitionDeadlines.HeldByArea)
                .Select(r => new { r.PetitionId, r.AreaId })
                .ToListAsync(ct))
            .ToLookup(r => r.PetitionId, r => r.AreaId);

        var cards = open.Select(p =>
        {
            var days = p.Status == PetitionStatus.Entregada ? 0 : clock.DaysLeft(p.DueDate, dayZero: p.DayZero);
            var paused = p.Status == PetitionStatus.EsperandoUsuario;
            var card = new BoardCard(p.Id, p.Version, p.Folio, p.Type, p.Status, p.DueDate, days, clock.Light(p.DueDate, paused));
            return (Card: card, Areas: pending[p.Id].ToList(), p.Channel, p.ForwardedAtUtc);
        }).Where(c => light is null || c.Card.Light == light).ToList();

        return [.. areas.Select(area =>
        {
            // A general area's pending routings come already filtered by PetitionDeadlines.HeldByArea.
            var held = area.Kind == AreaKind.General
                ? cards.Where(c => c.Areas.Contains(area.Id))
                : cards.Where(c => HolderKind(c.Card.Status, c.Channel == PetitionChannel.Escrito && c.ForwardedAtUtc is null) == area.Kind);
            var ordered = held.Select(c => c.Card).OrderBy(c => c.Light == TrafficLight.Pausada).ThenBy(c => c.DueDate).ThenBy(c => c.Folio).ToList();
            return new BoardColumn(area.Id, area.Name, area.Kind, ordered.Count, [.. ordered.Take(Math.Max(CardsPerColumn, shown?.GetValueOrDefault(area.Id) ?? 0))]);
        })];
    }

    /// <summary>
    /// Which of the office's own areas holds an open petition in <paramref name="status"/>; null when it is only in
    /// the hands of the areas it was routed to. A written petition not yet handed over is the Director's.
    /// </summary>
    public static AreaKind? HolderKind(PetitionStatus status, bool unforwardedWritten) => status switch
    {
        PetitionStatus.Turnada => null,
        PetitionStatus.EnRevision => AreaKind.DireccionComercial,
        PetitionStatus.Entregada => AreaKind.OficialiaPartes,
        PetitionStatus.Registrada when unforwardedWritten => AreaKind.DireccionComercial,
        _ => AreaKind.AtencionUsuarios,
    };
}
