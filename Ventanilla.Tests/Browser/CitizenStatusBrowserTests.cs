using Microsoft.Playwright;
using Ventanilla.Features.Citizen;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The public status page as a citizen uses it, on a phone, with no account.</summary>
public class CitizenStatusBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static async Task<Actor> ActorAsync(AppServer server, string user, string role)
    {
        var created = await server.AddUserAsync(user, "Segura123", role);
        return await server.Get<Actors>().ForUserAsync(created.Id);
    }

    [Fact]
    public async Task The_receipt_QR_opens_the_status_on_the_phone()
    {
        await using var server = await AppServer.StartAsync();
        var oficialia = await ActorAsync(server, "olga", Roles.OficialiaPartes);
        var director = await ActorAsync(server, "diana", Roles.DireccionComercial);
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        int type, operation;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
            operation = await db.Areas.Where(a => a.Name == "Operación").Select(a => a.Id).SingleAsync();
        }
        var p = await server.Get<PetitionRegistration>().RegisterWrittenAsync(oficialia,
            new WrittenPetitionInput(new PetitionInput(type, "Cobro excesivo en el recibo", "José Pérez Confidencial", false, AccountNumber: "01-555-1234"), "OP-7", server.Get<OfficeClock>().Now().DateTime.AddMinutes(-5)));
        p = await server.Get<PetitionResponses>().ForwardToAttentionAsync(director, p.Id, p.Version, null);
        await server.Get<PetitionService>().RouteAsync(director, p.Id, p.Version, [operation], "Revisar medidor");

        var staff = await OpenSignedInAsync(server, "rosa", $"peticiones/{p.Folio}");
        var code = await staff.Locator("[data-testid=public-code]").TextContentAsync();
        var link = await QrReader.ReadAsync(staff.Locator("[data-testid=receipt-qr]"));
        Assert.Equal($"{server.BaseUrl}consulta#folio={p.Folio}&codigo={code}", link);

        var phone = await NewPhoneAsync(server);
        await phone.GotoAsync(link);
        await Expect(phone.Locator("[data-testid=status-headline]")).ToHaveTextAsync("Turnada a Operación");
        Assert.EndsWith("/consulta", phone.Url); // the code left the address bar
        var shown = await phone.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("José", shown);
        Assert.DoesNotContain("Confidencial", shown);
        Assert.DoesNotContain("01-555-1234", shown);
        Assert.DoesNotContain("Cobro excesivo", shown);
        Assert.DoesNotContain("Revisar medidor", shown);
        Assert.DoesNotContain("diana", shown);
        Assert.False(await OverflowsSidewaysAsync(phone));
    }

    [Fact]
    public async Task Every_status_reads_in_plain_Spanish_and_shows_nothing_personal()
    {
        await using var server = await AppServer.StartAsync();
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext()) await CitizenPetitions.SeedAsync(db);
        var lookup = server.Get<FolioLookup>();
        var phone = await NewPhoneAsync(server);
        foreach (var status in Enum.GetValues<PetitionStatus>())
        {
            var expected = (await lookup.FindAsync(CitizenPetitions.FolioOf(status), CitizenPetitions.CodeOf(status)))!;
            await phone.GotoAsync($"consulta#folio={CitizenPetitions.FolioOf(status)}&codigo={CitizenPetitions.CodeOf(status)}");
            await Expect(phone.Locator($"[data-testid=status-result][data-status={status}] [data-testid=status-headline]")).ToHaveTextAsync(expected.Headline);
            await Expect(phone.Locator("[data-testid=status-next]")).ToHaveTextAsync(expected.NextStep);
            var html = await phone.ContentAsync();
            Assert.All(CitizenPetitions.Private, text => Assert.DoesNotContain(text, html));
            Assert.False(await OverflowsSidewaysAsync(phone), $"{status}: la página es más ancha que el teléfono");
        }
    }

    [Fact]
    public async Task A_wrong_code_and_an_unknown_folio_read_the_same()
    {
        await using var server = await AppServer.StartAsync();
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext()) await CitizenPetitions.SeedAsync(db);
        var phone = await NewPhoneAsync(server);
        var messages = new List<string>();
        foreach (var (folio, code) in new[] { (CitizenPetitions.FolioOf(PetitionStatus.Turnada), "ZZZZZZ"), ("AU-2026-77777", CitizenPetitions.CodeOf(PetitionStatus.Turnada)) })
        {
            await phone.GotoAsync("consulta");
            await phone.Locator("[data-testid=status-folio]").FillAsync(folio);
            await phone.Locator("[data-testid=status-code]").FillAsync(code);
            await phone.Locator("[data-testid=status-submit]").ClickAsync();
            messages.Add((await phone.Locator("[data-testid=status-not-found]").InnerTextAsync()).Trim());
            Assert.Equal(0, await phone.Locator("[data-testid=status-result]").CountAsync());
        }
        Assert.Single(messages.Distinct());
        Assert.StartsWith("No encontramos una petición con ese folio y ese código", messages[0]);
    }

    [Fact]
    public async Task Lookups_are_limited_per_address_with_a_Spanish_page()
    {
        await using var server = await AppServer.StartAsync(s => s["Citizen:LookupsPerMinute"] = "3");
        var phone = await NewPhoneAsync(server);
        for (var i = 0; i < 3; i++)
        {
            await phone.GotoAsync("consulta");
            await phone.Locator("[data-testid=status-folio]").FillAsync("AU-2026-00001");
            await phone.Locator("[data-testid=status-code]").FillAsync($"ABCDE{i + 2}");
            await phone.Locator("[data-testid=status-submit]").ClickAsync();
            await Expect(phone.Locator("[data-testid=status-not-found]")).ToBeVisibleAsync();
        }
        await phone.GotoAsync("consulta");
        await phone.Locator("[data-testid=status-folio]").FillAsync("AU-2026-00001");
        await phone.Locator("[data-testid=status-code]").FillAsync("ABCDE6");
        var rejected = await phone.RunAndWaitForResponseAsync(() => phone.Locator("[data-testid=status-submit]").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(429, rejected.Status);
        await Expect(phone.Locator("[data-testid=rate-limited]")).ToHaveTextAsync(RequestLimits.LookupMessage);
        Assert.Equal(200, (await phone.APIRequest.GetAsync("consulta")).Status); // reading the page is not limited
    }

    [Fact]
    public async Task The_page_sends_the_security_headers_and_the_code_reaches_no_log()
    {
        await using var server = await AppServer.StartAsync(s => s["Logging:LogLevel:Default"] = "Trace");
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext()) await CitizenPetitions.SeedAsync(db);
        var phone = await NewPhoneAsync(server);
        var response = await phone.GotoAsync($"consulta#folio={CitizenPetitions.FolioOf(PetitionStatus.Aprobada)}&codigo={CitizenPetitions.CodeOf(PetitionStatus.Aprobada)}");
        await Expect(phone.Locator("[data-testid=status-headline]")).ToHaveTextAsync("Respuesta lista para recoger");

        var headers = response!.Headers;
        Assert.Contains("default-src 'self'", headers["content-security-policy"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Contains("no-store", headers["cache-control"]);
        Assert.NotEmpty(server.Logs.Lines);
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains(CitizenPetitions.CodeOf(PetitionStatus.Aprobada)));
    }
}
