using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>A fresh installation: the first administrator is created with the code from the server console.</summary>
public class FirstRunTests(BrowserFixture browser) : BrowserTest(browser)
{
    private AppServer _server = null!;

    public override async Task InitializeAsync() => _server = await AppServer.StartAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_first_administrator_is_created_with_the_setup_code_and_signs_in()
    {
        var code = _server.Get<SetupCode>().Current;
        Assert.NotNull(code);
        var page = await NewPageAsync(_server);

        // An anonymous visit to a protected page lands on sign-in, which points to the setup.
        await page.GotoAsync("admin/usuarios");
        await page.WaitForURLAsync(new Regex("Account/Login"), UrlWait);
        Assert.Contains("ReturnUrl=%2Fadmin%2Fusuarios", page.Url);
        await page.Locator("[data-testid=setup-hint] a").ClickAsync();
        await page.WaitForURLAsync(new Regex("Account/Setup"), UrlWait);

        await FillSetupAsync(page, "1111-2222", "admin", "Segura123");
        await Expect(page.Locator("[data-testid=status-message]")).ToContainTextAsync("El código de configuración no es correcto");

        await FillSetupAsync(page, code!, "admin", "Corta");
        await Expect(page.Locator("[data-testid=status-message]")).ToContainTextAsync("al menos 8 caracteres");

        await FillSetupAsync(page, code!, "admin", "Segura123");
        await page.WaitForURLAsync(new Regex("admin/usuarios"), UrlWait);
        await Expect(page.Locator("[data-user-row=admin]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync("admin");

        // The code served once: the setup page now only says the installation is configured.
        await page.GotoAsync("Account/Setup");
        await Expect(page.Locator("[data-testid=setup-done]")).ToBeVisibleAsync();
        Assert.Null(_server.Get<SetupCode>().Current);
    }

    private static async Task FillSetupAsync(IPage page, string code, string userName, string password)
    {
        await page.Locator("[id='Input.Code']").FillAsync(code);
        await page.Locator("[id='Input.UserName']").FillAsync(userName);
        await page.Locator("[id='Input.FullName']").FillAsync("Administración");
        await page.Locator("[id='Input.Password']").FillAsync(password);
        await page.Locator("[id='Input.ConfirmPassword']").FillAsync(password);
        await page.Locator("[data-testid=setup-submit]").ClickAsync();
    }
}
