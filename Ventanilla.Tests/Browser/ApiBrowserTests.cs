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
        await page.Locator("input[data-testid=api-scope-peticiones-escribir]").CheckAsync();
        await page.Locator("[data-testid=api-create]").ClickAsync();
        var secret = (await page.Locator("[data-testid=api-secret]").InnerTextAsync()).Trim();
        Assert.Matches("^vnt_[a-z2-9]{10}_[A-Za-z2-9]{40}$", secret);
        var row = page.Locator("[data-testid=api-tokens] tbody tr", new() { HasText = "RAS" });
        await Expect(row).ToContainTextAsync("peticiones:leer peticiones:escribir");
        await Expect(row.Locator("[data-testid=api-token-state]")).ToHaveTextAsync("Vigente");
        Assert.Empty(await AccessibilityTests.ViolationsAsync(page, "/admin/api con un token creado"));

        using var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/peticiones")).StatusCode);

        // A webhook to another system on the office's network: created on the page, told of what the token registers.
        await using var receiver = await WebhookReceiver.StartAsync();
        await page.Locator("input[data-testid=webhook-name]").FillAsync("Tablero");
        await page.Locator("input[data-testid=webhook-url]").FillAsync(receiver.Url);
        await page.Locator("input[data-testid=webhook-event-peticion-registrada]").CheckAsync();
        await page.Locator("[data-testid=webhook-create]").ClickAsync();
        await Expect(page.Locator("[data-testid=webhook-error]")).ToContainTextAsync("es de la red interna");
        await page.Locator("input[data-testid=webhook-private]").CheckAsync();
        await page.Locator("[data-testid=webhook-create]").ClickAsync();
        var hookSecret = (await page.Locator("[data-testid=webhook-secret]").InnerTextAsync()).Trim();
        Assert.StartsWith("whsec_", hookSecret);
        await Expect(page.Locator("[data-testid=webhooks] tbody tr", new() { HasText = "Tablero" }).Locator("[data-testid=webhook-state]")).ToHaveTextAsync("Activo");

        int type;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        }
        var received = server.Get<OfficeClock>().Now().DateTime.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ss");
        var created = await client.PostAsync("api/v1/peticiones", new StringContent(
            $$"""{"tipo":{{type}},"asunto":"Fuga","solicitante":"Ana Núñez","folioOficialia":"OP-9","recibida":"{{received}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Signals.WaitUntilAsync(() => !receiver.Received.IsEmpty, "el webhook de la petición registrada por la API");
        var hook = Assert.Single(receiver.Received);
        Assert.True(Ventanilla.Features.Webhooks.WebhookSignature.Verify(hookSecret, hook.Header("X-Ventanilla-Fecha"), hook.Body, hook.Header("X-Ventanilla-Firma"), DateTimeOffset.UtcNow));
        await page.Locator("[data-testid=webhook-refresh]").ClickAsync();
        await Expect(page.Locator("[data-testid=webhook-deliveries] tbody tr").First.Locator("[data-testid=delivery-state]")).ToContainTextAsync("Entregada");
        Assert.Empty(await AccessibilityTests.ViolationsAsync(page, "/admin/api con un webhook y su entrega"));

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
