using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Deadlines;

/// <summary>An area's row on the wall board: how many open petitions in its hands have each light.</summary>
public sealed record AreaLights(int AreaId, string Area, int Verde, int Amarillo, int Rojo, int Pausada)
{
    public int Total => Verde + Amarillo + Rojo + Pausada;

    public int Count(TrafficLight light) => light switch
    {
        TrafficLight.Verde => Verde,
        TrafficLight.Amarillo => Amarillo,
        TrafficLight.Rojo => Rojo,
        _ => Pausada,
    };
}

/// <summary>An overdue or nearly due folio as the wall shows it: never the petitioner's name.</summary>
/// <param name="DaysLeft">Business days after today up to the due date; negative (or 0 on a weekend) once overdue.</param>
/// <param name="Overdue">Today is past the due date (the light is red).</param>
public sealed record UrgentFolio(string Folio, string Type, string Areas, DateOnly DueDate, int DaysLeft, bool Overdue);

/// <summary>The follow-up wall board's petitions: the counts per area and the folios that need attention now.</summary>
/// <param name="Totals">Every open petition once (a petition can be in the hands of two areas at a time).</param>
/// <param name="Urgent">The worst <see cref="FollowUpWallBoard.UrgentShown"/> of them, the most overdue first.</param>
/// <param name="Overdue">How many are overdue (all of them, not only those listed).</param>
/// <param name="DueSoon">How many are due within <see cref="FollowUpWallBoard.DueSoonDays"/> business days.</param>
public sealed record WallBoard(DateOnly Today, AreaLights Totals, IReadOnlyList<AreaLights> Areas, IReadOnlyList<UrgentFolio> Urgent, int Overdue, int DueSoon);

