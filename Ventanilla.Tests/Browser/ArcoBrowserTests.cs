using System.IO.Compression;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// ARCO requests as the office answers them in the real app: Atención a Usuarios extends the term from the request's page,
/// finds the person's records, downloads them as a ZIP and rectifies one; the Dirección Comercial cancels the data of
/// the closed ones, is refused for the request itself, and sees what was changed.
/// </summary>
public class ArcoBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static async Task<PetitionRef> RequestAsync(AppServer server, ArcoRight right, string letter)
    {
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var type = await db.PetitionTypes.Where(t => t.ArcoRight == right).Select(t => t.Id).SingleAsync();
        return await server.Get<PetitionRegistration>().RegisterWrittenAsync(Actor.System, new WrittenPetitionInput(
            new PetitionInput(type, "Ejerzo mis derechos sobre mis datos", "José Pérez", Phone: "5512345678"), letter, server.Get<OfficeClock>().Now().DateTime));
    }

    [Fact]
    public async Task A_request_is_extended_searched_exported_rectified_and_its_closed_records_cancelled()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        var cancel = await RequestAsync(server, ArcoRight.Cancelacion, "OP-1");
        var rectify = await RequestAsync(server, ArcoRight.Rectificacion, "OP-2");
        string closedFolio;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var type = await db.PetitionTypes.Where(t => t.ArcoRight == null).OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
            var closed = PetitionRows.Make(new DateTime(2026, 3, 2, 10, 0, 0), new DateOnly(2026, 3, 2), type, PetitionStatus.Cerrada);
            (closed.Folio, closed.PetitionerName, closed.SearchName, closed.Phone, closed.ClosedAtUtc) = ("AU-2026-09001", "José Pérez", "jose perez", "5599998888", new DateTime(2026, 3, 20, 18, 0, 0, DateTimeKind.Utc));
            db.Petitions.Add(closed);
            await db.SaveChangesAsync();
            closedFolio = closed.Folio;
        }

        // Atención a Usuarios: the term, its one extension, the person's records and their ZIP.
        var rosa = await OpenSignedInAsync(server, "rosa", $"peticiones/{cancel.Folio}");
        await Expect(rosa.Locator("[data-testid=arco-term]")).ToContainTextAsync("20 días hábiles");
        await rosa.Locator("[data-testid=arco-extend]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=arco-extend-error]")).ToContainTextAsync("Motivo de la ampliación");
        await rosa.Locator("[data-testid=arco-extend-reason]").FillAsync("Reunir los expedientes del archivo");
        await rosa.Locator("[data-testid=arco-extend]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=arco-term]")).ToContainTextAsync("ampliado una vez por 10 días hábiles (Reunir los expedientes del archivo)");
        await Expect(rosa.Locator("[data-testid=arco-extend]")).ToHaveCountAsync(0);
        await rosa.Locator("[data-testid=arco-open]").ClickAsync();
        await WaitForAddressAsync(rosa, $"**/arco/{cancel.Folio}");
        await WaitForInteractiveAsync(rosa);
        await rosa.Locator("[data-testid=arco-search]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=arco-records]")).ToContainTextAsync(closedFolio);
        await Expect(rosa.Locator("[data-testid=arco-total]")).ToContainTextAsync("3 registros · 3 marcados");
        await Expect(rosa.Locator("[data-testid=arco-cancel]")).ToHaveCountAsync(0);
        Assert.Empty(await AccessibilityTests.ViolationsAsync(rosa, "/arco (resultados)"));
        var download = await rosa.RunAndWaitForDownloadAsync(() => rosa.Locator("[data-testid=arco-zip]").ClickAsync());
        Assert.Equal($"datos-personales-{cancel.Folio}.zip", download.SuggestedFilename);
        using (var zip = new ZipArchive(File.OpenRead(await download.PathAsync())))
        {
            Assert.NotNull(zip.GetEntry("registros.csv"));
        }

        // A rectification request corrects the closed petition's phone; the change is listed with before and after.
        await rosa.GotoAsync($"arco/{rectify.Folio}");
        await WaitForInteractiveAsync(rosa);
        await rosa.Locator("[data-testid=arco-search]").ClickAsync();
        await rosa.Locator($"[data-testid=arco-records] tr:has-text('{closedFolio}') [data-testid=arco-rectify]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=arco-rectify-form]")).ToBeVisibleAsync();
        Assert.Empty(await AccessibilityTests.ViolationsAsync(rosa, "/arco (rectificación)"));
        await rosa.Locator("[data-testid=fix-phone]").FillAsync("55 9999 0000");
        await rosa.Locator("[data-testid=arco-rectify-save]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=arco-changes]")).ToContainTextAsync("5599998888");
        await Expect(rosa.Locator("[data-testid=arco-changes]")).ToContainTextAsync("5599990000");

        // The Dirección Comercial cancels: the request itself is refused, the closed records are anonymised.
        var diana = await OpenSignedInAsync(server, "diana", $"arco/{cancel.Folio}");
        await diana.Locator("[data-testid=arco-search]").ClickAsync();
        await Expect(diana.Locator("[data-testid=arco-records]")).ToContainTextAsync(closedFolio);
        await diana.Locator("[data-testid=arco-cancel]").ClickAsync();
        await diana.Locator("[data-testid=arco-confirm-cancel]").ClickAsync();
        await Expect(diana.Locator("[data-testid=arco-cancel-error]")).ToContainTextAsync("es la solicitud ARCO misma");
        foreach (var own in new[] { cancel.Folio, rectify.Folio })
        {
            await diana.Locator($"[data-testid=arco-records] tr:has-text('{own}') input[type=checkbox]").UncheckAsync();
        }
        await Expect(diana.Locator("[data-testid=arco-total]")).ToContainTextAsync("1 marcado");
        await diana.Locator("[data-testid=arco-cancel]").ClickAsync();
        await diana.Locator("[data-testid=arco-confirm-cancel]").ClickAsync();
        await Expect(diana.Locator("[data-testid=arco-changes]")).ToContainTextAsync($"Petición {closedFolio}");
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var closed = await db.Petitions.SingleAsync(p => p.Folio == closedFolio);
            Assert.Equal(("(anonimizado)", null, PetitionStatus.Cerrada), (closed.PetitionerName, closed.Phone, closed.Status));
        }
    }
}
