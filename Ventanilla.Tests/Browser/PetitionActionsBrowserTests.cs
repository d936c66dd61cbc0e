using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// What people really do with buttons: double-click them (every action happens once) and print the approved
/// response (the letter prints alone, on letter paper).
/// </summary>
public class PetitionActionsBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Double_clicking_register_route_and_follow_up_does_each_once()
    {
        await using var server = await StartOfficeAsync();

        // The Oficialía registers a written petition with a double click: one folio.
        var olga = await OpenSignedInAsync(server, "olga", "peticiones/nueva");
        await olga.Locator("input[data-testid=oficialia-folio]").FillAsync("OP-2026-0310");
        await olga.Locator("input[data-testid=received-at]").FillAsync("2026-11-26T10:00");
        await olga.Locator("input[data-testid=petitioner]").FillAsync("María López");
        await ChooseAsync(olga, "Tipo de petición");
        await olga.Locator("textarea[data-testid=subject]").FillAsync("Fuga en la toma domiciliaria");
        await olga.Locator("[data-testid=register]").DblClickAsync();
        await WaitForUrlOrFailOnErrorAsync(olga, "**/peticiones/AU-2026-00001", "[data-testid=new-error]");
        await Expect(olga.Locator("[data-testid=status]")).ToHaveTextAsync("Registrada");

        var petition = await SinglePetitionAsync(server);
        var director = await server.Get<Actors>().ForUserAsync(await UserIdAsync(server, "diana"));
        await server.Get<PetitionResponses>().ForwardToAttentionAsync(director, petition.Id, petition.Version, null);

        // The clerk routes it with a double click: one routing, one event, no "someone else changed it".
        var rosa = await OpenSignedInAsync(server, "rosa", "peticiones/AU-2026-00001");
        await rosa.Locator("input[data-area='Operación']").CheckAsync(new() { Force = true });
        await rosa.Locator("[data-testid=route]").DblClickAsync();
        await Expect(rosa.Locator("[data-testid=status]")).ToHaveTextAsync("Turnada");

        // And records the day's follow-up with a double click: one follow-up.
        await rosa.GotoAsync("seguimiento");
        await WaitForInteractiveAsync(rosa);
        await rosa.Locator("[data-follow-up='AU-2026-00001|Operación'] [data-testid=record]").DblClickAsync();
        await Expect(rosa.Locator("[data-follow-up='AU-2026-00001|Operación']")).ToContainTextAsync("Hecho hoy");

        // Give a second click every chance to arrive before counting.
        await rosa.WaitForTimeoutAsync(1000);
        await Expect(rosa.Locator("[data-testid=follow-up-error]")).ToHaveCountAsync(0);
        await rosa.GotoAsync("peticiones/AU-2026-00001");
        await WaitForInteractiveAsync(rosa);
        await Expect(rosa.Locator("[data-testid=action-error]")).ToHaveCountAsync(0);
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.Equal(1, await db.Petitions.CountAsync());
        Assert.Equal(1, await db.Routings.CountAsync());
        Assert.Equal(1, await db.FollowUps.CountAsync());
        Assert.Equal(1, await db.PetitionEvents.CountAsync(e => e.FromStatus == PetitionStatus.Registrada && e.ToStatus == PetitionStatus.Turnada));
    }

    [Fact]
    public async Task The_approved_response_prints_alone_as_a_letter_with_its_receipt()
    {
        await using var server = await StartOfficeAsync();
        await server.AddUserAsync("dora", "Segura123", Roles.DireccionComercial);
        var actors = server.Get<Actors>();
        var (oficialia, clerk, director, reviewer) = (await actors.ForUserAsync(await UserIdAsync(server, "olga")),
            await actors.ForUserAsync(await UserIdAsync(server, "rosa")), await actors.ForUserAsync(await UserIdAsync(server, "diana")),
            await actors.ForUserAsync(await UserIdAsync(server, "dora")));
        int type;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        }
        var responses = server.Get<PetitionResponses>();
        var p = await server.Get<PetitionRegistration>().RegisterWrittenAsync(oficialia,
            new WrittenPetitionInput(new PetitionInput(type, "Cobro excesivo", "José Pérez"), "OP-1", new DateTime(2026, 11, 26, 10, 0, 0)));
        p = await responses.ForwardToAttentionAsync(director, p.Id, p.Version, null);
        p = await responses.SaveDraftAsync(clerk, p.Id, p.Version, "Se revisó su consumo y se ajustó el cobro del bimestre.");
        p = await responses.SubmitForReviewAsync(clerk, p.Id, p.Version);
        await responses.ApproveAsync(reviewer, p.Id, p.Version, null);

        var rosa = await OpenSignedInAsync(server, "rosa", "peticiones/AU-2026-00001");
        await Expect(rosa.Locator("[data-testid=print-letter]")).ToBeVisibleAsync();
        await Expect(rosa.Locator(".response-letter")).ToBeHiddenAsync();

        // The button prints through the browser's dialog; here window.print only notes that it was asked.
        await rosa.EvaluateAsync("() => { window.__printed = 0; window.print = () => window.__printed++; }");
        await rosa.Locator("[data-testid=print-letter]").ClickAsync();
        await rosa.WaitForFunctionAsync("() => window.__printed === 1");
        await rosa.EmulateMediaAsync(new() { Media = Media.Print });
        var letter = rosa.Locator("#print-root.response-letter");
        await Expect(letter).ToBeVisibleAsync();
        await Expect(letter).ToContainTextAsync("Folio AU-2026-00001");
        await Expect(letter).ToContainTextAsync("Se revisó su consumo y se ajustó el cobro del bimestre.");
        await Expect(letter).ToContainTextAsync("José Pérez");
        // Nothing of the screen prints with it: not the actions, not the menu.
        await Expect(rosa.Locator("[data-testid=actions]")).ToBeHiddenAsync();
        await Expect(rosa.Locator("[data-testid=status]")).ToBeHiddenAsync();
        await Expect(rosa.Locator(".mud-drawer")).ToBeHiddenAsync();
        var paper = await rosa.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#print-root')).fontFamily");
        Assert.Contains("Times New Roman", paper);
        // Chromium lays it out on letter paper (8.5 × 11 in) from the named @page: one page for a short answer.
        var pdf = await rosa.PdfAsync(new() { PreferCSSPageSize = true });
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, @"/Type\s*/Page[^s]"));
        Assert.Contains("/MediaBox [0 0 612 792]", text);
    }

    [Fact]
    public async Task The_kiosk_ticket_prints_alone_on_80_mm_paper()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("kiosco", "Segura123", Roles.Recepcion);
        var kiosk = await OpenSignedInAsync(server, "kiosco", "kiosco");
        await kiosk.Locator("[data-category=A]").ClickAsync();
        await kiosk.Locator("[data-testid=kiosk-issue]").ClickAsync();
        await Expect(kiosk.Locator("[data-testid=kiosk-print]")).ToBeVisibleAsync();
        await kiosk.EvaluateAsync("() => { window.__printed = 0; window.print = () => window.__printed++; }");
        await kiosk.Locator("[data-testid=kiosk-print]").ClickAsync();
        await kiosk.WaitForFunctionAsync("() => window.__printed === 1");

        await kiosk.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(kiosk.Locator("#print-root.ticket-print")).ToBeVisibleAsync();
        await Expect(kiosk.Locator("#print-root")).ToContainTextAsync("A-001");
        await Expect(kiosk.Locator("[data-testid=kiosk-print]")).ToBeHiddenAsync();
        await Expect(kiosk.Locator("#print-root [data-testid=ticket-qr] svg")).ToBeVisibleAsync();
        var pdf = System.Text.Encoding.Latin1.GetString(await kiosk.PdfAsync(new() { PreferCSSPageSize = true }));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(pdf, @"/Type\s*/Page[^s]"));
        // 80 × 150 mm (room for the QR code to follow the turn) = 226.77 × 425.2 points (Chromium rounds to whole CSS pixels).
        Assert.Matches(@"/MediaBox \[0 0 22[67]\.\d+ 42[45]\.\d+\]", pdf);
    }

    /// <summary>The app with the clerk (rosa), the Oficialía (olga) and the Commercial Director (diana).</summary>
    private static async Task<AppServer> StartOfficeAsync()
    {
        var server = await AppServer.StartAsync();
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        return server;
    }

    private static async Task<Petition> SinglePetitionAsync(AppServer server)
    {
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Petitions.AsNoTracking().SingleAsync();
    }

    private static async Task<string> UserIdAsync(AppServer server, string userName)
    {
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}
