using Ventanilla.Features.Shared;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Reliability;

/// <summary>
/// Signing out ends the session on the server: a copy of the cookie is worthless afterwards. A password reset or a
/// deactivation ends every session of the user at once, live pages included. Bad sign-in and sign-out requests get a
/// 400 or a safe local redirect, never an error page.
/// </summary>
public class SessionTests(BrowserFixture browser, SessionTests.Server fixture) : BrowserTest(browser), IClassFixture<SessionTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public AppServer App { get; private set; } = null!;

        public async Task InitializeAsync() => App = await AppServer.StartAsync();

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly AppServer _server = fixture.App;

    private static async Task<string> CookieAsync(IPage page)
        => (await page.Context.CookiesAsync()).Single(c => c.Name == "Ventanilla.Sesion").Value;

    /// <summary>A plain HTTP client replaying a saved cookie, as someone who copied it would.</summary>
    private HttpClient Replaying(string cookie)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(_server.BaseUrl) };
        client.DefaultRequestHeaders.Add("Cookie", $"Ventanilla.Sesion={cookie}");
        return client;
    }

    private static bool SentToSignIn(HttpResponseMessage response)
        => response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("Account/Login") == true;

    [Fact]
    public async Task A_cookie_kept_after_signing_out_is_refused_on_pages_and_on_the_visits_csv()
    {
        await _server.AddUserAsync("salida", "Segura123", Roles.AtencionUsuarios);
        var page = await OpenSignedInAsync(_server, "salida", "turnos");
        var saved = await CookieAsync(page);
        using var copy = Replaying(saved);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("turnos")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("visitas/exportar.csv")).StatusCode);

        await page.Locator("[data-testid=logout]").ClickAsync();
        // Polled, not awaited as one navigation: the live page's own reload to sign in may supersede the sign-out's
        // redirect (ERR_ABORTED), and either way the page ends signed out.
        await Expect(page).ToHaveURLAsync(new Regex("/$|Account/Login"), new() { Timeout = 15_000 });

        Assert.True(SentToSignIn(await copy.GetAsync("turnos")));
        Assert.True(SentToSignIn(await copy.GetAsync("visitas/exportar.csv")));
    }

    [Fact]
    public async Task Resetting_the_password_signs_the_user_out_everywhere_at_once_live_pages_included()
    {
        var user = await _server.AddUserAsync("olvido", "Segura123", Roles.AtencionUsuarios);
        var page = await OpenSignedInAsync(_server, "olvido", "turnos");
        using var copy = Replaying(await CookieAsync(page));

        await _server.Get<UserService>().ResetPasswordAsync(Actor.System, user.Id, "Distinta9876");

        // The open page does not wait for the next revalidation: it is sent to sign in now. The URL is polled rather
        // than awaited as one navigation: the circuit's reload may be superseded by the sign-in redirect (ERR_ABORTED).
        await Expect(page).ToHaveURLAsync(new Regex("Account/Login"), new() { Timeout = 10_000 });
        Assert.True(SentToSignIn(await copy.GetAsync("turnos")));
    }

    [Fact]
    public async Task Deactivating_an_account_ends_its_sessions_at_once()
    {
        var user = await _server.AddUserAsync("baja", "Segura123", Roles.AtencionUsuarios);
        var page = await OpenSignedInAsync(_server, "baja", "turnos");
        using var copy = Replaying(await CookieAsync(page));
        var admin = await _server.AddUserAsync("jefa", "Segura123", Roles.Administrador);

        await _server.Get<UserService>().SetActiveAsync(await _server.Get<Actors>().ForUserAsync(admin.Id), user.Id, false);

        await Expect(page).ToHaveURLAsync(new Regex("Account/Login"), new() { Timeout = 10_000 });
        Assert.True(SentToSignIn(await copy.GetAsync("visitas/exportar.csv")));
    }

    [Fact]
    public async Task Signing_out_without_the_forms_security_token_is_a_400_and_signs_nobody_out()
    {
        await _server.AddUserAsync("intacta", "Segura123", Roles.AtencionUsuarios);
        var page = await OpenSignedInAsync(_server, "intacta", "turnos");
        using var copy = Replaying(await CookieAsync(page));

        var forged = await copy.PostAsync("Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "" }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Solicitud no válida", await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("turnos")).StatusCode);
    }

    [Theory]
    [InlineData("https://malicioso.example/robar")]
    [InlineData("//malicioso.example")]
    [InlineData("/\\malicioso.example")]
    [InlineData("javascript:alert(1)")]
    public async Task A_foreign_return_address_signs_in_and_out_normally_and_stays_in_the_app(string foreign)
    {
        var name = $"viaje{Math.Abs(foreign.GetHashCode()) % 100000}";
        await _server.AddUserAsync(name, "Segura123", Roles.AtencionUsuarios);
        var page = await NewPageAsync(_server);

        await SignInAsync(page, name, "Segura123", $"Account/Login?ReturnUrl={Uri.EscapeDataString(foreign)}");

        await page.WaitForURLAsync(new Regex($"^{Regex.Escape(_server.BaseUrl)}$"), UrlWait);
        await Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync(name);

        // Signing out with the same foreign address (the form's hidden field, changed by hand) lands at home too.
        await WaitForInteractiveAsync(page);
        await page.Locator("form[action='Account/Logout'] input[name=ReturnUrl]").EvaluateAsync("(e, v) => e.value = v", foreign);
        await page.Locator("[data-testid=logout]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(_server.BaseUrl)}(Account/Login.*)?$"), new() { Timeout = 15_000 });
        Assert.StartsWith(_server.BaseUrl, page.Url);
    }
}
