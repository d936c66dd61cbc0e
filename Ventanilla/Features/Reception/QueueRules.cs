using System.Linq.Expressions;

namespace Ventanilla.Features.Reception;

/// <summary>
/// The queue's rules, written once: which turns wait, which are at a desk (called or being served), which are still
/// pending (either), and the order «Llamar siguiente» takes them in: preferential first, then by arrival, then by
/// id. Each rule exists as a query expression (for the database) and as a plain test or comparer (for the day's
/// tickets already in memory: the boards, the estimates, the phones); a test holds the two forms together on both
/// engines. A new rule of the order (appointments) is added here and nowhere else.
/// </summary>
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

    /// <summary>What the call order looks at of a turn.</summary>
    public readonly record struct Place(bool Preferential, DateTime ArrivedAtUtc, int TicketId);

    /// <summary>The call order in memory: the first of a sorted list is the one «Llamar siguiente» takes.</summary>
    public static readonly IComparer<Place> CallOrder = Comparer<Place>.Create((a, b) =>
        a.Preferential != b.Preferential ? (a.Preferential ? -1 : 1)
        : a.ArrivedAtUtc != b.ArrivedAtUtc ? a.ArrivedAtUtc.CompareTo(b.ArrivedAtUtc)
        : a.TicketId.CompareTo(b.TicketId));

    /// <summary>The call order as a query (the turn's visit gives the arrival).</summary>
    public static IOrderedQueryable<QueueTicket> InCallOrder(this IQueryable<QueueTicket> tickets)
        => tickets.OrderByDescending(t => t.IsPreferential).ThenBy(t => t.Visit!.ArrivedAtUtc).ThenBy(t => t.Id);

    /// <summary>The same order for rows already read: <paramref name="place"/> says where each one stands.</summary>
    public static IOrderedEnumerable<T> InCallOrder<T>(this IEnumerable<T> rows, Func<T, Place> place) => rows.Order(new ByPlace<T>(place));

    /// <summary>The turns that go before <paramref name="place"/> in the call order: "people ahead" is a count of these among the waiting.</summary>
    public static Expression<Func<QueueTicket, bool>> Before(Place place)
    {
        var (preferential, arrived, id) = (place.Preferential, place.ArrivedAtUtc, place.TicketId);
        return t => t.IsPreferential && !preferential
            || t.IsPreferential == preferential && (t.Visit!.ArrivedAtUtc < arrived || t.Visit.ArrivedAtUtc == arrived && t.Id < id);
    }

    private sealed class ByPlace<T>(Func<T, Place> place) : IComparer<T>
    {
        public int Compare(T? x, T? y) => CallOrder.Compare(place(x!), place(y!));
    }
}
