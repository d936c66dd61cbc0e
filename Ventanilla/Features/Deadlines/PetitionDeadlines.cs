using System.Linq.Expressions;

namespace Ventanilla.Features.Deadlines;

/// <summary>
/// The legal clock applied to a stored petition: its pauses, its due dates, and keeping them right when the
/// calendar changes. Only open petitions move; a delivered or closed one keeps the due date and on-time
/// outcome it closed with.
/// </summary>
public static class PetitionDeadlines
{
    /// <summary>Open = the office still owes the petitioner an answer (before delivery).</summary>
    public static bool IsOpen(PetitionStatus status) => status < PetitionStatus.Entregada;

    /// <summary><see cref="IsOpen"/> for queries.</summary>
    public static readonly Expression<Func<Petition, bool>> Open = p => p.Status < PetitionStatus.Entregada;

    /// <summary>Delivered, closed or cancelled: not <see cref="Open"/>.</summary>
    public static readonly Expression<Func<Petition, bool>> Closed = Expression.Lambda<Func<Petition, bool>>(Expression.Not(Open.Body), Open.Parameters);

    /// <summary>The due date while open (for ordering by urgency); closed ones after every open one.</summary>
    public static readonly Expression<Func<Petition, DateOnly>> DueWhileOpen = Expression.Lambda<Func<Petition, DateOnly>>(
        Expression.Condition(Open.Body, Expression.Property(Open.Parameters[0], nameof(Petition.DueDate)), Expression.Constant(DateOnly.MaxValue)),
        Open.Parameters);

    /// <summary>Open and its term running (not paused waiting on the petitioner): the ones whose light is a colour.</summary>
    public static readonly Expression<Func<Petition, bool>> Running = And(Open, p => p.Status != PetitionStatus.EsperandoUsuario);

    /// <summary>On the kanban: open, or delivered and waiting for the Oficialía to close its folio.</summary>
    public static readonly Expression<Func<Petition, bool>> OnBoard = Or(Open, p => p.Status == PetitionStatus.Entregada);

    /// <summary>
    /// The open petitions of a light, for queries: <see cref="LegalClock.LightOf"/> written as ranges of due dates
    /// (a test compares the two on random petitions and calendars).
    /// </summary>
    public static Expression<Func<Petition, bool>> HasLight(TrafficLight light, LightBounds bounds)
    {
        var (today, greenFrom) = (bounds.Today, bounds.GreenFrom);
        return light switch
        {
            TrafficLight.Pausada => p => p.Status == PetitionStatus.EsperandoUsuario,
            TrafficLight.Rojo => And(Running, p => p.DueDate < today),
            TrafficLight.Amarillo => And(Running, p => p.DueDate >= today && p.DueDate < greenFrom),
            _ => And(Running, p => p.DueDate >= greenFrom),
        };
    }

    /// <summary>
    /// A general area holds a petition while its routing there is pending and the petition can still be routed (the
    /// kanban's columns and the wall board's rows by area). Paused, in review or later, the office's own areas hold it
    /// (<see cref="Petitions.PetitionBoard.HolderKind"/>).
    /// </summary>
    public static Expression<Func<Routing, bool>> HeldByArea => heldByArea.Value;

    /// <summary>
    /// Built from <see cref="Petitions.PetitionFlow.Workable"/> (a status the flow still routes from), written out as
    /// «status = a OR status = b …» with constants: a set parameter would hide the status index from SQLite.
    /// </summary>
    private static readonly Lazy<Expression<Func<Routing, bool>>> heldByArea = new(() =>
    {
        var routing = Expression.Parameter(typeof(Routing), "r");
        var status = Expression.Property(Expression.Property(routing, nameof(Routing.Petition)), nameof(Petition.Status));
        var workable = Petitions.PetitionFlow.Workable.Order()
            .Select(s => (Expression)Expression.Equal(status, Expression.Constant(s)))
            .Aggregate(Expression.OrElse);
        var pending = Expression.Equal(Expression.Property(routing, nameof(Routing.Status)), Expression.Constant(RoutingStatus.Pending));
        return Expression.Lambda<Func<Routing, bool>>(Expression.AndAlso(pending, workable), routing);
    });

    /// <summary>A condition on a petition, asked of the petition a routing belongs to.</summary>
    public static Expression<Func<Routing, bool>> OfRouting(Expression<Func<Petition, bool>> condition)
    {
        var routing = Expression.Parameter(typeof(Routing), "r");
        var petition = Expression.Property(routing, nameof(Routing.Petition));
        return Expression.Lambda<Func<Routing, bool>>(condition.Inline(petition), routing);
    }

    private static Expression<Func<Petition, bool>> And(Expression<Func<Petition, bool>> left, Expression<Func<Petition, bool>> right)
        => Expression.Lambda<Func<Petition, bool>>(Expression.AndAlso(left.Body, right.Inline(left.Parameters[0])), left.Parameters);

    private static Expression<Func<Petition, bool>> Or(Expression<Func<Petition, bool>> left, Expression<Func<Petition, bool>> right)
        => Expression.Lambda<Func<Petition, bool>>(Expression.OrElse(left.Body, right.Inline(left.Parameters[0])), left.Parameters);

