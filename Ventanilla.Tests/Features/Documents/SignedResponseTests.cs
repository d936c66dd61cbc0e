using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ventanilla.Features.Documents;
using Ventanilla.Features.Citizen;
using Ventanilla.Features.Expediente;
using Ventanilla.Features.Shared;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Documents;

/// <summary>
/// The approved response as the PDF of record: signed at the visto bueno with the Director's registered certificate
/// (or left for a hand signature), stored with its SHA-256, and verifiable by its code and by the file itself.
/// </summary>
public class SignedResponseTests : PetitionTestBase
{
    private const string Password = "Llave-de-Diana-2026";
    private X509Certificate2 _authority = null!;
    private Actor _signer = null!;

    private SigningCertificates Certificates => App.Get<SigningCertificates>();
    private DocumentVerification Verification => App.Get<DocumentVerification>();

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        _authority = TestCertificates.Authority();
        var created = await App.Get<UserService>().CreateAsync(Actor.System, new UserInput("druiz", "Diana Ruiz Campos", [Roles.DireccionComercial], [], "Segura123"));
        _signer = await App.Get<Actors>().ForUserAsync(created.Id);
    }

    /// <summary>The SAT e.firma pair as files: the certificate (DER) and its key, PKCS#8 encrypted with the owner's password.</summary>
    private static (byte[] Cer, byte[] Key) EFirma(X509Certificate2 person, string password = Password)
    {
        using var rsa = person.GetRSAPrivateKey()!;
        return (person.RawData, rsa.ExportEncryptedPkcs8PrivateKey(password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));
    }

    private async Task ElectronicAsync(bool on = true)
    {
        var settings = App.Get<SettingsService>();
        await settings.SaveSigningAsync(Actor.System, on, settings.Current.Version);
    }

    /// <summary>A petition whose response is waiting for the visto bueno.</summary>
    private async Task<PetitionRef> InReviewAsync()
    {
        var created = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input() with { Address = "Av. Juárez 10" }, $"OP-{Guid.NewGuid():N}"[..20], new DateTime(2026, 11, 27, 9, 0, 0)));
        var responses = App.Get<PetitionResponses>();
        var step = await responses.SaveDraftAsync(_clerk, created.Id, created.Version, "Se revisó su recibo y se ajustó el cobro del bimestre.");
        return await responses.SubmitForReviewAsync(_clerk, created.Id, step.Version);
    }

    private async Task<(IssuedDocument Issued, byte[] Pdf)> IssuedAsync(int petitionId)
    {
        await using var db = App.CreateDb();
        var issued = await db.IssuedDocuments.Include(d => d.Attachment).SingleAsync(d => d.PetitionId == petitionId);
        return (issued, await File.ReadAllBytesAsync(App.Get<AttachmentStore>().PathOf(issued.Sha256)));
    }

    [Fact]
    public async Task Without_electronic_signing_the_approval_issues_the_original_for_a_hand_signature()
    {
        var review = await InReviewAsync();
        await App.Get<PetitionResponses>().ApproveAsync(_signer, review.Id, review.Version, null);
        var (issued, pdf) = await IssuedAsync(review.Id);
        Assert.Equal((AttachmentKind.RespuestaPdf, "application/pdf", null), (issued.Attachment!.Kind, issued.Attachment.ContentType, issued.CertificateSerial));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), issued.Sha256);
        Assert.False(PdfSignatureVerifier.Check(pdf).Signed);
        Assert.Contains((await EventsAsync(review.Id)), e => e.Note == "PDF de la respuesta generado para firmarse a mano.");
        var check = await Verification.CheckFileAsync(new MemoryStream(pdf), null);
        Assert.True(check.IsOriginal);
        Assert.Equal(("Diana Ruiz Campos", "Dirección Comercial", null), (check.Document!.SignerName, check.Document.SignerPosition, check.Document.CertificateSerial));
    }

    [Fact]
    public async Task With_a_registered_efirma_the_approval_signs_the_PDF_and_verification_finds_it_by_code_and_by_file()
    {
        using var person = TestCertificates.Person(_authority, "DIANA RUIZ CAMPOS");
        var (cer, key) = EFirma(person);
        var registered = await Certificates.RegisterAsync(_signer, cer, key, Password);
        Assert.Equal(person.SerialNumber, registered.SerialNumber);
        await ElectronicAsync();
        var review = await InReviewAsync();

        await App.Get<PetitionResponses>().ApproveAsync(_signer, review.Id, review.Version, "Visto bueno", Password, "https://atencion.organismo.gob.mx/");
        var (issued, pdf) = await IssuedAsync(review.Id);
        Assert.Equal((person.SerialNumber, App.Time.GetUtcNow().UtcDateTime), (issued.CertificateSerial, issued.SignedAtUtc));
        var signature = PdfSignatureVerifier.Check(pdf);
        Assert.True(signature.Valid, signature.Problem);
        Assert.Equal(("DIANA RUIZ CAMPOS", person.SerialNumber), (signature.SignerName, signature.CertificateSerial));
        Assert.Contains((await EventsAsync(review.Id)), e => e.Note == $"Visto bueno PDF de la respuesta firmado electrónicamente (certificado {person.SerialNumber}).");

        // Nobody keeps the code but the document: its hash is all the database has. The file checks out; a copy one byte off does not.
        await using (var db = App.CreateDb()) Assert.Equal(64, (await db.IssuedDocuments.SingleAsync()).CodeHash.Length);
        var check = await Verification.CheckFileAsync(new MemoryStream(pdf), null);
        Assert.True(check.IsOriginal);
        Assert.True(check.Signature.Valid);
        var tampered = (byte[])pdf.Clone();
        tampered[pdf.Length / 3] ^= 0x20;
        var forged = await Verification.CheckFileAsync(new MemoryStream(tampered), null);
        Assert.False(forged.IsOriginal);
        Assert.False(forged.Signature.Valid);
        Assert.Null(await Verification.ByCodeAsync("NOEXISTE22"));

        // A letter that looks the same, signed validly by someone else's certificate, under this document's code: not the original.
        using var impostor = TestCertificates.Person(TestCertificates.Authority("Otra autoridad"), "Olga Martínez");
        var code = System.Text.RegularExpressions.Regex.Match(System.Text.Encoding.Latin1.GetString(pdf), "verificar#codigo=([A-Z0-9]{10})").Groups[1].Value;
        using var copy = ResponseLetter.Build(new LetterContent("Organismo Operador de Agua", "Atención a Usuarios", await FolioAsync(review.Id), new DateOnly(2026, 11, 27),
            "José Pérez", "Av. Juárez 10", "Aclaración", "Se ajustó su cobro.", "Diana Ruiz Campos", "Dirección Comercial", code, $"https://x/verificar#codigo={code}", true));
        PdfSharp.Pdf.Signatures.DigitalSignatureHandler.ForDocument(copy, new CmsPdfSigner(impostor, DateTime.UtcNow), new PdfSharp.Pdf.Signatures.DigitalSignatureOptions());
        using var stream = new MemoryStream();
        copy.Save(stream);
        var other = await Verification.CheckFileAsync(new MemoryStream(stream.ToArray()), code);
        Assert.False(other.IsOriginal);
        Assert.Equal("Este archivo NO es el original de ese código: fue modificado o es otro documento.", other.Verdict);
        Assert.Equal((true, "Olga Martínez"), (other.Signature.Valid, other.Signature.SignerName));
        Assert.Equal(person.SerialNumber, other.Document!.CertificateSerial);
    }

    private async Task<string> FolioAsync(int id) => (await LoadAsync(id)).Folio;

    [Fact]
    public async Task A_wrong_password_an_expired_certificate_or_none_approve_nothing()
    {
        var review = await InReviewAsync();
        await ElectronicAsync();
        var none = await Assert.ThrowsAsync<RuleException>(() => App.Get<PetitionResponses>().ApproveAsync(_signer, review.Id, review.Version, null, Password));
        Assert.StartsWith("Firma electrónica: no tiene un certificado registrado", none.Message);

        using var person = TestCertificates.Person(_authority, "Diana Ruiz Campos", notAfter: App.Time.GetUtcNow().AddDays(3));
        var (cer, key) = EFirma(person);
        await Certificates.RegisterAsync(_signer, cer, key, Password);
        var wrong = await Assert.ThrowsAsync<RuleException>(() => App.Get<PetitionResponses>().ApproveAsync(_signer, review.Id, review.Version, null, "otra-cosa"));
        Assert.StartsWith("Contraseña de la llave privada: no abre la llave", wrong.Message);
        Assert.DoesNotContain("otra-cosa", wrong.Message);

        App.Time.Advance(TimeSpan.FromDays(5));
        var expired = await Assert.ThrowsAsync<RuleException>(() => App.Get<PetitionResponses>().ApproveAsync(_signer, review.Id, review.Version, null, Password));
        Assert.StartsWith("El certificado venció el", expired.Message);

        var petition = await LoadAsync(review.Id);
        Assert.Equal(PetitionStatus.EnRevision, petition.Status);
        await using var db = App.CreateDb();
        Assert.Equal(0, await db.IssuedDocuments.CountAsync());
        Assert.Equal(0, await db.Attachments.CountAsync(a => a.Kind == AttachmentKind.RespuestaPdf));
    }

    [Fact]
    public async Task Registration_refuses_someone_elses_certificate_a_mismatched_key_and_a_certificate_not_yet_or_no_longer_valid()
    {
        using var other = TestCertificates.Person(_authority, "Olga Martínez");
        var (otherCer, otherKey) = EFirma(other);
        var someoneElse = await Assert.ThrowsAsync<RuleException>(() => Certificates.RegisterAsync(_signer, otherCer, otherKey, Password));
        Assert.Equal("El certificado es de «Olga Martínez», no de Diana Ruiz Campos: cada quien registra su propia firma.", someoneElse.Message);

        using var mine = TestCertificates.Person(_authority, "Diana Ruiz Campos");
        var (cer, _) = EFirma(mine);
        var mismatch = await Assert.ThrowsAsync<RuleException>(() => Certificates.RegisterAsync(_signer, cer, otherKey, Password));
        Assert.StartsWith("La llave privada (.key) no corresponde a ese certificado", mismatch.Message);

        using var future = TestCertificates.Person(_authority, "Diana Ruiz Campos", notBefore: App.Time.GetUtcNow().AddDays(10), notAfter: App.Time.GetUtcNow().AddYears(1));
        var (futureCer, futureKey) = EFirma(future);
        Assert.StartsWith("El certificado es válido a partir del", (await Assert.ThrowsAsync<RuleException>(() => Certificates.RegisterAsync(_signer, futureCer, futureKey, Password))).Message);
        using var old = TestCertificates.Person(_authority, "Diana Ruiz Campos", notBefore: App.Time.GetUtcNow().AddYears(-3), notAfter: App.Time.GetUtcNow().AddDays(-1));
        var (oldCer, oldKey) = EFirma(old);
        Assert.StartsWith("El certificado venció el", (await Assert.ThrowsAsync<RuleException>(() => Certificates.RegisterAsync(_signer, oldCer, oldKey, Password))).Message);
        // Only a Director registers, and only their own.
        await Assert.ThrowsAsync<RuleException>(() => Certificates.RegisterAsync(_clerk, cer, EFirma(mine).Key, Password));
        Assert.Null(await Certificates.CurrentAsync(_signer));
    }

    [Fact]
    public async Task A_PKCS12_file_works_too_and_a_new_registration_retires_the_previous_one()
    {
        using var first = TestCertificates.Person(_authority, "Diana Ruiz Campos");
        var (cer, key) = EFirma(first);
        await Certificates.RegisterAsync(_signer, cer, key, Password);
        using var second = TestCertificates.Person(_authority, "Diana Ruiz Campos");
        var p12 = second.Export(X509ContentType.Pkcs12, Password);
        var wrong = await Assert.ThrowsAsync<RuleException>(() => Certificates.RegisterAsync(_signer, null, p12, "no-es"));
        Assert.StartsWith("Contraseña de la llave privada: no abre el archivo .p12", wrong.Message);
        var current = await Certificates.RegisterAsync(_signer, null, p12, Password);
        Assert.Equal(second.SerialNumber, current.SerialNumber);
        await using (var db = App.CreateDb())
        {
            Assert.Equal(1, await db.SigningCertificates.CountAsync(c => c.RetiredAtUtc == null));
            Assert.Equal(2, await db.SigningCertificates.CountAsync());
        }
        await ElectronicAsync();
        var review = await InReviewAsync();
        await App.Get<PetitionResponses>().ApproveAsync(_signer, review.Id, review.Version, null, Password);
        var (issued, pdf) = await IssuedAsync(review.Id);
        Assert.Equal(second.SerialNumber, issued.CertificateSerial);
        Assert.True(PdfSignatureVerifier.Check(pdf).Valid);
    }

    [Fact]
    public async Task Who_accepted_electronic_notice_downloads_the_response_and_the_first_download_is_the_acuse()
    {
        // The ready mail is read from the outbox: mail on, no server needed.
        await TestSmtp.PointAppAtAsync(App.Services, 2525);
        var refused = await Assert.ThrowsAsync<RuleException>(() => Registration.RegisterWrittenAsync(_oficialia,
            new WrittenPetitionInput(Input() with { AcceptsElectronicDelivery = true }, "OP-SIN-CORREO", new DateTime(2026, 11, 27, 9, 0, 0))));
        Assert.StartsWith("Notificación electrónica: escriba el correo", refused.Message);

        var electronic = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(
            Input() with { Email = "maria@example.com", AcceptsElectronicDelivery = true }, "OP-E", new DateTime(2026, 11, 27, 9, 0, 0)));
        var inPerson = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), "OP-P", new DateTime(2026, 11, 27, 9, 0, 0)));
        var accepted = await LoadAsync(electronic.Id);
        Assert.Equal(App.Time.GetUtcNow().UtcDateTime, accepted.ElectronicDeliveryAcceptedAtUtc);
        Assert.NotNull(accepted.ElectronicDeliveryPrivacyVersion);
        var responses = App.Get<PetitionResponses>();
        foreach (var id in new[] { electronic.Id, inPerson.Id })
        {
            var p = await LoadAsync(id);
            var step = await responses.SaveDraftAsync(_clerk, id, p.Version, "Se ajustó su cobro.");
            step = await responses.SubmitForReviewAsync(_clerk, id, step.Version);
            await responses.ApproveAsync(_signer, id, step.Version, null);
        }
        await using (var db = App.CreateDb())
        {
            var ready = await db.Notices.SingleAsync(n => n.PetitionId == electronic.Id && n.Kind == Ventanilla.Features.Citizen.NoticeKinds.Ready);
            Assert.Equal($"Folio {accepted.Folio}: su respuesta está lista para descargar", ready.Subject);
            Assert.Contains("su primera descarga cuenta como su acuse de recibo", ready.Body);
        }

        var delivery = App.Get<ElectronicDelivery>();
        Assert.Null(await delivery.DownloadAsync(accepted.Folio, "ZZZZZZ"));
        var other = await LoadAsync(inPerson.Id);
        Assert.Null(await delivery.DownloadAsync(other.Folio, other.PublicCode));
        Assert.Equal(new ResponseDownload(true, null), await delivery.StatusAsync(accepted.Folio, accepted.PublicCode));

        App.Time.Advance(TimeSpan.FromHours(2));
        var file = await delivery.DownloadAsync(accepted.Folio, accepted.PublicCode);
        Assert.Equal(($"respuesta-{accepted.Folio}.pdf", "application/pdf"), (file!.DownloadName, file.ContentType));
        Assert.True(File.Exists(file.Path));
        await using var read = App.CreateDb();
        var delivered = await read.Petitions.AsNoTracking().Include(p => p.Deliveries).SingleAsync(p => p.Id == electronic.Id);
        Assert.Equal((PetitionStatus.Entregada, true), (delivered.Status, delivered.OnTime == true));
        var acuse = Assert.Single(delivered.Deliveries);
        Assert.Equal((true, ElectronicDelivery.Receiver, App.Time.GetUtcNow().UtcDateTime), (acuse.Electronic, acuse.ReceivedBy, acuse.DeliveredAtUtc));
        Assert.Contains(await EventsAsync(electronic.Id), e => e.Kind == PetitionEvents.Delivered && e.Note!.StartsWith("Entregada electrónicamente"));

        // Later downloads give the same file and record nothing more; the Oficialía then closes the folio as always.
        App.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(file.Path, (await delivery.DownloadAsync(accepted.Folio, accepted.PublicCode))!.Path);
        Assert.Single((await read.Petitions.AsNoTracking().Include(p => p.Deliveries).SingleAsync(p => p.Id == electronic.Id)).Deliveries);
        var status = await delivery.StatusAsync(accepted.Folio, accepted.PublicCode);
        Assert.Equal(App.Get<OfficeClock>().ToLocal(acuse.DeliveredAtUtc), status!.DeliveredLocal);
        await responses.CloseAsync(_oficialia, electronic.Id, delivered.Version, null);
        Assert.Equal(PetitionStatus.Cerrada, (await LoadAsync(electronic.Id)).Status);
    }
}
