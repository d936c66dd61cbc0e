namespace Ventanilla.Features.Reception;

/// <summary>What the kiosk sends: the category, the optional data, and a one-time key against double taps.</summary>
/// <param name="OfficeId">The office whose kiosk this is: the category must be one of its lines.</param>
public sealed record KioskRequest(
    Guid RequestId, int CategoryId, PreferentialReason Preferential = PreferentialReason.None,
    string? Name = null, string? AccountNumber = null, string? Phone = null, int? OfficeId = null, int? AppointmentId = null);

/// <summary>The turn the kiosk shows and prints.</summary>
public sealed record IssuedTurn(
    int VisitId, int TicketId, string? PublicCode, string Code, string CategoryName, string CategoryColor, bool Preferential, int Ahead, DateTime IssuedAtLocal,
    DateTime? AppointmentAtLocal = null);

/// <summary>One category's line on the boards: how many wait and since when the oldest.</summary>
public sealed record CategoryQueue(
    int CategoryId, string Letter, string Name, string Color, int Waiting, int PreferentialWaiting, DateTime? OldestArrivalUtc, int OfficeId = Office.MainId);

/// <summary>A call as the waiting room sees it: turn and desk only, never a name.</summary>
/// <param name="IssuedCode">The code printed on the visitor's ticket at the kiosk, when a transfer gave them another one.</param>
public sealed record CallShown(
    int TicketId, string Code, int DeskNumber, string DeskName, string CategoryColor, DateTime CalledAtUtc, int CallCount, int OfficeId = Office.MainId,
    string? IssuedCode = null, bool IsAppointment = false);

/// <summary>An office's people at a desk now and served today, for the boards.</summary>
public sealed record OfficeCounts(int InService, int Served);

/// <summary>
/// The day's queue as every live view shows it. Built once per change and shared by all the views, so twenty
/// screens do not mean twenty queries.
/// </summary>
/// <remarks>
/// Built for every office at once (the lines and desks of one office never serve another's, so the estimates of all
/// are those of each); <see cref="For"/> gives one office's view of it.
/// </remarks>
public sealed record QueueBoard(
    DateOnly ServiceDate, IReadOnlyList<CategoryQueue> Categories, IReadOnlyList<CallShown> RecentCalls, int InService = 0, int ServedToday = 0,
    QueueTurns? Turns = null, IReadOnlyDictionary<int, OfficeCounts>? ByOffice = null)
{
    /// <summary>The board of one office (its lines, its desks' calls and its counts); null: every office's.</summary>
    public QueueBoard For(int? officeId)
    {
        if (officeId is not { } id) return this;
        var counts = ByOffice?.GetValueOrDefault(id) ?? new OfficeCounts(0, 0);
        return this with
        {
            Categories = [.. Categories.Where(c => c.OfficeId == id)],
            RecentCalls = [.. RecentCalls.Where(c => c.OfficeId == id)],
            InService = counts.InService,
            ServedToday = counts.Served,
        };
    }

    /// <summary>
    /// <see cref="LiveUpdates.GenerationOf"/> the queue's topics when this board was built: a screen that shows it has
    /// nothing to redraw until the generation moves on.
    /// </summary>
    public long Generation { get; init; }

    /// <summary>The day's turns with their estimated waits (empty on a board built without them).</summary>
    public QueueTurns Estimates => Turns ?? QueueTurns.Empty;

    public int TotalWaiting => Categories.Sum(c => c.Waiting);

    /// <summary>When the visitor who has waited longest arrived; null when nobody waits.</summary>
    public DateTime? OldestArrivalUtc => Categories.Select(c => c.OldestArrivalUtc).Where(a => a is not null).Min();
}

/// <summary>The turn a desk is dealing with, with what the visitor gave at the kiosk.</summary>
/// <param name="IssuedCode">The code on the visitor's paper ticket: <see cref="Code"/> unless a transfer re-issued the turn.</param>
public sealed record DeskTicket(
    int TicketId, int VisitId, string Code, int CategoryId, string CategoryName, TicketStatus Status, int CallCount,
    PreferentialReason Preferential, string? VisitorName, string? AccountNumber, string? Phone,
    DateTime ArrivedAtUtc, DateTime? CalledAtUtc, int? CustomerId, string IssuedCode, DateTime? AppointmentStartUtc = null, string? AppointmentFolio = null)
{
    /// <summary>The turn came from a booking's check-in (its mark at the desk).</summary>
    public bool IsAppointment => AppointmentStartUtc is not null;

    /// <summary>The paper's code when it differs from the turn's (after a transfer), else null.</summary>
    public string? FormerCode => IssuedCode == Code ? null : IssuedCode;
}

/// <summary>A desk (módulo) and the categories it serves: what the desk page lists and the catalog editor saves.</summary>
public sealed record DeskItem(int Id, int Number, string Name, bool IsActive, IReadOnlyList<int> CategoryIds, long Version, int OfficeId = Office.MainId);

/// <summary>What the clerk records when finishing a visit.</summary>
public sealed record ServiceOutcome(
    VisitOutcome Outcome, int? CustomerId, string? Note = null, int? DraftPetitionTypeId = null, string? DraftSubject = null);