    /// <summary>
    /// Open at the end of a past day (<paramref name="asOf"/>, whose next instant is <paramref name="endUtc"/>): received
    /// by then and not yet answered or closed by then. A petition closed now was open then only if a date says it closed
    /// later; one closed without any date (a legacy «Concluido» with no dates) never counts as open, as the register
    /// shows it. For today this is exactly <see cref="IsOpen"/>, so the indicators, the list and the boards agree.
    /// </summary>
    public static Expression<Func<Petition, bool>> OpenAt(DateOnly asOf, DateTime endUtc)
        => p => p.ReceivedAtUtc < endUtc
                && (p.Status < PetitionStatus.Entregada || p.ResponseDate > asOf || p.ClosedAtUtc >= endUtc)
                && (p.ResponseDate == null || p.ResponseDate > asOf);

    /// <summary>
    /// <see cref="OpenAt"/> as three conditions that never hold together, each answered by an index: still open now
    /// (the status index), answered after that day (the response date's), or closed after it without an answer (the
    /// closing instant's). A test holds the union of the three equal to <see cref="OpenAt"/>.
    /// </summary>
    /// <remarks>
    /// «Status + 0» and «ResponseDate ?? MinValue» are the same tests written so that SQLite, which has no statistics
    /// to weigh indexes by, cannot pick the status or response-date index for them: it read the 950,000 closed
    /// petitions of a city through the status index instead of the few answered after that day. PostgreSQL, which
    /// weighs them, chooses the same indexes either way. In the first part «ResponseDate ?? MaxValue» (not «null or
    /// after») keeps PostgreSQL on the open petitions' small index alone, read without visiting the rows, instead of
    /// OR-ing it with the response date's index and then reading every open row.
    /// </remarks>
    public static IReadOnlyList<Expression<Func<Petition, bool>>> OpenAtParts(DateOnly asOf, DateTime endUtc) =>
    [
        p => p.Status < PetitionStatus.Entregada && p.ReceivedAtUtc < endUtc && (p.ResponseDate ?? DateOnly.MaxValue) > asOf,
        p => (int)p.Status + 0 >= (int)PetitionStatus.Entregada && p.ResponseDate > asOf && p.ReceivedAtUtc < endUtc,
        p => (int)p.Status + 0 >= (int)PetitionStatus.Entregada && (p.ResponseDate ?? DateOnly.MinValue) == DateOnly.MinValue
            && p.ClosedAtUtc >= endUtc && p.ReceivedAtUtc < endUtc,
    ];

    public static IReadOnlyList<ClockPause> PausesOf(Petition petition)
        => [.. petition.Pauses.OrderBy(p => p.StartDate).Select(p => new ClockPause(p.StartDate, p.EndDate))];

    public static DateOnly DueDateOf(LegalClock clock, Petition petition)
        => clock.DueDate(petition.DayZero, petition.TermDays, PausesOf(petition));

    /// <summary>The ownership-proof due date while a third party has been asked to prove ownership; else null.</summary>
    public static DateOnly? ProofDueDateOf(LegalClock clock, Petition petition)
    {
        var open = petition.Pauses.Where(p => p.Reason == PauseReason.OwnershipProof && p.EndDate is null)
            .OrderByDescending(p => p.StartDate).FirstOrDefault();
        return open is null ? null : clock.ProofDueDate(open.StartDate);
    }

    /// <summary>
    /// Recomputes the due dates of the open petitions whose window may contain a day on or after
    /// <paramref name="changedFrom"/>, logs each move in the petition's history, and returns how many moved.
    /// The caller saves, inside the same transaction as the calendar change.
    /// </summary>
    public static async Task<int> RecomputeOpenAsync(
        AppDbContext db, LegalClock clock, DateOnly changedFrom, string why, string userName, DateTime nowUtc, CancellationToken ct)
    {
        var candidates = await db.Petitions
            .Where(Open).Where(p => p.DueDate >= changedFrom || p.ProofDueDate >= changedFrom)
            .Include(p => p.Pauses)
            .AsSplitQuery()
            .ToListAsync(ct);
        var moved = 0;
        foreach (var petition in candidates)
        {
            var due = DueDateOf(clock, petition);
            var proof = ProofDueDateOf(clock, petition);
            if (due == petition.DueDate && proof == petition.ProofDueDate) continue;

            var changes = new List<string>();
            if (due != petition.DueDate) changes.Add($"fecha límite {petition.DueDate:dd/MM/yyyy} → {due:dd/MM/yyyy}");
            if (proof != petition.ProofDueDate) changes.Add($"límite para acreditar la propiedad {petition.ProofDueDate:dd/MM/yyyy} → {proof:dd/MM/yyyy}");
            petition.DueDate = due;
            petition.ProofDueDate = proof;
            db.PetitionEvents.Add(new PetitionEvent
            {
                PetitionId = petition.Id,
                AtUtc = nowUtc,
                UserName = userName,
                Kind = Petitions.PetitionEvents.Recalculated,
                FromStatus = petition.Status,
                ToStatus = petition.Status,
                Note = $"{Capitalize(string.Join("; ", changes))}. Motivo: {why}",
            });
            moved++;
        }
        return moved;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
