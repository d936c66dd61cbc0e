namespace Ventanilla.Features.Reception;

/// <summary>A desk as the estimate sees it: what it serves and when it is expected to be free for the next turn.</summary>
public sealed record DeskLoad(int DeskId, IReadOnlySet<int> CategoryIds, DateTime FreeAtUtc);

/// <summary>
/// A waiting turn, listed in the order the desks would call it now, with its <see cref="QueueRules.Place"/> (an
/// appointment's place changes as its slot comes). A booking not yet checked in is one too, with a negative id and
/// <paramref name="ReadyAtUtc"/>: no desk calls it before its slot.
/// </summary>
public sealed record WaitingTurn(int TicketId, int CategoryId, QueueRules.Place Place, DateTime? ReadyAtUtc = null)
{
    /// <summary>A turn waiting in the office: an appointment's becomes callable shortly before its slot (<see cref="QueueRules.EarlyCall"/>).</summary>
    public static WaitingTurn Present(int ticketId, int categoryId, QueueRules.Place place, DateTime nowUtc)
        => new(ticketId, categoryId, place, QueueRules.CallableFrom(place, nowUtc));

    /// <summary>The stand-in for a booking of today not yet checked in (ids of real turns are positive; -1 is the newcomer).</summary>
    public static WaitingTurn Booking(int appointmentId, int categoryId, DateTime slotStartUtc, DateTime nowUtc)
    {
        // Most come a few minutes early and are called from shortly before their slot.
        var ready = slotStartUtc - QueueRules.EarlyCall > nowUtc ? slotStartUtc - QueueRules.EarlyCall : nowUtc;
        return new(-1 - appointmentId, categoryId, new QueueRules.Place(false, ready, int.MaxValue - appointmentId, slotStartUtc), ready);
    }
}

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
        IEnumerable<int> categories, TimeSpan? walkInCeiling = null)
    {
        var ceiling = walkInCeiling ?? TimeSpan.FromMinutes(AppSettings.DefaultWalkInCeilingMinutes);
        var turns = Simulate(nowUtc, desks, waiting, serviceTimes, ceiling);
        var arrival = new Dictionary<int, DateTime>();
        foreach (var category in categories)
        {
            // A newcomer is one more walk-in at the end of the line (ticket ids are positive; this one is not).
            var newcomer = new WaitingTurn(-1, category, new QueueRules.Place(false, nowUtc, int.MaxValue));
            if (Simulate(nowUtc, desks, [.. waiting, newcomer], serviceTimes, ceiling).TryGetValue(newcomer.TicketId, out var at)) arrival[category] = at;
        }
        return (turns, arrival);
    }

    private static Dictionary<int, DateTime> Simulate(
        DateTime nowUtc, IReadOnlyList<DeskLoad> desks, IReadOnlyList<WaitingTurn> waiting, IReadOnlyDictionary<int, TimeSpan> serviceTimes,
        TimeSpan ceiling)
    {
        var free = desks.Select(d => (d.DeskId, d.CategoryIds, At: d.FreeAtUtc < nowUtc ? nowUtc : d.FreeAtUtc)).ToList();
        var turns = new Dictionary<int, DateTime>();
        var pending = waiting.ToList();
        // Walk-ins alone keep the order they were given in; appointments move in it as their slots come, so then each
        // call looks at the order at the desk's own moment.
        var moving = pending.Any(t => t.Place.SlotStartUtc is not null || t.ReadyAtUtc is not null);
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
            var (index, readyAt) = moving
                ? FirstAt(pending, desk.CategoryIds, new QueueRules.Moment(desk.At, ceiling))
                : (pending.FindIndex(t => desk.CategoryIds.Contains(t.CategoryId)), null);
            if (index < 0 && readyAt is { } later)
            {
                free[next] = desk with { At = later }; // only bookings still to come: the desk takes the first at its slot
                continue;
            }
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

    /// <summary>
    /// The turn a desk free at the moment's instant calls: the first in the order at that instant among those it serves
    /// that are there; when none is, the instant the first booking it serves comes.
    /// </summary>
    private static (int Index, DateTime? ReadyAt) FirstAt(List<WaitingTurn> pending, IReadOnlySet<int> serves, QueueRules.Moment moment)
    {
        var order = QueueRules.CallOrder(moment);
        var best = -1;
        DateTime? ready = null;
        for (var i = 0; i < pending.Count; i++)
        {
            var turn = pending[i];
            if (!serves.Contains(turn.CategoryId)) continue;
            if (turn.ReadyAtUtc > moment.NowUtc)
            {
                if (ready is null || turn.ReadyAtUtc < ready) ready = turn.ReadyAtUtc;
                continue;
            }
            if (best < 0 || order.Compare(turn.Place, pending[best].Place) < 0) best = i;
        }
        return (best, best < 0 ? ready : null);
    }

    /// <summary>Minutes from now, rounded up, for the screens; zero when it is about to be called.</summary>
    public static int Minutes(DateTime nowUtc, DateTime atUtc) => Math.Max(0, (int)Math.Ceiling((atUtc - nowUtc).TotalMinutes));
}
