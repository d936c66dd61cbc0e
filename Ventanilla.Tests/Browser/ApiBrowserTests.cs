using System.Net;
using System.Net.Http.Headers;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// The API as the administrator sets it up: a token created on the page (its secret shown once), used by another
/// program, revoked on the page and refused at once; the session cookie never opens the API; the interactive
/// reference is served from the app itself.
/// </summary>
public class ApiBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_administrator_creates_a_token_another_system_uses_it_and_revoking_it_stops_it()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("ana", "Segura123", Roles.Administrador);
        await server.AddUserAsync("ras", "Segura123", Roles.OficialiaPartes);
        var page = await OpenSignedInAsync(server, "ana", "admin/api");
        await Expect(page.Locator("[data-testid=api-none]")).ToBeVisibleAsync();

        // Nothing chosen: every missing part named at once.
        await page.Locator("[data-testid=api-create]").ClickAsync();
        await Expect(page.Locator("[data-testid=api-error]")).ToContainTextAsync("Nombre: escriba para qué sistema es el token");
        await Expect(page.Locator("[data-testid=api-error]")).ToContainTextAsync("Alcances: elija al menos uno.");

        await page.Locator("input[data-testid=api-name]").FillAsync("RAS");
        await ChooseAsync(page, "Cuenta por la que actúa", "(ras)");
        await page.Locator("input[data-testid=api-scope-peticiones-leer]").CheckAsync();
        await page.Locator("[data-testid=api-create]").ClickAsync();
        var secret = (await page.Locator("[data-testid=api-secret]").InnerTextAsync()).Trim();
        Assert.Matches("^vnt_[a-z2-9]{10}_[A-Za-z2-9]{40}$", secret);
        var row = page.Locator("[data-testid=api-tokens] tbody tr", new() { HasText = "RAS" });
        await Expect(row).ToContainTextAsync("peticiones:leer");
        await Expect(row.Locator("[data-testid=api-token-state]")).ToHaveTextAsync("Vigente");
        Assert.Empty(await AccessibilityTests.ViolationsAsync(page, "/admin/api con un token creado"));

        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/peticiones")).StatusCode);

        // Shown once: after a reload the page lists the token, never its secret.
        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=api-tokens]")).ToContainTextAsync("RAS");
        Assert.DoesNotContain(secret, await page.ContentAsync());

        await row.Locator("[data-testid=api-revoke]").ClickAsync();
        await row.Locator("[data-testid=api-revoke-confirm]").ClickAsync();
        await Expect(row.Locator("[data-testid=api-token-state]")).ToContainTextAsync("Revocado el");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/v1/peticiones")).StatusCode);

        // The administrator's own session does not open the API (a page cannot be made to call it).
        var withCookie = await page.Context.APIRequest.GetAsync($"{server.BaseUrl.TrimEnd('/')}/api/v1/peticiones");
        Assert.True(withCookie.Status == 401, $"{withCookie.Status} {withCookie.Url} {await withCookie.TextAsync()}");
        Assert.Contains("token-invalido", await withCookie.TextAsync());

        // The contract and its interactive reference, from the app itself.
        var document = await page.Context.APIRequest.GetAsync($"{server.BaseUrl.TrimEnd('/')}/openapi/v1.json");
        Assert.Equal(200, document.Status);
        Assert.Contains("/api/v1/peticiones", await document.TextAsync());
        await page.GotoAsync("admin/api/referencia");
        await Expect(page.Locator("body")).ToContainTextAsync("Registrar una petición por escrito", new() { Timeout = 15000 });
    }
}
