namespace Ventanilla.Features.Petitions;

/// <summary>
/// Step 14: when a third party did not prove ownership within the term, the petition is closed as "Cerrada
/// sin acreditación" at the start of the next business day, with an event in its history. Runs at start-up
/// (catching up on anything missed while the server was off) and every few minutes; running twice closes
/// nothing twice.
/// </summary>
public sealed class OwnershipProofExpiry(
    IDbContextFactory<AppDbContext> dbFactory, PetitionChanges changes, CalendarService calendar, OfficeClock office,
    TimeProvider time, ILogger<OwnershipProofExpiry> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    /// <summary>Closes every petition whose ownership-proof term has expired; returns their folios.</summary>
    public async Task<IReadOnlyList<string>> CloseExpiredAsync(CancellationToken ct = default)
    {
        var today = office.Today();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.Petitions.AsNoTracking()
            .Where(p => p.Status == PetitionStatus.EsperandoUsuario && p.ProofDueDate != null && p.ProofDueDate < today)
            // A proof the citizen sent online in time waits for its review, however late that comes.
            .Where(p => !db.CitizenDeliveries.Any(d => d.PetitionId == p.Id && d.Status == CitizenDeliveryStatus.Pending && d.DeliveredOn <= p.ProofDueDate))
            .Select(p => new { p.Id, Due = p.ProofDueDate!.Value }).ToListAsync(ct);
        var closed = new List<string>();
        foreach (var candidate in candidates.Where(c => today >= calendar.Current.NextBusinessDay(c.Due)))
        {
            var result = await changes.ChangeAsync(candidate.Id, expectedVersion: null, async (db, petition) =>
            {
                // Checked again inside the transaction: the proof may have arrived a moment ago.
                var pause = petition.Pauses.SingleOrDefault(p => p.EndDate is null && p.Reason == PauseReason.OwnershipProof);
                if (!PetitionFlow.Of(PetitionAction.CloseWithoutProof).Permits(petition.Status) || pause is null || petition.ProofDueDate is not { } due || due >= today) return;
                if (await db.CitizenDeliveries.AnyAsync(d => d.PauseId == pause.Id && d.Status == CitizenDeliveryStatus.Pending && d.DeliveredOn <= due, ct)) return;
                (pause.EndDate, pause.EndedAtUtc, pause.EndedHow) = (today, office.UtcNow(), PauseEnd.Expired);
                petition.ClosedAtUtc = office.UtcNow();
                foreach (var routing in petition.Routings.Where(r => r.Status == RoutingStatus.Pending)) routing.Status = RoutingStatus.Withdrawn;
                changes.Take(db, petition, null, PetitionFlow.Of(PetitionAction.CloseWithoutProof),
                    $"El plazo para acreditar la propiedad venció el {due:dd/MM/yyyy}; el usuario tendrá que iniciar de nuevo su trámite.");
            }, ct);
            if (result.Status == PetitionStatus.CerradaSinAcreditacion) closed.Add(result.Folio);
        }
        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                var closed = await CloseExpiredAsync(stoppingToken);
                if (closed.Count > 0) logger.LogInformation("Cerradas sin acreditación: {Folios}", string.Join(", ", closed));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A locked database or a bad row must not stop the job: it tries again on the next tick.
                logger.LogError(ex, "No se pudieron cerrar las peticiones sin acreditación; se reintentará.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
