namespace Ventanilla.Features.Reception;

/// <summary>
/// A visit's turn as the visitor's phone follows it: the code, the line, how many are ahead, when it should be
/// called, and the desk once it is. Nothing that names the person.
/// </summary>
public sealed record VisitTurn(
    int VisitId, int TicketId, string Code, int CategoryId, string CategoryName, TicketStatus Status, int Ahead,
    DateTime? EstimatedCallUtc, string? DeskName, int CallCount, DateTime? LastCalledAtUtc, bool Surveyed);

/// <summary>
/// The day's turns with their estimates, built with the board: the estimated call time of each waiting ticket, what a
/// visitor arriving now would wait per category, and each visit's turn keyed by the hash of its public code (see
/// <see cref="Citizen.PublicCodes.Hash"/>), so finding a phone's turn never compares the secret itself.
/// </summary>
public sealed record QueueTurns(
    IReadOnlyDictionary<int, DateTime> EstimatedCallByTicket, IReadOnlyDictionary<int, DateTime> NewArrivalByCategory,
    IReadOnlyDictionary<string, VisitTurn> ByCodeHash, DateTime ComputedAtUtc)
{
    public static readonly QueueTurns Empty = new(new Dictionary<int, DateTime>(), new Dictionary<int, DateTime>(),
        new Dictionary<string, VisitTurn>(), DateTime.MinValue);

    /// <summary>Minutes a newcomer of <paramref name="categoryId"/> would wait; null when no open desk serves it.</summary>
    public int? NewArrivalMinutes(int categoryId, DateTime nowUtc)
        => NewArrivalByCategory.TryGetValue(categoryId, out var at) ? WaitEstimator.Minutes(nowUtc, at) : null;

    /// <summary>Minutes until a waiting ticket should be called; null when no open desk serves its line.</summary>
    public int? TicketMinutes(int ticketId, DateTime nowUtc)
        => EstimatedCallByTicket.TryGetValue(ticketId, out var at) ? WaitEstimator.Minutes(nowUtc, at) : null;
}
