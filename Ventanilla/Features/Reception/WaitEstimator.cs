namespace Ventanilla.Features.Reception;

/// <summary>A desk as the estimate sees it: what it serves and when it is expected to be free for the next turn.</summary>
public sealed record DeskLoad(int DeskId, IReadOnlySet<int> CategoryIds, DateTime FreeAtUtc);

/// <summary>A waiting turn, in the order the desks will call it (preferential first, then by arrival).</summary>
public sealed record WaitingTurn(int TicketId, int CategoryId);

/// <summary>
/// How long each waiting visitor will wait, from what the day has actually been like: the desks that are open, what
/// each one serves, how long a turn of each category really keeps a desk busy today, and the turns ahead in the
/// order «Llamar siguiente» takes them. It plays the queue forward: the desk that frees first calls the first waiting
/// turn it serves, and is busy for that category's time. A pure function, so the benchmark can replay a month with it.
/// </summary>
public static class WaitEstimator
{
    /// <summary>When a category has no finished turn yet (today or in the last weeks): a typical attention.</summary>
    public static readonly TimeSpan DefaultServiceTime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The estimated call time of every waiting turn (absent when no open desk serves its category), and for each
    /// category the call time a visitor arriving now would get (after everyone already waiting).
    /// </summary>
    public static (IReadOnlyDictionary<int, DateTime> Turns, IReadOnlyDictionary<int, DateTime> NewArrival) Estimate(
        DateTime nowUtc, IReadOnlyList<DeskLoad> desks, IReadOnlyList<WaitingTurn> waiting, IReadOnlyDictionary<int, TimeSpan> serviceTimes,
        IEnumerable<int> categories)
    {
        var turns = Simulate(nowUtc, desks, waiting, serviceTimes);
        var arrival = new Dictionary<int, DateTime>();
        foreach (var category in categories)
        {
            // A newcomer is one more turn at the end of the line (ticket ids are positive; this one is not).
            var newcomer = new WaitingTurn(-1, category);
            if (Simulate(nowUtc, desks, [.. waiting, newcomer], serviceTimes).TryGetValue(newcomer.TicketId, out var at)) arrival[category] = at;
        }
        return (turns, arrival);
    }

    private static Dictionary<int, DateTime> Simulate(
        DateTime nowUtc, IReadOnlyList<DeskLoad> desks, IReadOnlyList<WaitingTurn> waiting, IReadOnlyDictionary<int, TimeSpan> serviceTimes)
    {
        var free = desks.Select(d => (d.DeskId, d.CategoryIds, At: d.FreeAtUtc < nowUtc ? nowUtc : d.FreeAtUtc)).ToList();
        var turns = new Dictionary<int, DateTime>();
        var pending = waiting.ToList();
        TimeSpan Time(int category) => serviceTimes.TryGetValue(category, out var t) && t > TimeSpan.Zero ? t : DefaultServiceTime;

        // Each round: the desk that frees first takes the first waiting turn it serves (as CallNextAsync does).
        while (pending.Count > 0 && free.Count > 0)
        {
            var next = 0;
            for (var i = 1; i < free.Count; i++)
            {
                if (free[i].At < free[next].At || free[i].At == free[next].At && free[i].DeskId < free[next].DeskId) next = i;
            }
            var desk = free[next];
            var index = pending.FindIndex(t => desk.CategoryIds.Contains(t.CategoryId));
            if (index < 0)
            {
                free.RemoveAt(next); // nothing left for this desk: it does not hold the others back
                continue;
            }
            var turn = pending[index];
            pending.RemoveAt(index);
            turns[turn.TicketId] = desk.At;
            free[next] = desk with { At = desk.At + Time(turn.CategoryId) };
        }
        return turns;
    }

    /// <summary>Minutes from now, rounded up, for the screens; zero when it is about to be called.</summary>
    public static int Minutes(DateTime nowUtc, DateTime atUtc) => Math.Max(0, (int)Math.Ceiling((atUtc - nowUtc).TotalMinutes));
}
