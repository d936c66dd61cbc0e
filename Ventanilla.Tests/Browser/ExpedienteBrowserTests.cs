using Ventanilla.Features.Shared;
using System.IO.Compression;
using Microsoft.Playwright;
using Ventanilla.Features.Expediente;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// The petition's file in a real browser: a clerk attaches a photo and a PDF, sees them, opens them and downloads the
/// ZIP; a refused file says why; every role (and another area) is tried against the files themselves; and a backup
/// restored on a machine that lost its database brings back the petition with its documents.
/// </summary>
public class ExpedienteBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static async Task<(int Id, string Folio, Actor Clerk)> RoutedPetitionAsync(AppServer server)
    {
        var actors = server.Get<Actors>();
        var olga = await actors.ForUserAsync((await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes)).Id);
        var rosa = await actors.ForUserAsync((await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios)).Id);
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        var operation = await db.Areas.Where(a => a.Name == "Operación").Select(a => a.Id).SingleAsync();
        var received = TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "America/Mexico_City").AddHours(-1);
        var created = await server.Get<PetitionRegistration>().RegisterWrittenAsync(olga,
            new WrittenPetitionInput(new PetitionInput(type, "Fuga en la toma", "María López", IsThirdParty: true), "OP-77", received));
        await server.Get<PetitionService>().RouteAsync(rosa, created.Id, created.Version, [operation], null);
        return (created.Id, created.Folio, rosa);
    }

    private static async Task<List<Attachment>> AttachmentsAsync(AppServer server)
    {
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Attachments.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>Writes the bytes under a name in a folder of the test's, as the file a person picks on their device.</summary>
    private static async Task<string> FileAsync(string name, byte[] bytes)
    {
        var path = Path.Combine(TestApp.NewFolder(), name);
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    private static async Task ChooseDocumentsAsync(IPage page, params string[] paths)
    {
        var input = page.Locator("input[data-testid=attach-file]");
        // The page's script takes the files once it has hooked the input (right after the page turns live).
        await Expect(page.Locator("input[data-testid=attach-file][data-watched]")).ToHaveCountAsync(1);
        await input.SetInputFilesAsync(paths);
    }

    [Fact]
    public async Task The_clerk_attaches_a_photo_and_a_PDF_sees_them_and_downloads_the_ZIP()
    {
        await using var server = await AppServer.StartAsync();
        var (_, folio, _) = await RoutedPetitionAsync(server);
        var rosa = await OpenSignedInAsync(server, "rosa", $"peticiones/{folio}");
        var photo = await rosa.ScreenshotAsync(new() { Type = ScreenshotType.Jpeg, Quality = 70 });
        var scan = TestDocuments.Pdf(3);

        await ChooseAsync(rosa, "Tipo de documento", "Identificación");
        await ChooseDocumentsAsync(rosa, await FileAsync("credencial.jpg", photo), await FileAsync("escrito.pdf", scan));

        await Expect(rosa.Locator("[data-testid=attachment-count]")).ToHaveTextAsync("2 documentos");
        await Expect(rosa.Locator("[data-attachment='escrito.pdf'] [data-testid=attachment-info]")).ToContainTextAsync("PDF, 3 páginas, 1 KB · rosa");
        var thumbnail = rosa.Locator("[data-attachment='credencial.jpg'] img[data-testid=attachment-thumb]");
        await Expect(thumbnail).ToBeVisibleAsync();
        await rosa.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await thumbnail.ElementHandleAsync());
        await Expect(rosa.Locator("[data-event='Documento adjunto']")).ToHaveCountAsync(2);

        // Opened in the browser as what it is; downloaded whole as one ZIP named by folio.
        var stored = await AttachmentsAsync(server);
        var opened = await rosa.APIRequest.GetAsync($"expediente/{stored.Single(a => a.FileName == "escrito.pdf").Id}");
        Assert.Equal(200, opened.Status);
        Assert.Equal("application/pdf", opened.Headers["content-type"]);
        Assert.StartsWith("inline", opened.Headers["content-disposition"]);
        Assert.Equal(scan, await opened.BodyAsync());
        var download = await rosa.RunAndWaitForDownloadAsync(() => rosa.Locator("[data-testid=attachments-zip]").ClickAsync());
        Assert.Equal($"expediente-{folio}.zip", download.SuggestedFilename);
        using (var zip = ZipFile.OpenRead((await download.PathAsync())!))
        {
            Assert.Equal(["01-identificacion-credencial.jpg", "02-identificacion-escrito.pdf"], zip.Entries.Select(e => e.FullName));
            await using var entry = zip.Entries[0].Open();
            using var copy = new MemoryStream();
            await entry.CopyToAsync(copy);
            Assert.Equal(photo, copy.ToArray());
        }

        // A Word file renamed .pdf is refused by what it is, in the page's own words.
        await ChooseDocumentsAsync(rosa, await FileAsync("contrato.pdf", TestDocuments.Docx()));
        await Expect(rosa.Locator("[data-testid=attachment-error]")).ToHaveTextAsync(
            "«contrato.pdf» no es un PDF, una foto JPEG, PNG o HEIC (se revisa el contenido del archivo, no su nombre).");
        Assert.Equal(2, (await AttachmentsAsync(server)).Count);

        // The same scan chosen again is said, not listed twice.
        await ChooseDocumentsAsync(rosa, await FileAsync("escrito-otra-vez.pdf", scan));
        await Expect(rosa.Locator("[data-testid=attachment-error]")).ToContainTextAsync(
            "«escrito-otra-vez.pdf» ya está en el expediente: es el mismo documento que «escrito.pdf» (Identificación), adjuntado el");
        await Expect(rosa.Locator("[data-testid=attachment-count]")).ToHaveTextAsync("2 documentos");

        // Withdrawn with a reason: out of the list and of the ZIP, still in the history.
        await rosa.Locator("[data-attachment='credencial.jpg'] [data-testid=attachment-withdraw]").ClickAsync();
        await rosa.Locator("input[data-testid=withdraw-reason]").FillAsync("Foto borrosa");
        await rosa.Locator("[data-testid=withdraw-confirm]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=attachment-count]")).ToHaveTextAsync("1 documento");
        await Expect(rosa.Locator("[data-event='Documento retirado']")).ToContainTextAsync("Foto borrosa");
        await rosa.GetByText("Mostrar los retirados (1)").ClickAsync();
        await Expect(rosa.Locator("[data-attachment='credencial.jpg'] [data-testid=attachment-withdrawn]")).ToContainTextAsync("Retirado por rosa");
    }

    [Fact]
    public async Task Every_role_and_another_area_are_checked_on_the_files_themselves()
    {
        await using var server = await AppServer.StartAsync();
        var (petitionId, _, rosa) = await RoutedPetitionAsync(server);
        var row = await server.Get<AttachmentService>().AddToPetitionAsync(rosa, petitionId, AttachmentKind.EscritoUsuario, "escrito.pdf",
            new MemoryStream(TestDocuments.Pdf(1)));
        await server.AddUserAsync("oscar", "Segura123", Roles.Area); // Operación, where it was routed
        await server.Get<UserService>().CreateAsync(Actor.System, new UserInput("fer", "Fernanda", [Roles.Area], ["Facturación y Cobranza"], "Segura123"));
        await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        await server.AddUserAsync("admin", "Segura123", Roles.Administrador);
        await server.AddUserAsync("kiosco", "Segura123", Roles.Recepcion);
        await server.AddUserAsync("tv", "Segura123", Roles.Pantalla);

        string[] addresses = [$"expediente/{row.Id}", $"expediente/{row.Id}/descargar", $"expediente/peticion/{petitionId}/expediente.zip"];
        var expected = new Dictionary<string, int>
        {
            ["rosa"] = 200, ["olga"] = 200, ["diana"] = 200, ["oscar"] = 200,
            ["fer"] = 404, ["admin"] = 403, ["kiosco"] = 403, ["tv"] = 403,
        };
        foreach (var (user, status) in expected)
        {
            var page = await NewPageAsync(server);
            await SignInAsync(page, user, "Segura123");
            await page.WaitForURLAsync(url => !url.Contains("Account/Login"), UrlWait);
            foreach (var address in addresses)
            {
                var response = await page.APIRequest.GetAsync(address, new() { MaxRedirects = 0 });
                // The cookie scheme answers a role it does not like with its access-denied page.
                var got = response.Status == 302 && response.Headers["location"].Contains("AccessDenied") ? 403 : response.Status;
                Assert.True(got == status, $"{user} en /{address}: {response.Status} (se esperaba {status})");
            }
            await page.Context.CloseAsync();
        }

        // Nobody signed in: to the sign-in page.
        var stranger = await NewPhoneAsync(server);
        var anonymous = await stranger.APIRequest.GetAsync(addresses[0], new() { MaxRedirects = 0 });
        Assert.Equal(302, anonymous.Status);
        Assert.Contains("Account/Login", anonymous.Headers["location"]);
    }

    [Fact]
    public async Task A_restored_backup_brings_back_a_lost_database_with_its_documents()
    {
        var folder = TestApp.NewFolder();
        var keep = TestApp.NewFolder();
        var scan = TestDocuments.Pdf(2);
        string folio, backup;
        int port;
        await using (var server = await AppServer.StartInAsync(folder))
        {
            port = server.Port;
            (_, folio, _) = await RoutedPetitionAsync(server);
            var rosa = await OpenSignedInAsync(server, "rosa", $"peticiones/{folio}");
            await ChooseDocumentsAsync(rosa, await FileAsync("escrito.pdf", scan));
            await Expect(rosa.Locator("[data-testid=attachment-count]")).ToHaveTextAsync("1 documento");
            backup = (await server.Get<BackupService>().BackupAsync(Path.Combine(keep, "respaldo.zip"))).File;
            await rosa.Context.CloseAsync();
        }

        // The disk is lost: database, its journal and every document.
        foreach (var file in Directory.GetFiles(folder, "ventanilla.db*")) File.Delete(file);
        Directory.Delete(Path.Combine(folder, AttachmentStore.FolderName), recursive: true);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Ventanilla.Cli.VentanillaCli.RunAsync(["restore", backup], builder =>
        {
            foreach (var (key, value) in TestApp.Settings(folder)) builder.Configuration[key] = value;
        }, output, error);
        Assert.True(code == 0, error.ToString());

        await using (var server = AppServer.Restart(folder, port))
        {
            var rosa = await OpenSignedInAsync(server, "rosa", $"peticiones/{folio}");
            await Expect(rosa.Locator("[data-attachment='escrito.pdf'] [data-testid=attachment-info]")).ToContainTextAsync("PDF, 2 páginas");
            var id = (await AttachmentsAsync(server)).Single().Id;
            Assert.Equal(scan, await (await rosa.APIRequest.GetAsync($"expediente/{id}")).BodyAsync());
        }
        TestApp.TryDelete(folder);
        TestApp.TryDelete(keep);
    }
}
