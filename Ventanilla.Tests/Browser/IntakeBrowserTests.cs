using Microsoft.Playwright;
using MimeKit;
using netDumbster.smtp;
using Ventanilla.Features.Intake;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// The written channel without paper, as a citizen uses it on a phone and the office answers it: filing at
/// <c>/tramite</c> with camera-sized photos, the code read from the mail a real SMTP server received, the proof sent
/// from <c>/consulta</c>, and the staff accepting or rejecting it.
/// </summary>
public class IntakeBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string TypeName = "Aclaración de facturación";

    private static async Task OfferOnlineAsync(AppServer server)
    {
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var type = await db.PetitionTypes.SingleAsync(t => t.Name == TypeName);
        await server.Get<CatalogService>().SaveOnlineTypeAsync(Actor.System, type.Id, type.Version, true, "Identificación oficial\nÚltimo recibo de agua");
    }

    /// <summary>A photo as a phone camera makes it (a few megabytes), written where the browser can pick it.</summary>
    private static string CameraPhoto(string folder, string name, int megabytes = 3)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, TestDocuments.JpegLike(megabytes * 1024 * 1024));
        return path;
    }

    /// <summary>The mail the server received that <paramref name="match"/> picks, waiting for the app's sender to deliver it.</summary>
    private static async Task<MimeMessage> MailAsync(SimpleSmtpServer smtp, Func<MimeMessage, bool> match)
    {
        for (var waited = 0; waited < 150; waited++)
        {
            var found = smtp.Messages().Where(match).ToList();
            if (found.Count > 0) return Assert.Single(found);
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("No llegó el correo esperado al servidor SMTP de la prueba.");
    }

    private static Func<MimeMessage, bool> CodeMail(string to) => m => m.Subject!.StartsWith("Su código", StringComparison.Ordinal) && m.To.Mailboxes.Any(b => b.Address == to);

    private static async Task FillFormAsync(IPage phone, bool thirdParty, string email, string description = "Me llegó un cobro doble en el último recibo.")
    {
        await phone.Locator("[data-testid=intake-name]").FillAsync("María López Hernández");
        await phone.Locator(thirdParty ? "[data-testid=intake-owner-no]" : "[data-testid=intake-owner-yes]").CheckAsync();
        await phone.Locator("[data-testid=intake-account]").FillAsync("01-234-5678");
        await phone.Locator("[data-testid=intake-address]").FillAsync("Av. Juárez 10, Col. Centro");
        await phone.Locator("[data-testid=intake-phone]").FillAsync("55 1234 5678");
        await phone.Locator("[data-testid=intake-email]").FillAsync(email);
        await phone.Locator("[data-testid=intake-description]").FillAsync(description);
        await Microsoft.Playwright.Assertions.Expect(phone.Locator("[data-testid=privacy-full-link]")).ToHaveAttributeAsync("href", "aviso-de-privacidad");
        await phone.Locator("[data-testid=intake-privacy]").CheckAsync();
    }

    [Fact]
    public async Task A_third_party_files_from_a_phone_confirms_with_the_mailed_code_sends_the_proof_and_the_desk_accepts_it()
    {
        using var smtp = TestSmtp.Start();
        await using var server = await AppServer.StartAsync();
        await smtp.ServeAppAsync(server.Services);
        await OfferOnlineAsync(server);
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var phone = await NewPhoneAsync(server);

        await phone.GotoAsync("tramite");
        var choice = phone.Locator("[data-testid=intake-types] a", new() { HasText = TypeName });
        await Expect(choice).ToContainTextAsync("Necesita: Identificación oficial; Último recibo de agua");
        await choice.ClickAsync();
        await Expect(phone.Locator("[data-testid=intake-requirements]")).ToContainTextAsync("Último recibo de agua");
        await FillFormAsync(phone, thirdParty: true, "maria.lopez@example.com");
        await phone.Locator("[data-testid=intake-id-file]").SetInputFilesAsync(CameraPhoto(server.Folder, "ine.jpg"));
        await phone.Locator("[data-testid=intake-files]").SetInputFilesAsync(CameraPhoto(server.Folder, "recibo.jpg"));
        Assert.False(await OverflowsSidewaysAsync(phone), "el formulario es más ancho que el teléfono");
        await phone.Locator("[data-testid=intake-submit]").ClickAsync();

        await Expect(phone.Locator("[data-testid=intake-code-sent]")).ToContainTextAsync("ma•••@example.com");
        var code = (await MailAsync(smtp, CodeMail("maria.lopez@example.com"))).Subject![^6..];
        await phone.Locator("[data-testid=confirm-code]").FillAsync(code == "000000" ? "111111" : "000000");
        await phone.Locator("[data-testid=confirm-submit]").ClickAsync();
        await Expect(phone.Locator("[data-testid=intake-error]")).ToHaveTextAsync("Código: no es el que le enviamos. Le quedan 4 intentos.");
        await phone.Locator("[data-testid=confirm-code]").FillAsync(code);
        await phone.Locator("[data-testid=confirm-submit]").ClickAsync();

        var folio = (await phone.Locator("[data-testid=intake-folio]").InnerTextAsync()).Trim();
        var verification = (await phone.Locator("[data-testid=intake-code]").InnerTextAsync()).Trim();
        Assert.Matches("^AU-2026-\\d{5}$", folio);
        await Expect(phone.Locator("[data-testid=intake-proof]")).ToContainTextAsync("debe acreditar la propiedad");
        var link = await QrReader.ReadAsync(phone.Locator("[data-testid=intake-qr]"));
        Assert.Equal($"{server.BaseUrl}consulta#folio={folio}&codigo={verification}", link);
        Assert.False(await OverflowsSidewaysAsync(phone), "la confirmación es más ancha que el teléfono");
        var registered = await MailAsync(smtp, m => m.Subject == $"Su petición quedó registrada con el folio {folio}");
        Assert.Contains($"Código de verificación: {verification}", registered.TextBody);

        // Later, from the QR: the status says what is asked and takes the proof from the phone.
        var later = await NewPhoneAsync(server);
        await later.GotoAsync(link);
        await Expect(later.Locator("[data-testid=requirement]")).ToHaveAttributeAsync("data-reason", nameof(PauseReason.OwnershipProof));
        await Expect(later.Locator("[data-testid=requirement-what]")).ToContainTextAsync("Acreditar que usted es propietario");
        await later.Locator("[data-testid=delivery-files]").SetInputFilesAsync(CameraPhoto(server.Folder, "escritura.jpg"));
        await later.Locator("[data-testid=delivery-note]").FillAsync("Es la escritura de mi mamá");
        await later.Locator("[data-testid=delivery-submit]").ClickAsync();
        await Expect(later.Locator("[data-testid=delivery-sent]")).ToContainTextAsync("Recibimos sus documentos");
        Assert.False(await OverflowsSidewaysAsync(later), "la consulta es más ancha que el teléfono");
        // Nothing personal on the public pages beyond what the citizen typed in that same form.
        var shown = await later.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("María", shown);
        Assert.DoesNotContain("maria.lopez", shown);

        // The desk sees it waiting in the menu and on the follow-up page, and accepts it on the petition.
        var desk = await OpenSignedInAsync(server, "rosa", "seguimiento");
        await Expect(desk.Locator("[data-testid=deliveries-badge]")).ToHaveTextAsync("1");
        await desk.Locator($"[data-pending-delivery='{folio}'] a").ClickAsync();
        await WaitForAddressAsync(desk, $"**/peticiones/{folio}");
        var panel = desk.Locator("[data-testid=citizen-deliveries]");
        await Expect(panel).ToContainTextAsync("Comentario del usuario: Es la escritura de mi mamá");
        await Expect(desk.Locator("[data-testid=attachments]")).ToContainTextAsync(CitizenDeliveries.UploaderName);
        await panel.Locator("[data-testid=delivery-accept]").ClickAsync();
        await Expect(panel.Locator("[data-status=Accepted]")).ToContainTextAsync("Aceptada por");
        await Expect(desk.Locator("[data-testid=status]")).ToHaveTextAsync("Registrada");
        await Expect(desk.Locator("[data-testid=deliveries-badge]")).ToHaveCountAsync(0);
        await Expect(desk.Locator("[data-testid=petition-data]")).ToContainTextAsync("en línea");
    }

    [Fact]
    public async Task The_channel_opens_with_mail_a_code_expires_a_duplicate_shows_its_folio_and_a_rejected_document_is_sent_again()
    {
        using var smtp = TestSmtp.Start();
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("admin", "Segura123", Roles.Administrador);
        await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        var phone = await NewPhoneAsync(server);
        await phone.GotoAsync("tramite");
        await Expect(phone.Locator("[data-testid=intake-closed]")).ToContainTextAsync("no está disponible");

        // The administrator offers the type online, with the documents it asks for.
        await smtp.ServeAppAsync(server.Services);
        var admin = await OpenSignedInAsync(server, "admin", "admin/catalogos");
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Trámites en línea" }).ClickAsync();
        var row = admin.Locator($"[data-online-type='{TypeName}']");
        await row.Locator("input[type=checkbox]").CheckAsync();
        await row.Locator("textarea").FillAsync("Identificación oficial");
        await row.Locator("[data-testid=online-save]").ClickAsync();
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("Guardado.");

        await phone.GotoAsync("tramite");
        await phone.Locator("[data-testid=intake-types] a", new() { HasText = TypeName }).ClickAsync();
        await FillFormAsync(phone, thirdParty: false, "jose@example.com");
        await phone.Locator("[data-testid=intake-submit]").ClickAsync();
        await Expect(phone.Locator("[data-testid=intake-code-sent]")).ToBeVisibleAsync();
        var stale = (await MailAsync(smtp, CodeMail("jose@example.com"))).Subject![^6..];
        // Fifteen minutes pass (the request's code is made old in the database, the server's clock being real).
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            await db.OnlineRequests.ExecuteUpdateAsync(r => r.SetProperty(x => x.CodeExpiresUtc, DateTime.UtcNow.AddMinutes(-1)));
        }
        await phone.Locator("[data-testid=confirm-code]").FillAsync(stale);
        await phone.Locator("[data-testid=confirm-submit]").ClickAsync();
        await Expect(phone.Locator("[data-testid=intake-error]")).ToHaveTextAsync("Código: venció (dura 15 minutos). Pida un código nuevo.");
        await phone.Locator("[data-testid=resend-submit]").ClickAsync();
        await Expect(phone.Locator("[data-testid=intake-note]")).ToContainTextAsync("Le enviamos un código nuevo");
        // The server keeps what it received in no particular order: the new code is the one that is not the old.
        var fresh = (await MailAsync(smtp, m => CodeMail("jose@example.com")(m) && m.Subject![^6..] != stale)).Subject![^6..];
        await phone.Locator("[data-testid=confirm-code]").FillAsync(fresh);
        await phone.Locator("[data-testid=confirm-submit]").ClickAsync();
        var folio = (await phone.Locator("[data-testid=intake-folio]").InnerTextAsync()).Trim();
        var verification = (await phone.Locator("[data-testid=intake-code]").InnerTextAsync()).Trim();

        // The same request again: refused on the form, with the folio it already has.
        await phone.GotoAsync("tramite");
        await phone.Locator("[data-testid=intake-types] a", new() { HasText = TypeName }).ClickAsync();
        await FillFormAsync(phone, thirdParty: false, "jose@example.com");
        await phone.Locator("[data-testid=intake-submit]").ClickAsync();
        await Expect(phone.Locator("[data-testid=intake-error]")).ToContainTextAsync($"con el folio {folio}");

        // The Dirección Comercial reviews it like a letter and hands it over; the desk then asks for a document.
        var director = await OpenSignedInAsync(server, "diana", $"peticiones/{folio}");
        await Expect(director.Locator("[data-testid=petition-data]")).ToContainTextAsync("en línea");
        await director.Locator("[data-testid=forward]").ClickAsync();
        await Expect(director.Locator("[data-testid=timeline]")).ToContainTextAsync("Turnada a Atención a Usuarios");
        var petition = await PetitionAsync(server, folio);
        await server.Get<Ventanilla.Features.Petitions.PetitionService>().WaitForPetitionerAsync(Actor.System, petition.Id, petition.Version,
            PauseReason.Documents, DateOnly.FromDateTime(server.Get<OfficeClock>().ToLocal(DateTime.UtcNow)), "Recibo de pago de noviembre");

        var status = await NewPhoneAsync(server);
        await status.GotoAsync($"consulta#folio={folio}&codigo={verification}");
        await Expect(status.Locator("[data-testid=requirement-what]")).ToContainTextAsync("Recibo de pago de noviembre");
        await status.Locator("[data-testid=delivery-files]").SetInputFilesAsync(CameraPhoto(server.Folder, "borrosa.jpg", 1));
        await status.Locator("[data-testid=delivery-submit]").ClickAsync();
        await Expect(status.Locator("[data-testid=delivery-sent]")).ToBeVisibleAsync();

        await director.ReloadAsync();
        await WaitForInteractiveAsync(director);
        var panel = director.Locator("[data-testid=citizen-deliveries]");
        await panel.Locator("input[data-testid=delivery-reason]").FillAsync("La foto está borrosa");
        await panel.Locator("[data-testid=delivery-reject]").ClickAsync();
        await Expect(panel.Locator("[data-status=Rejected]")).ToContainTextAsync("La foto está borrosa");
        var rejected = await MailAsync(smtp, m => m.Subject == $"Folio {folio}: no pudimos aceptar los documentos que envió");
        Assert.Contains("Motivo: La foto está borrosa", rejected.TextBody);

        await status.GotoAsync($"consulta#folio={folio}&codigo={verification}");
        await Expect(status.Locator("[data-testid=delivery-rejected]")).ToContainTextAsync("La foto está borrosa");
        await status.Locator("[data-testid=delivery-files]").SetInputFilesAsync(CameraPhoto(server.Folder, "nitida.jpg", 1));
        await status.Locator("[data-testid=delivery-submit]").ClickAsync();
        await Expect(status.Locator("[data-testid=delivery-sent]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_program_named_as_a_photo_is_refused_on_the_form_and_the_typed_data_stays()
    {
        using var smtp = TestSmtp.Start();
        await using var server = await AppServer.StartAsync(settings => settings["Citizen:LookupsPerMinute"] = "6");
        await smtp.ServeAppAsync(server.Services);
        await OfferOnlineAsync(server);
        var phone = await NewPhoneAsync(server);
        await phone.GotoAsync("tramite");
        await phone.Locator("[data-testid=intake-types] a", new() { HasText = TypeName }).ClickAsync();
        await FillFormAsync(phone, thirdParty: false, "ana@example.com");
        var program = Path.Combine(server.Folder, "foto.jpg");
        await File.WriteAllBytesAsync(program, TestDocuments.Exe());
        await phone.Locator("[data-testid=intake-files]").SetInputFilesAsync(program);
        await phone.Locator("[data-testid=intake-submit]").ClickAsync();
        await Expect(phone.Locator("[data-testid=intake-error]")).ToContainTextAsync("«foto.jpg» no es un PDF, una foto JPEG, PNG o HEIC");
        await Expect(phone.Locator("[data-testid=intake-name]")).ToHaveValueAsync("María López Hernández");
        await Expect(phone.Locator("[data-testid=intake-description]")).ToHaveValueAsync("Me llegó un cobro doble en el último recibo.");
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            Assert.Equal(0, await db.OnlineRequests.CountAsync());
        }

        // The form's posts count against the client's minute like the status lookups: past six, refused in Spanish
        // (before anything is read of them).
        var answers = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var response = await phone.APIRequest.PostAsync("tramite", new() { Multipart = phone.APIRequest.CreateFormData() });
            answers.Add(response.Status);
            if (response.Status == 429) Assert.Contains(Ventanilla.Features.Admin.RequestLimits.LookupMessage, await response.TextAsync());
        }
        Assert.Equal(429, answers[^1]);
        Assert.Equal(5, answers.Count(a => a != 429));
        Assert.Equal(200, (await phone.APIRequest.GetAsync("tramite")).Status); // reading the page is not limited
    }

    private static async Task<Petition> PetitionAsync(AppServer server, string folio)
    {
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Petitions.SingleAsync(p => p.Folio == folio);
    }
}
