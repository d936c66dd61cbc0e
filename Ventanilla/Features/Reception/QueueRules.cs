using System.Linq.Expressions;

namespace Ventanilla.Features.Reception;

/// <summary>
/// The queue's rules, written once: which turns wait, which are at a desk (called or being served), which are still
/// pending (either), and the order «Llamar siguiente» takes them in. Each rule exists as a query expression (for the
/// database) and as a plain test or comparer (for the day's tickets already in memory: the boards, the estimates, the
/// phones); a test holds the two forms together on both engines.
/// </summary>
/// <remarks>
/// The call order: preferential turns first (their legal priority holds over bookings too), then each turn's «due»
/// instant, then its slot or arrival, then its id. A walk-in is due at its arrival. A checked-in appointment is due at
/// its slot until the slot starts (came early, it waits for its time behind the walk-ins present; a desk with nobody
/// else to call takes it early), and from then at its arrival or «now − the walk-in ceiling», whichever is earlier: it
/// goes ahead of every walk-in who has waited less than the ceiling and behind every one who has waited longer, so
/// bookings are called at their time and walk-ins never starve. An appointment is not called earlier than
/// <see cref="EarlyCall"/> before its slot, even by a desk with nobody else to call: it keeps its time, as the
/// booking promised (a generated month called half of them early otherwise, 6 minutes on average).
/// </remarks>
public static class QueueRules
{
    public static bool IsWaiting(TicketStatus status) => status == TicketStatus.Waiting;

    public static bool IsAtDesk(TicketStatus status) => status is TicketStatus.Called or TicketStatus.Serving;

    /// <summary>Waiting or at a desk: the turn is not over yet.</summary>
    public static bool IsPending(TicketStatus status) => IsWaiting(status) || IsAtDesk(status);

    public static readonly Expression<Func<QueueTicket, bool>> Waiting = t => t.Status == TicketStatus.Waiting;

    public static readonly Expression<Func<QueueTicket, bool>> AtDesk = t => t.Status == TicketStatus.Called || t.Status == TicketStatus.Serving;

    public static readonly Expression<Func<QueueTicket, bool>> Pending =
        t => t.Status == TicketStatus.Waiting || t.Status == TicketStatus.Called || t.Status == TicketStatus.Serving;

    /// <summary>How long before its slot a checked-in appointment may be called, at the earliest.</summary>
    public static readonly TimeSpan EarlyCall = TimeSpan.FromMinutes(5);

    /// <summary>What the call order looks at of a turn; <paramref name="SlotStartUtc"/> only for an appointment's turn.</summary>
    public readonly record struct Place(bool Preferential, DateTime ArrivedAtUtc, int TicketId, DateTime? SlotStartUtc = null);

    /// <summary>
    /// The instant the order is taken at, and the walk-in ceiling (<see cref="AppSettings.WalkInCeilingMinutes"/>): an
    /// appointment's place depends on both. A class, so its values reach SQL as parameters.
    /// </summary>
    public sealed record Moment(DateTime NowUtc, TimeSpan WalkInCeiling)
    {
        public DateTime CapUtc { get; } = NowUtc - WalkInCeiling;

        /// <summary>An appointment whose slot starts after this is not called yet (<see cref="EarlyCall"/>).</summary>
        public DateTime CallableUntilUtc { get; } = NowUtc + EarlyCall;

        public static Moment At(DateTime nowUtc, AppSettings settings) => new(nowUtc, TimeSpan.FromMinutes(settings.WalkInCeilingMinutes));
    }

    /// <summary>A turn's due instant (see the remarks), in memory.</summary>
    public static DateTime Due(Place place, Moment moment)
        => place.SlotStartUtc is not { } slot ? place.ArrivedAtUtc
            : slot > moment.NowUtc ? slot
            : place.ArrivedAtUtc > moment.CapUtc ? moment.CapUtc : place.ArrivedAtUtc;

    /// <summary>Whether a desk may call the turn at <paramref name="moment"/> (an appointment not long before its slot).</summary>
    public static bool IsCallable(Place place, Moment moment) => place.SlotStartUtc is not { } slot || slot <= moment.CallableUntilUtc;

    /// <summary>The same, as a query: «Llamar siguiente» chooses among these.</summary>
    public static Expression<Func<QueueTicket, bool>> Callable(Moment moment)
    {
        var until = moment.CallableUntilUtc;
        return t => t.AppointmentStartUtc == null || t.AppointmentStartUtc <= until;
    }

