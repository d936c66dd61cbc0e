namespace Ventanilla.Features.Reception;

/// <summary>
/// The day's queue as every live view shows it (waiting room, desks, kiosk, wall board): one snapshot per change, kept
/// like the follow-up wall board's in a <see cref="SharedSnapshot{TKey, T}"/> keyed on the day and
/// <see cref="LiveUpdates.GenerationOf"/>, so twenty screens asking after a change cost one build.
/// </summary>
public sealed class QueueBoards(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office, SettingsService settings, LiveUpdates live)
{
    /// <summary>The queue, its desks and its categories all publish this topic.</summary>
    public const LiveTopic Topics = LiveTopic.Queue;

    private const int RecentCallsShown = 8;

    /// <summary>
    /// Waits are estimated from the clock as much as from changes: a board is rebuilt at least this often, so a
    /// phone or the TV never shows an estimate that stopped counting down while no desk pressed anything.
    /// </summary>
    public static readonly TimeSpan EstimateRefresh = TimeSpan.FromMinutes(1);

    private readonly SharedSnapshot<(DateOnly Day, long Generation), QueueBoard> _snapshot = new();
    private readonly SharedSnapshot<DateOnly, IReadOnlyDictionary<int, TimeSpan>> _fallback = new();

    /// <summary>One office's board for today (null: every office's), cut from the one shared snapshot.</summary>
    public async Task<QueueBoard> GetAsync(int? officeId, CancellationToken ct = default) => (await GetAsync(ct)).For(officeId);

    /// <summary>
    /// The board of every office for today; built once per change (or day) however many screens ask. A change published
    /// while the board was being built makes it stale before anyone shows it (the kiosk's turn and a desk's call a moment
    /// apart): the newer board is built and returned instead, so twenty screens draw once per burst of changes, not once
    /// per change with the newest one last. Bounded, so a stream of changes cannot keep a screen waiting.
    /// </summary>
    public async Task<QueueBoard> GetAsync(CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (generation, build) = Current();
            var board = ct.CanBeCanceled ? await build.WaitAsync(ct) : await build;
            if (attempt == MaxBuildsPerAsk || live.GenerationOf(Topics) == generation) return board;
        }
    }

    private const int MaxBuildsPerAsk = 3;

    private (long Generation, Task<QueueBoard> Build) Current()
    {
        var today = office.Today();
        // Read before building: a change published during the build moves the generation, so that build is not reused.
        var generation = live.GenerationOf(Topics);
        var now = office.UtcNow();
        return (generation, _snapshot.Get((today, generation), now, EstimateRefresh, () => BuildAsync(today, now, generation)));
    }

    private async Task<QueueBoard> BuildAsync(DateOnly today, DateTime nowUtc, long generation)
    {
        // Started inside the caller's lock and, SQLite's reads being synchronous underneath, usually finished there: the
        // first screen gets its board at once and the others asking at that moment wait for this same build.
        await using var db = await dbFactory.CreateDbContextAsync();
        var categories = await db.ServiceCategories.AsNoTracking().Where(c => c.IsActive)
            .OrderBy(c => c.Office!.SortOrder).ThenBy(c => c.SortOrder).ThenBy(c => c.Letter).ToListAsync();
        var tickets = await QueueTurnsBuilder.ReadTicketsAsync(db, today);
        var waiting = tickets.Where(t => QueueRules.IsWaiting(t.Status)).GroupBy(t => t.CategoryId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Preferential: g.Count(t => t.Preferential), Oldest: g.Min(t => t.ArrivedAtUtc)));
        // The latest calls of each office: every office's waiting room shows its own eight. A transferred turn is no longer
        // called (its visitor waits with the new one, which the TV shows beside the code on their paper).
        var offices = categories.Select(c => c.OfficeId).ToHashSet();
        var issued = tickets.GroupBy(t => t.VisitId).ToDictionary(g => g.Key, g => g.MinBy(t => t.Id)!.Code);
        List<CallShown> calls = [.. tickets
            .Where(t => t.LastCalledAtUtc != null && t.Status != TicketStatus.Transferred && t.DeskOfficeId is { } o && offices.Contains(o))
            .GroupBy(t => t.DeskOfficeId!.Value)
            .SelectMany(g => g.OrderByDescending(t => t.LastCalledAtUtc).ThenByDescending(t => t.Id).Take(RecentCallsShown)
                .Select(t => new CallShown(t.Id, t.Code, t.DeskNumber!.Value, t.DeskName!, t.CategoryColor, t.LastCalledAtUtc!.Value, t.CallCount, g.Key,
                    issued[t.VisitId] is var paper && paper != t.Code ? paper : null, t.IsAppointment)))
            .OrderByDescending(c => c.CalledAtUtc).ThenByDescending(c => c.TicketId)];
        // For the follow-up wall board's queue summary: who is at a desk now, and how many were served today, per office.
        var inService = tickets.Where(t => QueueRules.IsAtDesk(t.Status))
            .GroupBy(t => t.CategoryOfficeId).ToDictionary(g => g.Key, g => g.Count());
        var served = await db.Visits.Where(v => v.ServiceDate == today && v.FinishedAtUtc != null && v.Outcome != VisitOutcome.NoShow)
            .GroupBy(v => v.OfficeId).Select(g => new { Office = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Office, g => g.Count);
        var byOffice = inService.Keys.Union(served.Keys).ToDictionary(o => o, o => new OfficeCounts(inService.GetValueOrDefault(o), served.GetValueOrDefault(o)));
        var lines = categories.Select(c => waiting.TryGetValue(c.Id, out var w)
            ? new CategoryQueue(c.Id, c.Letter, c.Name, c.Color, w.Count, w.Preferential, w.Oldest, c.OfficeId)
            : new CategoryQueue(c.Id, c.Letter, c.Name, c.Color, 0, 0, null, c.OfficeId)).ToList();
        var rules = settings.Current;
        var bookings = await QueueTurnsBuilder.ReadBookingsAsync(db, today, nowUtc, TimeSpan.FromMinutes(rules.CheckInLateMinutes));
        var turns = await QueueTurnsBuilder.BuildAsync(db, tickets, bookings, today, QueueRules.Moment.At(nowUtc, rules), categories, await FallbackTimesAsync(today));
        return new QueueBoard(today, lines, calls, inService.Values.Sum(), served.Values.Sum(), turns, byOffice) { Generation = generation };
    }

    /// <summary>The last weeks' service times change only with the day: read once a day, not once per change.</summary>
    private Task<IReadOnlyDictionary<int, TimeSpan>> FallbackTimesAsync(DateOnly today)
        => _fallback.Get(today, office.UtcNow(), maxAge: null, () => ReadFallbackAsync(today));

    private async Task<IReadOnlyDictionary<int, TimeSpan>> ReadFallbackAsync(DateOnly today)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await QueueTurnsBuilder.FallbackTimesAsync(db, today);
    }
}
