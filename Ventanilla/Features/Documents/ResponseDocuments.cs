using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PdfSharp.Pdf.Signatures;
using Ventanilla.Features.Citizen;
using Ventanilla.Features.Expediente;

namespace Ventanilla.Features.Documents;

/// <summary>What the letters say about who sends them (configuration section <c>Documentos</c>).</summary>
public sealed class DocumentOptions
{
    /// <summary>The letterhead: the utility's name.</summary>
    public string Organization { get; set; } = "Organismo Operador de Agua";
    public string Area { get; set; } = "Atención a Usuarios";
    /// <summary>The signer's position under their name.</summary>
    public string SignerPosition { get; set; } = "Dirección Comercial";
}

/// <summary>
/// The approved response as the document of record (procedure steps 12–13): at the visto bueno, in the approval's own
/// transaction, the letter is drawn as a PDF, signed with the approver's certificate when the office signs
/// electronically (or left as the original of a letter signed by hand), stored in the expediente with its SHA-256, and
/// recorded with the verification code printed on it. If anything fails — a wrong password, an expired certificate —
/// nothing is approved.
/// </summary>
public sealed class ResponseDocuments(
    AttachmentStore store, SigningCertificates certificates, SettingsService settings, PublicLinks links, OfficeClock office, IOptions<DocumentOptions> options)
{
    /// <summary>The verification code: 10 symbols of the public alphabet (≈ 8 × 10¹⁴), printed with its QR.</summary>
    public const int CodeLength = 10;

    /// <summary>Issues the response letter of <paramref name="petition"/>; the caller saves and commits with its approval.</summary>
    /// <param name="publicBase">The address the approver's page was opened with, for the QR when Ajustes names none.</param>
    internal async Task<IssuedDocument> IssueResponseAsync(
        AppDbContext db, Petition petition, PetitionResponse response, Actor approver, string? password, string? publicBase, CancellationToken ct)
    {
        var now = office.UtcNow();
        var electronic = settings.Current.SignResponsesElectronically;
        using var certificate = electronic ? await certificates.OpenForSigningAsync(db, approver, password, now, ct) : null;
        var type = await db.PetitionTypes.Where(t => t.Id == petition.PetitionTypeId).Select(t => t.Name).SingleAsync(ct);
        var code = RandomNumberGenerator.GetString(PublicCodes.Alphabet, CodeLength);
        var o = options.Value;
        var letter = new LetterContent(o.Organization, o.Area, petition.Folio, DateOnly.FromDateTime(office.ToLocal(now)), petition.PetitionerName, petition.Address,
            type, response.Text, approver.UserName, o.SignerPosition, code, links.Verify(code, publicBase), electronic);
        using var document = ResponseLetter.Build(letter);
        if (certificate is not null)
        {
            DigitalSignatureHandler.ForDocument(document, new CmsPdfSigner(certificate, now), new DigitalSignatureOptions
            {
                Reason = $"Respuesta a la petición {petition.Folio}", Location = o.Organization, ContactInfo = o.Area, AppName = "Ventanilla",
            });
        }
        var pages = document.PageCount; // asked before saving: a saved document answers nothing more
        using var pdf = new MemoryStream();
        document.Save(pdf, closeStream: false);
        pdf.Position = 0;
        var received = await store.ReceiveAsync(pdf, long.MaxValue, $"respuesta-{petition.Folio}.pdf", ct);
        store.Keep(received);
        var attachment = new Attachment
        {
            PetitionId = petition.Id, Kind = AttachmentKind.RespuestaPdf, FileName = $"respuesta-{petition.Folio}.pdf", ContentType = received.Type.ContentType,
            Sha256 = received.Sha256, Bytes = received.Bytes, PageCount = pages, UploadedAtUtc = now, UploadedByUserId = approver.AccountId, UploadedByName = approver.UserName,
        };
        var issued = new IssuedDocument
        {
            Petition = petition, Kind = IssuedDocumentKind.Response, CodeHash = PublicCodes.Hash(code), Attachment = attachment, Sha256 = received.Sha256,
            IssuedAtUtc = now, SignerName = approver.UserName, SignerPosition = o.SignerPosition,
            CertificateSerial = certificate?.SerialNumber, SignedAtUtc = certificate is null ? null : now,
        };
        db.Attachments.Add(attachment);
        db.IssuedDocuments.Add(issued);
        return issued;
    }
}
