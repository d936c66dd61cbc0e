using Ventanilla.Features.Petitions;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// The office side of this round's settings and channel, used as people use them: the administrator sets the escalation
/// stages and electronic signing in Ajustes; the desk filters the Control de Peticiones by channel and sees it on the
/// kanban's cards.
/// </summary>
public class ChannelAndSettingsBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Ajustes_takes_the_escalation_stages_and_electronic_signing_and_refuses_bad_stages_in_Spanish()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("admin", "Segura123", Roles.Administrador);
        var page = await OpenSignedInAsync(server, "admin", "admin/ajustes");

        await page.Locator("input[data-testid=escalation-stages]").FillAsync("80,50");
        await page.Locator("[data-testid=save-escalation]").ClickAsync();
        await Expect(page.Locator("[data-testid=escalation-error]")).ToContainTextAsync("Escalamiento: escriba de 1 a 3 porcentajes del plazo, de menor a mayor");
        await page.Locator("input[data-testid=escalation-stages]").FillAsync("60, 100");
        await page.Locator("[data-testid=save-escalation]").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Se avisará al llegar al 60 %, 100 % del plazo.");

        await page.Locator("input[data-testid=sign-electronically]").CheckAsync();
        await page.Locator("[data-testid=save-signing]").ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("Las respuestas se firmarán electrónicamente al aprobarlas.");
        var settings = server.Get<SettingsService>().Current;
        Assert.Equal(("60,100", true), (settings.EscalationStages, settings.SignResponsesElectronically));
        // Both changes are in the page's history, newest first, with who made them.
        var history = page.Locator("[data-testid=settings-history] tbody tr");
        await Expect(history).ToHaveCountAsync(2);
        await Expect(history.First).ToContainTextAsync("Firma electrónica de las respuestas");
        await Expect(history.Nth(1)).ToContainTextAsync("50,80,100");
        await Expect(history.Nth(1)).ToContainTextAsync("60,100");
    }

    [Fact]
    public async Task The_Control_de_Peticiones_filters_by_channel_and_the_kanban_says_it()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var olga = await server.Get<Actors>().ForUserAsync((await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes)).Id);
        int type;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext()) type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        var received = server.Get<OfficeClock>().Now().DateTime.AddMinutes(-5);
        var letter = await server.Get<PetitionRegistration>().RegisterWrittenAsync(olga, new WrittenPetitionInput(new PetitionInput(type, "Cobro", "José Pérez"), "OP-1", received));
        var online = await server.Get<PetitionRegistration>().RegisterWrittenAsync(olga, new WrittenPetitionInput(new PetitionInput(type, "Fuga", "María López"), "OP-2", received));
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            // As /tramite registers it (its own flow is IntakeBrowserTests'): the channel is what this screen is about.
            await db.Petitions.Where(p => p.Id == online.Id).ExecuteUpdateAsync(p => p.SetProperty(x => x.Channel, PetitionChannel.EnLinea).SetProperty(x => x.OficialiaFolio, (string?)null));
        }

        var page = await OpenSignedInAsync(server, "rosa", "peticiones");
        await ChooseAsync(page, "Canal", "En línea");
        await page.Locator("[data-testid=search]").ClickAsync();
        await Expect(page.Locator($"[data-folio='{online.Folio}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-folio='{letter.Folio}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=channel-online]")).ToHaveCountAsync(1);

        await page.GotoAsync("peticiones/tablero");
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator($"[data-card='{online.Folio}'] .type")).ToContainTextAsync("en línea");
        await Expect(page.Locator($"[data-card='{letter.Folio}'] .type")).ToContainTextAsync("por escrito");
    }
}
