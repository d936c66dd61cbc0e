using Ventanilla.Features.Citizen;
using Ventanilla.Features.Expediente;
using Ventanilla.Features.Intake;
using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Documents;

/// <summary>What <c>/consulta</c> offers of the response: its PDF to download, and when it was first downloaded.</summary>
public sealed record ResponseDownload(bool Available, DateTime? DeliveredLocal);

/// <summary>
/// Step 13 without the trip, for a petitioner who accepted electronic notification: the approved response's PDF is
/// downloaded from <c>/consulta</c> with folio and code, and the first download is the electronic acuse — the petition
/// is «Entregada» with its time (on the timeline and to the citizen), and then follows the usual closing path (the
/// Oficialía closes the folio). Later downloads give the same file and record nothing. Without that acceptance the
/// response is collected at the office against a signed copy, as always.
/// </summary>
public sealed class ElectronicDelivery(
    IDbContextFactory<AppDbContext> dbFactory, PetitionChanges changes, PetitionResponses responses, AttachmentStore store, OfficeClock office)
{
    /// <summary>Who the delivery names as having received it.</summary>
    public const string Receiver = "El solicitante (descarga en línea)";

    /// <summary>The response download for <c>/consulta</c>, or null when there is none for this folio and code.</summary>
    public async Task<ResponseDownload?> StatusAsync(string? folio, string? code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindAsync(db, folio, code, ct);
        if (found is null) return null;
        return new ResponseDownload(true, found.ElectronicAt is { } at ? office.ToLocal(at) : null);
    }

    /// <summary>
    /// The response's PDF for whoever holds folio and code; the first download records the electronic delivery in one
    /// transaction. Null when there is nothing to download (wrong code, not approved yet, not accepted electronically).
    /// </summary>
    public async Task<AttachmentFile?> DownloadAsync(string? folio, string? code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindAsync(db, folio, code, ct);
        if (found is null) return null;
        if (found.AwaitsDelivery)
        {
            await changes.ChangeAsync(found.PetitionId, expectedVersion: null, (change, petition) =>
            {
                // Checked again in the transaction: two downloads at once record one delivery.
                if (petition.Status != PetitionStatus.Aprobada) return Task.CompletedTask;
                responses.Deliver(change, OnlineIntake.Citizen, petition, Receiver, office.Now().DateTime, "Acuse electrónico: primera descarga de la respuesta firmada desde la consulta en línea.", electronic: true);
                return Task.CompletedTask;
            }, ct);
        }
        return new AttachmentFile(store.PathOf(found.Sha256), "application/pdf", $"respuesta-{found.Folio}.pdf", Inline: false);
    }

    /// <param name="AwaitsDelivery">Approved and not delivered yet: this download is the acuse.</param>
    private sealed record Found(int PetitionId, string Folio, string Sha256, bool AwaitsDelivery, DateTime? ElectronicAt);

    private static async Task<Found?> FindAsync(AppDbContext db, string? folio, string? code, CancellationToken ct)
    {
        var typed = FolioLookup.Typed(folio);
        var row = await db.Petitions.AsNoTracking().Where(p => p.Folio == typed)
            .Select(p => new
            {
                p.Id, p.Folio, p.PublicCode, p.Status, p.ElectronicDeliveryAcceptedAtUtc, Anonymized = p.AnonymizedAtUtc != null,
                Document = db.IssuedDocuments.Where(d => d.PetitionId == p.Id).OrderByDescending(d => d.Id).Select(d => d.Sha256).FirstOrDefault(),
                Delivered = p.Deliveries.Where(d => d.Electronic).OrderBy(d => d.Id).Select(d => (DateTime?)d.DeliveredAtUtc).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (!PublicCodes.Matches(row?.PublicCode, code) || row is null) return null;
        if (row.ElectronicDeliveryAcceptedAtUtc is null || row.Document is null || row.Anonymized) return null;
        if (row.Status is not (PetitionStatus.Aprobada or PetitionStatus.Entregada or PetitionStatus.Cerrada)) return null;
        // Delivered at the desk already (against a signed copy), the citizen may still download their copy.
        return new Found(row.Id, row.Folio, row.Document, row.Status == PetitionStatus.Aprobada, row.Delivered);
    }
}
