namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// One petition in each status, as the citizen's status page must explain it, each with a known verification code
/// and personal data that must never appear on a public page.
/// </summary>
public static class CitizenPetitions
{
    public const string Name = "María Confidencial Ruiz";
    public const string Account = "01-999-0000";
    public const string Phone = "5512345678";
    public const string Address = "Calle Secreta 12, Col. Privada";
    public const string Subject = "Asunto privado del recibo";
    public const string Notes = "Nota interna del personal";
    public const string Answer = "Texto interno de la respuesta";

    /// <summary>The personal and internal texts a public page must not show.</summary>
    public static readonly string[] Private = [Name, Account, Phone, Address, Subject, Notes, Answer, "Confidencial", "5512345678"];

    /// <summary>The code of the petition in <paramref name="status"/>: six symbols of the public alphabet, one per status.</summary>
    public static string CodeOf(PetitionStatus status) => $"K7M2P{Ventanilla.Features.Citizen.PublicCodes.Alphabet[(int)status]}";

    public static string FolioOf(PetitionStatus status) => $"AU-2026-{900 + (int)status:00000}";

    /// <summary>Writes the ten petitions (received 03/11/2026, due 24/11/2026 unless the status says otherwise).</summary>
    public static async Task SeedAsync(AppDbContext db)
    {
        var type = await db.PetitionTypes.OrderBy(t => t.SortOrder).FirstAsync();
        var operation = await db.Areas.SingleAsync(a => a.Name == "Operación");
        foreach (var status in Enum.GetValues<PetitionStatus>())
        {
            var open = status < PetitionStatus.Entregada;
            var p = PetitionRows.Make(new(2026, 11, 3, 10, 0, 0), new(2026, 11, 3), type.Id, status,
                status == PetitionStatus.Turnada ? new DateOnly(2026, 12, 10) : new DateOnly(2026, 11, 24), petitioner: Name);
            (p.Folio, p.FolioNumber, p.PublicCode) = (FolioOf(status), 900 + (int)status, CodeOf(status));
            (p.AccountNumber, p.Phone, p.Address, p.Subject, p.Notes, p.IsThirdParty) = (Account, Phone, Address, Subject, Notes, true);
            if (status == PetitionStatus.Turnada) p.Routings.Add(PetitionRows.Routing(operation.Id));
            if (status == PetitionStatus.EsperandoUsuario)
            {
                p.Pauses.Add(new PetitionPause { Reason = PauseReason.OwnershipProof, StartDate = new(2026, 11, 26), StartedAtUtc = new(2026, 11, 26, 18, 0, 0, DateTimeKind.Utc) });
                p.ProofDueDate = new DateOnly(2026, 12, 1);
            }
            if (status == PetitionStatus.CerradaSinAcreditacion) p.ProofDueDate = new DateOnly(2026, 11, 20);
            if (status >= PetitionStatus.EnRespuesta && status <= PetitionStatus.Cerrada)
            {
                p.Responses.Add(new PetitionResponse { Text = Answer, Status = status >= PetitionStatus.Aprobada ? ResponseStatus.Approved : ResponseStatus.Draft, DraftedAtUtc = new(2026, 11, 20, 18, 0, 0, DateTimeKind.Utc) });
            }
            if (!open)
            {
                p.ClosedAtUtc = status == PetitionStatus.Entregada ? null : new DateTime(2026, 11, 23, 18, 0, 0, DateTimeKind.Utc);
                if (status is PetitionStatus.Entregada or PetitionStatus.Cerrada) (p.ResponseDate, p.OnTime) = (new DateOnly(2026, 11, 20), true);
                if (status == PetitionStatus.Cancelada) p.CancelReason = "Motivo interno: " + Name;
            }
            db.Petitions.Add(p);
        }
        await db.SaveChangesAsync();
    }
}
