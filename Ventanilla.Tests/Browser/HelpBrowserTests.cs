using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The office reads the manual where it works: «Ayuda» on a page opens the part that explains it.</summary>
public class HelpBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Ayuda_on_the_calendar_opens_the_calendar_s_section_and_the_manual_s_pages_link_to_each_other()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("admin", "Segura123", Roles.Administrador);
        var page = await OpenSignedInAsync(server, "admin", "admin/calendario");

        await page.GetByTestId("help").ClickAsync();
        await page.WaitForURLAsync("**/ayuda/administracion#calendario", UrlWait);
        var manual = page.GetByTestId("manual");
        await Expect(manual.Locator("h1")).ToHaveTextAsync("Administración: importar, calendario, citas y ajustes");
        await Expect(manual.Locator("h2#calendario")).ToBeVisibleAsync();

        // From the page's own link back to the index, and from there to another page.
        await manual.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "← Manual" }).ClickAsync();
        await page.WaitForURLAsync("**/ayuda", UrlWait);
        await Expect(manual.Locator("h1")).ToHaveTextAsync("Manual de Ventanilla");
        await manual.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Tablero de semáforos" }).First.ClickAsync();
        await page.WaitForURLAsync("**/ayuda/seguimiento", UrlWait);
        await Expect(manual.Locator("h1")).ToHaveTextAsync("Tablero de semáforos");
    }

    [Fact]
    public async Task A_page_the_manual_does_not_have_says_so_in_spanish()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var page = await OpenSignedInAsync(server, "rosa", "ayuda/no-existe");

        await Expect(page.GetByTestId("manual-missing")).ToContainTextAsync("El manual no tiene una página «no-existe»");
        await Expect(page.GetByTestId("manual-pages")).ToContainTextAsync("Recepción: quiosco, módulos y sala de espera");
    }
}
