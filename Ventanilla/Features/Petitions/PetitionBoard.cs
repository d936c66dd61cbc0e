using System.Linq.Expressions;

namespace Ventanilla.Features.Petitions;

/// <summary>A card of the kanban: folio, type, days left and light, with the version a move must match.</summary>
public sealed record BoardCard(
    int PetitionId, long Version, string Folio, string Type, PetitionStatus Status, DateOnly DueDate, int DaysLeft, TrafficLight Light,
    PetitionChannel Channel = PetitionChannel.Presencial);

/// <summary>A column of the kanban: an area and the open petitions in its hands.</summary>
public sealed record BoardColumn(int AreaId, string Area, AreaKind Kind, int Total, IReadOnlyList<BoardCard> Cards);

/// <summary>
/// The kanban by area of DESIGN §3.3: each general area holds the petitions with a pending routing to it;
/// Atención a Usuarios those registered, waiting on the petitioner, being answered or approved; the Dirección
/// Comercial those in review and the written ones not yet handed over; the Oficialía those delivered and
/// awaiting closure. Each column is asked of the database for its most urgent cards and its count (a city has tens
/// of thousands open: they are never all loaded to show sixty a column).
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
        var onBoard = db.Petitions.AsNoTracking().Where(PetitionDeadlines.OnBoard);
        if (typeId is { } type) onBoard = onBoard.Where(p => p.PetitionTypeId == type);
        if (light is { } only) onBoard = onBoard.Where(PetitionDeadlines.HasLight(only, clock.Bounds()));
        // A general area's cards: its pending routings (PetitionDeadlines.HeldByArea) to the petitions that pass the filters.
        var routed = db.Routings.AsNoTracking().Where(PetitionDeadlines.HeldByArea)
            .Join(onBoard, r => r.PetitionId, p => p.Id, (r, p) => new { r.AreaId, Petition = p });
        var routedCounts = await routed.GroupBy(x => x.AreaId).Select(g => new { Area = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Area, g => g.Count, ct);

        var columns = new List<BoardColumn>();
        foreach (var area in areas)
        {
            var take = Math.Max(CardsPerColumn, shown?.GetValueOrDefault(area.Id) ?? 0);
            var held = area.Kind == AreaKind.General
                ? routed.Where(x => x.AreaId == area.Id).Select(x => x.Petition)
                : onBoard.Where(HeldBy(area.Kind));
            var total = area.Kind == AreaKind.General ? routedCounts.GetValueOrDefault(area.Id) : await held.CountAsync(ct);
            var cards = total == 0 ? [] : await held
                .OrderBy(p => p.Status == PetitionStatus.EsperandoUsuario).ThenBy(p => p.DueDate).ThenBy(p => p.Folio)
                .Take(take)
                .Select(p => new { p.Id, p.Version, p.Folio, Type = p.PetitionType!.Name, p.Status, p.DueDate, p.DayZero, p.Channel })
                .ToListAsync(ct);
            columns.Add(new BoardColumn(area.Id, area.Name, area.Kind, total, [.. cards.Select(p => new BoardCard(p.Id, p.Version, p.Folio, p.Type, p.Status, p.DueDate,
                p.Status == PetitionStatus.Entregada ? 0 : clock.DaysLeft(p.DueDate, dayZero: p.DayZero),
                clock.Light(p.DueDate, p.Status == PetitionStatus.EsperandoUsuario), p.Channel))]));
        }
        return columns;
    }

    /// <summary>
    /// <see cref="HolderKind"/> as a query, for one of the office's own areas (a test holds the two together over every
    /// state). A general area's petitions come from its routings instead.
    /// </summary>
    public static Expression<Func<Petition, bool>> HeldBy(AreaKind kind) => kind switch
    {
        AreaKind.DireccionComercial => p => p.Status == PetitionStatus.EnRevision
            || p.Status == PetitionStatus.Registrada && p.Channel != PetitionChannel.Presencial && p.ForwardedAtUtc == null,
        AreaKind.OficialiaPartes => p => p.Status == PetitionStatus.Entregada,
        AreaKind.AtencionUsuarios => p => p.Status != PetitionStatus.Turnada && p.Status != PetitionStatus.EnRevision && p.Status != PetitionStatus.Entregada
            && !(p.Status == PetitionStatus.Registrada && p.Channel != PetitionChannel.Presencial && p.ForwardedAtUtc == null),
        _ => p => false,
    };

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
