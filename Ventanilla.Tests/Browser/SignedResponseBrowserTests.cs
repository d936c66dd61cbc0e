using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Playwright;
using Ventanilla.Features.Documents;
using Ventanilla.Features.Petitions;
using Ventanilla.Tests.Features.Documents;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// The Director registers her e.firma, approves a response typing her key's password, and a citizen on a phone checks
/// the signed PDF at <c>/verificar</c> by the QR's code and by dropping the file (and a copy one byte off).
/// </summary>
public class SignedResponseBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string Password = "Llave-de-Diana-2026";

    [Fact]
    public async Task The_Director_registers_her_efirma_signs_at_approval_and_a_phone_verifies_the_PDF()
    {
        await using var server = await AppServer.StartAsync();
        var diana = await server.Get<UserService>().CreateAsync(Actor.System, new UserInput("druiz", "Diana Ruiz Campos", [Roles.DireccionComercial], [], "Segura123"));
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var settings = server.Get<SettingsService>();
        await settings.SaveSigningAsync(Actor.System, true, settings.Current.Version);
        using var authority = TestCertificates.Authority();
        using var person = TestCertificates.Person(authority, "DIANA RUIZ CAMPOS");
        var cer = Path.Combine(server.Folder, "diana.cer");
        var key = Path.Combine(server.Folder, "diana.key");
        await File.WriteAllBytesAsync(cer, person.RawData);
        using (var rsa = person.GetRSAPrivateKey()!)
        {
            await File.WriteAllBytesAsync(key, rsa.ExportEncryptedPkcs8PrivateKey(Password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));
        }

        // A response waiting for the visto bueno.
        var clerk = await server.Get<Actors>().ForUserAsync((await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes)).Id);
        int type;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext()) type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        var petition = await server.Get<PetitionRegistration>().RegisterWrittenAsync(clerk, new WrittenPetitionInput(
            new PetitionInput(type, "Cobro doble", "María López", Address: "Av. Juárez 10", Email: "maria@example.com", AcceptsElectronicDelivery: true),
            "OP-7", server.Get<OfficeClock>().Now().DateTime.AddMinutes(-5)));
        var rosa = await server.Get<Actors>().ForUserAsync((await server.Get<UserService>().ListAsync()).Single(u => u.UserName == "rosa").Id);
        var responses = server.Get<PetitionResponses>();
        var step = await responses.SaveDraftAsync(rosa, petition.Id, petition.Version, "Se revisó su recibo y se ajustó el cobro del bimestre.");
        await responses.SubmitForReviewAsync(rosa, petition.Id, step.Version);

        var page = await OpenSignedInAsync(server, "druiz", "firma");
        await ChooseFileAsync(page.Locator("[data-testid=certificate-file] input[type=file], input[type=file][data-testid=certificate-file]").First, cer);
        await ChooseFileAsync(page.Locator("[data-testid=key-file] input[type=file], input[type=file][data-testid=key-file]").First, key);
        await page.Locator("input[data-testid=key-password]").FillAsync("equivocada");
        await page.Locator("[data-testid=register]").ClickAsync();
        await Expect(page.Locator("[data-testid=certificate-error]")).ToContainTextAsync("Contraseña de la llave privada: no abre la llave");
        await page.Locator("input[data-testid=key-password]").FillAsync(Password);
        await page.Locator("[data-testid=register]").ClickAsync();
        await Expect(page.Locator("[data-testid=certificate-serial]")).ToContainTextAsync(person.SerialNumber);

        await page.GotoAsync($"peticiones/{petition.Folio}");
        await WaitForInteractiveAsync(page);
        await page.Locator("input[data-testid=signing-password]").FillAsync("equivocada");
        await page.Locator("[data-testid=approve]").ClickAsync();
        await Expect(page.Locator("[data-testid=action-error]")).ToContainTextAsync("Contraseña de la llave privada");
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("En revisión");
        await page.Locator("input[data-testid=signing-password]").FillAsync(Password);
        await page.Locator("[data-testid=approve]").ClickAsync();
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Aprobada");
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync($"firmado electrónicamente (certificado {person.SerialNumber})");
        await Expect(page.Locator("[data-testid=attachments]")).ToContainTextAsync($"respuesta-{petition.Folio}.pdf");

        // The signed PDF as the citizen receives it, and the code its QR carries.
        byte[] pdf;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var issued = await db.IssuedDocuments.SingleAsync();
            pdf = await File.ReadAllBytesAsync(server.Get<Ventanilla.Features.Expediente.AttachmentStore>().PathOf(issued.Sha256));
        }
        var code = System.Text.RegularExpressions.Regex.Match(System.Text.Encoding.Latin1.GetString(pdf), "verificar#codigo=([A-Z0-9]{10})").Groups[1].Value;
        var file = Path.Combine(server.Folder, "respuesta.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        var tampered = Path.Combine(server.Folder, "respuesta-cambiada.pdf");
        var changed = (byte[])pdf.Clone();
        changed[pdf.Length / 3] ^= 0x20;
        await File.WriteAllBytesAsync(tampered, changed);

        var phone = await NewPhoneAsync(server);
        await phone.GotoAsync($"verificar#codigo={code}");
        await Expect(phone.Locator("[data-testid=verify-folio]")).ToHaveTextAsync(petition.Folio);
        await Expect(phone.Locator("[data-testid=verify-signer]")).ToHaveTextAsync("Diana Ruiz Campos, Dirección Comercial");
        await Expect(phone.Locator("[data-testid=verify-how]")).ToContainTextAsync(person.SerialNumber);
        Assert.DoesNotContain("María", await phone.Locator("body").InnerTextAsync());
        await phone.Locator("[data-testid=verify-file]").SetInputFilesAsync(file);
        await phone.Locator("[data-testid=verify-file-submit]").ClickAsync();
        await Expect(phone.Locator("[data-testid=verify-file-result]")).ToHaveAttributeAsync("data-original", "si");
        await Expect(phone.Locator("[data-testid=verify-signature]")).ToContainTextAsync("Válida: firmó DIANA RUIZ CAMPOS");
        Assert.False(await OverflowsSidewaysAsync(phone), "la verificación es más ancha que el teléfono");

        await phone.Locator("[data-testid=verify-file]").SetInputFilesAsync(tampered);
        await phone.Locator("[data-testid=verify-file-submit]").ClickAsync();
        await Expect(phone.Locator("[data-testid=verify-file-result]")).ToHaveAttributeAsync("data-original", "no");
        await Expect(phone.Locator("[data-testid=verify-verdict]")).ToContainTextAsync("NO es el original");
        await Expect(phone.Locator("[data-testid=verify-signature]")).ToContainTextAsync("No válida");

        await phone.GotoAsync("verificar#codigo=NOEXISTE22");
        await Expect(phone.Locator("[data-testid=verify-not-found]")).ToBeVisibleAsync();

        // She accepted electronic notification: the status page offers the signed PDF, and her first download is the acuse.
        string publicCode;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            publicCode = (await db.Petitions.SingleAsync(p => p.Id == petition.Id)).PublicCode!;
        }
        await phone.GotoAsync($"consulta#folio={petition.Folio}&codigo={publicCode}");
        await Expect(phone.Locator("[data-testid=status-headline]")).ToHaveTextAsync("Respuesta lista para descargar");
        var download = await phone.RunAndWaitForDownloadAsync(() => phone.Locator("[data-testid=response-download-submit]").ClickAsync());
        Assert.Equal($"respuesta-{petition.Folio}.pdf", download.SuggestedFilename);
        Assert.Equal(pdf, await File.ReadAllBytesAsync((await download.PathAsync())!));
        await phone.GotoAsync($"consulta#folio={petition.Folio}&codigo={publicCode}");
        await Expect(phone.Locator("[data-testid=status-headline]")).ToHaveTextAsync("Respuesta entregada");
        await Expect(phone.Locator("[data-testid=response-delivered]")).ToContainTextAsync("Entregada electrónicamente el");
        await page.ReloadAsync();
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("Entregada electrónicamente");
    }
}