/// <summary>
/// The data of <c>/pantalla/seguimiento</c> (DESIGN §3.3): per area (the same hands as the kanban) the open
/// petitions by traffic light, and the overdue and due-within-<see cref="DueSoonDays"/> folios, worst first.
/// Counted in SQL by comparing due dates with the two dates where the light changes, so no petition is loaded to
/// count it. One snapshot is built per change and shared by every screen showing the board.
/// </summary>
public sealed class FollowUpWallBoard(
    IDbContextFactory<AppDbContext> dbFactory, CalendarService calendar, OfficeClock office, LiveUpdates live)
{
    /// <summary>Folios due within this many business days are listed with the overdue ones.</summary>
    public const int DueSoonDays = 2;

    /// <summary>What the board shows changes with these.</summary>
    public const LiveTopic Topics = LiveTopic.Petitions | LiveTopic.Calendar | LiveTopic.Settings | LiveTopic.Catalogs;

    private readonly SharedSnapshot<(DateOnly Day, long Generation), WallBoard> _snapshot = new();

    /// <summary>The board for today; built once per change (or day) however many screens ask.</summary>
    public Task<WallBoard> GetAsync()
    {
        var today = office.Today();
        return _snapshot.Get((today, live.GenerationOf(Topics)), office.UtcNow(), maxAge: null, () => BuildAsync(today));
    }

    /// <summary>
    /// The folios listed, the worst first: ten pages of the TV's list. A city can have thousands overdue; the wall shows
    /// their count and the worst ones, and the daily follow-up (<c>/seguimiento</c>) has them all.
    /// </summary>
    public const int UrgentShown = 70;

    private async Task<WallBoard> BuildAsync(DateOnly today)
    {
        await Task.Yield(); // built outside the caller's lock
        var clock = calendar.Clock();
        var cal = clock.Calendar;
        var bounds = clock.Bounds(today);
        // Listed: due before the (DueSoonDays + 1)-th business day from today.
        var listedBefore = cal.AddBusinessDays(today, DueSoonDays + 1);

        await using var db = await dbFactory.CreateDbContextAsync();
        var areas = await db.Areas.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.Kind }).ToListAsync();

        // SQL counts by due date (a few dozen dates for thousands of petitions); the clock gives each date its light.
        var routed = (await db.Routings.AsNoTracking().Where(PetitionDeadlines.HeldByArea)
                .GroupBy(r => new { r.AreaId, r.Petition!.DueDate })
                .Select(g => new { g.Key.AreaId, g.Key.DueDate, Count = g.Count() })
                .ToListAsync())
            .Select(r => (r.AreaId, Light: LegalClock.LightOf(r.DueDate, paused: false, bounds), r.Count)).ToList();
        // One pass over the open petitions by state and due date: the totals, what the office's own areas hold (paused
        // petitions are Atención a Usuarios'), and how many are overdue or due soon.
        var open = (await db.Petitions.AsNoTracking().Where(PetitionDeadlines.Open)
                .GroupBy(p => new { p.Status, Unforwarded = p.Channel != PetitionChannel.Presencial && p.ForwardedAtUtc == null, p.DueDate })
                .Select(g => new { g.Key.Status, g.Key.Unforwarded, g.Key.DueDate, Count = g.Count() })
                .ToListAsync())
            .Select(h => (h.Status, h.Unforwarded, h.DueDate, Light: LegalClock.LightOf(h.DueDate, h.Status == PetitionStatus.EsperandoUsuario, bounds), h.Count))
            .ToList();
        var totals = open.GroupBy(o => o.Light).ToDictionary(g => g.Key, g => g.Sum(o => o.Count));
        var heldByKind = open.Where(o => o.Status != PetitionStatus.Turnada)
            .Select(h => (Kind: PetitionBoard.HolderKind(h.Status, h.Unforwarded), h.Light, h.Count)).ToList();
        var overdue = open.Where(o => o.Light == TrafficLight.Rojo).Sum(o => o.Count);
        var dueSoon = open.Where(o => o.Light != TrafficLight.Pausada && o.DueDate >= today && o.DueDate < listedBefore).Sum(o => o.Count);

        var rows = areas.Select(area =>
        {
            var counts = area.Kind == AreaKind.General
                ? routed.Where(r => r.AreaId == area.Id).Select(r => (r.Light, r.Count))
                : heldByKind.Where(h => h.Kind == area.Kind).Select(h => (h.Light, h.Count));
            var byLight = counts.GroupBy(c => c.Light).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
            return new AreaLights(area.Id, area.Name, byLight.GetValueOrDefault(TrafficLight.Verde), byLight.GetValueOrDefault(TrafficLight.Amarillo),
                byLight.GetValueOrDefault(TrafficLight.Rojo), byLight.GetValueOrDefault(TrafficLight.Pausada));
        }).ToList();

        // The worst first, read in due-date order from the index of the open petitions' due dates (IX_Petitions_OpenDue).
        var urgent = await db.Petitions.AsNoTracking().Where(PetitionDeadlines.Running).Where(p => p.DueDate < listedBefore)
            .OrderBy(p => p.DueDate).ThenBy(p => p.Folio)
            .Take(UrgentShown)
            .Select(p => new
            {
                p.Id, p.Folio, Type = p.PetitionType!.Name, p.Status, p.DueDate,
                Unforwarded = p.Channel != PetitionChannel.Presencial && p.ForwardedAtUtc == null,
            })
            .ToListAsync();
        var ids = urgent.Select(u => u.Id).ToList();
        var urgentAreas = (await db.Routings.AsNoTracking()
                .Where(r => ids.Contains(r.PetitionId) && r.Status == RoutingStatus.Pending)
                .Select(r => new { r.PetitionId, r.AreaId })
                .ToListAsync())
            .ToLookup(r => r.PetitionId, r => r.AreaId);
        var names = areas.ToDictionary(a => a.Id, a => a.Name);
        var order = areas.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var kindNames = areas.Where(a => a.Kind != AreaKind.General).GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.First().Name);
        var index = new BusinessDayIndex(cal, urgent.Count > 0 ? urgent[0].DueDate : today, listedBefore);
        var folios = urgent.Select(p =>
        {
            var holders = urgentAreas[p.Id].Where(names.ContainsKey).OrderBy(id => order[id]).Select(id => names[id]).ToList();
            if (p.Status != PetitionStatus.Turnada || holders.Count == 0)
            {
                var kind = PetitionBoard.HolderKind(p.Status, p.Unforwarded) ?? AreaKind.AtencionUsuarios;
                holders.Insert(0, kindNames.GetValueOrDefault(kind) ?? "Atención a Usuarios");
            }
            return new UrgentFolio(p.Folio, p.Type, string.Join(", ", holders.Distinct()), p.DueDate, index.DaysLeft(p.DueDate, today),
                LegalClock.LightOf(p.DueDate, paused: false, bounds) == TrafficLight.Rojo);
        }).ToList();

        var all = new AreaLights(0, "Todas", totals.GetValueOrDefault(TrafficLight.Verde), totals.GetValueOrDefault(TrafficLight.Amarillo),
            totals.GetValueOrDefault(TrafficLight.Rojo), totals.GetValueOrDefault(TrafficLight.Pausada));
        return new WallBoard(today, all, rows, folios, overdue, dueSoon);
    }
}