    /// <summary>When a waiting turn becomes callable, if later than <paramref name="nowUtc"/>.</summary>
    public static DateTime? CallableFrom(Place place, DateTime nowUtc)
        => place.SlotStartUtc is { } slot && slot - EarlyCall > nowUtc ? slot - EarlyCall : null;

    /// <summary>The call order in memory at <paramref name="moment"/>: the first of a sorted list is the one «Llamar siguiente» takes.</summary>
    public static IComparer<Place> CallOrder(Moment moment) => Comparer<Place>.Create((a, b) =>
        a.Preferential != b.Preferential ? (a.Preferential ? -1 : 1)
        : Due(a, moment) is var dueA && Due(b, moment) is var dueB && dueA != dueB ? dueA.CompareTo(dueB)
        : (a.SlotStartUtc ?? a.ArrivedAtUtc) != (b.SlotStartUtc ?? b.ArrivedAtUtc) ? (a.SlotStartUtc ?? a.ArrivedAtUtc).CompareTo(b.SlotStartUtc ?? b.ArrivedAtUtc)
        : a.TicketId.CompareTo(b.TicketId));

    /// <summary>The same due instant as a query (the turn's visit gives the arrival).</summary>
    private static readonly Expression<Func<QueueTicket, Moment, DateTime>> DueOf = (t, m) =>
        t.AppointmentStartUtc == null ? t.Visit!.ArrivedAtUtc
        : t.AppointmentStartUtc > m.NowUtc ? t.AppointmentStartUtc.Value
        : t.Visit!.ArrivedAtUtc > m.CapUtc ? m.CapUtc : t.Visit!.ArrivedAtUtc;

    private static readonly Expression<Func<QueueTicket, DateTime>> SinceOf = t => t.AppointmentStartUtc ?? t.Visit!.ArrivedAtUtc;

    /// <summary>The call order as a query, at <paramref name="moment"/>.</summary>
    public static IOrderedQueryable<QueueTicket> InCallOrder(this IQueryable<QueueTicket> tickets, Moment moment)
        => tickets.OrderByDescending(t => t.IsPreferential).ThenBy(Bind(DueOf, moment)).ThenBy(SinceOf).ThenBy(t => t.Id);

    /// <summary>The same order for rows already read: <paramref name="place"/> says where each one stands.</summary>
    public static IOrderedEnumerable<T> InCallOrder<T>(this IEnumerable<T> rows, Moment moment, Func<T, Place> place)
    {
        var order = CallOrder(moment);
        return rows.Order(Comparer<T>.Create((x, y) => order.Compare(place(x), place(y))));
    }

    /// <summary>Where a turn stands, as the query's <see cref="Before"/> compares it.</summary>
    private sealed record Mark(bool Preferential, DateTime Due, DateTime Since, int TicketId);

    private static readonly Expression<Func<QueueTicket, DateTime, DateTime, Mark, bool>> BeforeMark = (t, due, since, mark) =>
        t.IsPreferential && !mark.Preferential
        || t.IsPreferential == mark.Preferential
           && (due < mark.Due || due == mark.Due && (since < mark.Since || since == mark.Since && t.Id < mark.TicketId));

    /// <summary>
    /// The turns that go before <paramref name="place"/> in the call order at <paramref name="moment"/>: "people ahead"
    /// is a count of these among the waiting.
    /// </summary>
    public static Expression<Func<QueueTicket, bool>> Before(Place place, Moment moment)
    {
        var t = Expression.Parameter(typeof(QueueTicket), "t");
        var mark = new Mark(place.Preferential, Due(place, moment), place.SlotStartUtc ?? place.ArrivedAtUtc, place.TicketId);
        var body = BeforeMark.Inline(t, DueOf.Inline(t, Expression.Constant(moment)), SinceOf.Inline(t), Expression.Constant(mark));
        return Expression.Lambda<Func<QueueTicket, bool>>(body, t);
    }

    private static Expression<Func<QueueTicket, DateTime>> Bind(Expression<Func<QueueTicket, Moment, DateTime>> rule, Moment moment)
        => Expression.Lambda<Func<QueueTicket, DateTime>>(rule.Inline(rule.Parameters[0], Expression.Constant(moment)), rule.Parameters[0]);
}
