using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// The privacy notice as the administrator publishes it and as people read it: a new version is in force at once on
/// the kiosk (short text, the full one unfolding in place) and on the public page, which still shows the old version
/// by its number.
/// </summary>
public class PrivacyNoticeBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_published_version_is_in_force_on_the_kiosk_and_the_public_page_and_the_old_one_stays_readable()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("ana", "Segura123", Roles.Administrador);
        await server.AddUserAsync("kiosco", "Segura123", Roles.Recepcion);

        var admin = await OpenSignedInAsync(server, "ana", "admin/aviso-de-privacidad");
        await Expect(admin.Locator("[data-testid=notice-in-force]")).ToContainTextAsync("En vigor: versión 1");
        await admin.Locator("[data-testid=notice-short]").FillAsync("Versión dos: sus datos solo sirven para atenderle.");
        await admin.Locator("[data-testid=notice-full]").FillAsync("Aviso integral, versión dos.\nResponsable: el organismo.");
        await admin.Locator("[data-testid=notice-publish]").ClickAsync();
        await Expect(admin.Locator("[data-testid=notice-in-force]")).ToContainTextAsync("En vigor: versión 2");
        await Expect(admin.Locator("[data-testid=notice-history] tbody tr")).ToHaveCountAsync(2);
        await Expect(admin.Locator("[data-testid=notice-publish]")).ToContainTextAsync("Publicar versión 3");

        // Publishing the same texts again is refused, and says why.
        await admin.Locator("[data-testid=notice-publish]").ClickAsync();
        await Expect(admin.Locator("[data-testid=notice-error]")).ToContainTextAsync("no hay nada que publicar");

        var kiosk = await OpenSignedInAsync(server, "kiosco", "kiosco");
        await kiosk.Locator("[data-category=A]").ClickAsync();
        var notice = kiosk.Locator("[data-testid=privacy-notice]");
        await Expect(notice).ToContainTextAsync("Versión dos: sus datos solo sirven para atenderle.");
        await notice.Locator("summary").ClickAsync();
        await Expect(notice.Locator("[data-testid=privacy-full]")).ToContainTextAsync("Responsable: el organismo.");

        var phone = await NewPhoneAsync(server);
        await phone.GotoAsync("aviso-de-privacidad");
        await Expect(phone.Locator("[data-testid=notice-version]")).ToContainTextAsync("Versión 2");
        await Expect(phone.Locator("[data-testid=notice-full-text]")).ToHaveTextAsync(new Regex("Aviso integral, versión dos\\.\\s+Responsable: el organismo\\."));
        await phone.GotoAsync("aviso-de-privacidad?version=1");
        await Expect(phone.Locator("[data-testid=notice-version]")).ToContainTextAsync("la versión en vigor es la 2");
        await Expect(phone.Locator("[data-testid=notice-short-text]")).ToHaveTextAsync(AppSettings.DefaultPrivacyNotice);
        await phone.GotoAsync("aviso-de-privacidad?version=9");
        await Expect(phone.Locator("[data-testid=notice-missing]")).ToContainTextAsync("No hay una versión 9");
        Assert.False(await OverflowsSidewaysAsync(phone));
    }
}
