using Ventanilla.Features.Shared;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;

namespace Ventanilla.Tests.Reliability;

/// <summary>Security headers everywhere (and pages that still work under them), limits on guessing, common passwords refused.</summary>
public class HardeningTests(BrowserFixture browser, HardeningTests.Server fixture) : BrowserTest(browser), IClassFixture<HardeningTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public AppServer App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = await AppServer.StartAsync();
            foreach (var (name, role) in new[] { ("admin", Roles.Administrador), ("rosa", Roles.AtencionUsuarios), ("kiosco", Roles.Recepcion), ("tv", Roles.Pantalla) })
            {
                await App.AddUserAsync(name, "Segura123", role);
            }
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly AppServer _server = fixture.App;

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_registers_are_never_stored()
    {
        var page = await OpenSignedInAsync(_server, "rosa", "turnos");
        var css = await page.EvaluateAsync<string>("[...document.styleSheets].map(s => s.href).find(h => h && h.includes('app'))");
        foreach (var path in new[] { "", "Account/Login", "health", "visitas/exportar.csv", "peticiones/exportar.csv", "no-existe", css })
        {
            var response = await page.APIRequest.GetAsync(path);
            var headers = response.Headers;
            Assert.True(headers.TryGetValue("content-security-policy", out var csp), path);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("script-src 'self';", csp);
            Assert.Equal("nosniff", headers["x-content-type-options"]);
            Assert.Equal("no-referrer", headers["referrer-policy"]);
            Assert.Contains("microphone=()", headers["permissions-policy"]);
            if (path.EndsWith(".csv")) Assert.Equal("no-store", headers["cache-control"]);
            if (path == css) Assert.NotEqual("no-store", headers["cache-control"]);
        }
    }

    [Fact]
    public async Task Under_the_content_security_policy_every_kind_of_screen_still_comes_alive_without_a_violation()
    {
        foreach (var (user, path) in new[] { ("kiosco", "kiosco"), ("tv", "pantalla/turnos"), ("tv", "pantalla/seguimiento"), ("rosa", "peticiones"), ("admin", "admin/usuarios") })
        {
            var page = await NewPageAsync(_server);
            var violations = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
            };
            await SignInAsync(page, user, "Segura123", $"Account/Login?ReturnUrl=%2F{Uri.EscapeDataString(path)}");
            await page.WaitForURLAsync($"**/{path}", UrlWait);
            await WaitForInteractiveAsync(page);
            Assert.True(violations.Count == 0, $"{path}: {string.Join(" | ", violations)}");
        }
    }

    [Theory]
    [InlineData("Account/Login")]
    [InlineData("consulta")]
    [InlineData("turno/NOEXISTE")]
    public async Task The_heading_focused_for_screen_readers_draws_no_rectangle(string path)
    {
        var page = await NewPageAsync(_server);
        await page.GotoAsync(path);
        await page.WaitForFunctionAsync("() => document.activeElement?.tagName === 'H1'");

        Assert.Equal("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
    }

    [Fact]
    public async Task A_forged_Host_never_reaches_a_redirect()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_server.BaseUrl) };
        foreach (var path in new[] { "turnos", "admin/usuarios", "nada-de-esto" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = "evil.example";

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal($"/Account/Login?ReturnUrl=%2F{Uri.EscapeDataString(path)}", response.Headers.Location!.OriginalString);
        }
    }

    [Theory]
    [InlineData("consulta")]
    [InlineData("turno/ABCDEFGH")]
    [InlineData("Account/Login")]
    [InlineData("health")]
    public async Task Public_pages_answer_HEAD_like_GET_and_other_methods_with_405(string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_server.BaseUrl) };

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        foreach (var method in new[] { HttpMethod.Options, HttpMethod.Put, HttpMethod.Delete })
        {
            using var refused = await client.SendAsync(new HttpRequestMessage(method, path));
            Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
            Assert.Contains("GET", refused.Content.Headers.Allow);
        }
        // A staff page still asks who is there for what it serves.
        using var staff = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "turnos"));
        Assert.Equal(HttpStatusCode.Found, staff.StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_with_a_Spanish_message()
    {
        await using var limited = await AppServer.StartAsync(s => s["Auth:SignInAttemptsPerMinute"] = "3");
        var page = await NewPageAsync(limited);
        for (var i = 0; i < 3; i++)
        {
            await SignInAsync(page, "nadie", "Incorrecta1");
            await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=status-message]")).ToBeVisibleAsync();
        }

        // The next attempt from the form: a page the person can read, styled like the rest, not a bare line of text.
        await SignInAsync(page, "nadie", "Incorrecta1");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=rate-limited]")).ToHaveTextAsync(RequestLimits.Message);
        await Microsoft.Playwright.Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Espere un minuto");
        var response = await page.APIRequest.PostAsync("Account/Login", new() { Form = page.APIRequest.CreateFormData().Set("Input.UserName", "nadie") });

        Assert.Equal(429, response.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"]);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(RequestLimits.Message), await response.TextAsync());
        Assert.Equal(200, (await page.APIRequest.GetAsync("Account/Login")).Status); // reading the page is not limited
    }
}

/// <summary>What a stranger can learn or break by guessing, without a browser.</summary>
public class GuessingTests : AppServiceTest
{
    private sealed class CountingHasher(IPasswordHasher<ApplicationUser> inner) : IPasswordHasher<ApplicationUser>
    {
        public int Verifications { get; private set; }

        public string HashPassword(ApplicationUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task An_unknown_user_name_costs_the_same_password_check_as_a_real_one()
    {
        await App.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await using var scope = App.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var hasher = new CountingHasher(signIn.UserManager.PasswordHasher);
        signIn.UserManager.PasswordHasher = hasher;

        signIn.Context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        Assert.False((await signIn.PasswordSignInAsync("rosa", "Incorrecta1", false, lockoutOnFailure: true)).Succeeded);
        var forRealUser = hasher.Verifications;
        Assert.False((await signIn.PasswordSignInAsync("nadie", "Incorrecta1", false, lockoutOnFailure: true)).Succeeded);

        Assert.Equal(1, forRealUser);
        Assert.Equal(2, hasher.Verifications);
    }

    /// <summary>The sign-in manager of a request from <paramref name="address"/>.</summary>
    private static SignInManager<ApplicationUser> SignInFrom(IServiceProvider scope, string address)
    {
        var signIn = scope.GetRequiredService<SignInManager<ApplicationUser>>();
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope };
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        signIn.Context = http;
        return signIn;
    }

    [Fact]
    public async Task Guesses_lock_no_account_answer_real_and_unknown_names_alike_and_throttle_the_guessing_client()
    {
        await App.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await using var stranger = App.Services.CreateAsyncScope();
        await using var desk = App.Services.CreateAsyncScope();
        var guesser = SignInFrom(stranger.ServiceProvider, "192.0.2.10");

        var answers = new List<string>();
        for (var i = 0; i < SignInThrottle.DefaultFailures; i++)
        {
            answers.Add((await guesser.PasswordSignInAsync(i % 2 == 0 ? "rosa" : "nadie", "Incorrecta1", false, lockoutOnFailure: true)).ToString());
        }

        Assert.All(answers, a => Assert.Equal("Failed", a));
        // From then on the guessing client is refused, whatever name it tries and even with the right password.
        Assert.True((await guesser.PasswordSignInAsync("rosa", "Segura123", false, lockoutOnFailure: true)).IsLockedOut);
        Assert.True((await guesser.PasswordSignInAsync("nadie", "Segura123", false, lockoutOnFailure: true)).IsLockedOut);
        // Rosa, at her own desk, was never locked out.
        Assert.True((await SignInFrom(desk.ServiceProvider, "192.0.2.20").PasswordSignInAsync("rosa", "Segura123", false, lockoutOnFailure: true)).Succeeded);
        var rosa = (await guesser.UserManager.FindByNameAsync("rosa"))!;
        Assert.Equal((0, null), (rosa.AccessFailedCount, rosa.LockoutEnd));
        // Once the window has passed, the client may try again.
        App.Time.Advance(TimeSpan.FromMinutes(SignInThrottle.DefaultMinutes) + TimeSpan.FromSeconds(1));
        Assert.Equal("Failed", (await guesser.PasswordSignInAsync("rosa", "Incorrecta1", false, lockoutOnFailure: true)).ToString());
    }

    [Fact]
    public async Task A_deactivated_account_says_so_only_to_whoever_types_its_password()
    {
        await App.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        await using var scope = App.Services.CreateAsyncScope();
        var signIn = SignInFrom(scope.ServiceProvider, "192.0.2.30");
        var olga = (await signIn.UserManager.FindByNameAsync("olga"))!;
        olga.IsActive = false;
        await signIn.UserManager.UpdateAsync(olga);

        Assert.Equal("Failed", (await signIn.PasswordSignInAsync("olga", "Incorrecta1", false, lockoutOnFailure: true)).ToString());
        Assert.Equal("Failed", (await signIn.PasswordSignInAsync("nadie", "Incorrecta1", false, lockoutOnFailure: true)).ToString());
        Assert.True((await signIn.PasswordSignInAsync("olga", "Segura123", false, lockoutOnFailure: true)).IsNotAllowed);
    }

    [Fact]
    public async Task The_setup_code_is_replaced_after_ten_wrong_attempts()
    {
        var code = App.Get<SetupCode>();
        var first = code.Issue();
        string? shown = null;
        code.Replaced += c => shown = c;
        var users = App.Get<UserService>();
        for (var i = 1; i < SetupCode.MaxAttempts; i++)
        {
            var wrong = await Assert.ThrowsAsync<RuleException>(() => users.CreateFirstAdministratorAsync("0000-0000", "admin", "", "Segura123"));
            Assert.StartsWith("El código de configuración no es correcto", wrong.Message);
        }
        var last = await Assert.ThrowsAsync<RuleException>(() => users.CreateFirstAdministratorAsync("0000-0000", "admin", "", "Segura123"));

        Assert.StartsWith("Demasiados intentos con un código equivocado", last.Message);
        Assert.NotNull(shown);
        Assert.NotEqual(first, shown);
        await Assert.ThrowsAsync<RuleException>(() => users.CreateFirstAdministratorAsync(first, "admin", "", "Segura123"));
        var created = await users.CreateFirstAdministratorAsync(shown, "admin", "", "Segura123");
        Assert.Equal("admin", created.UserName);
    }

    [Theory]
    [InlineData("Password1", "«password» es de las palabras más usadas en contraseñas")]
    [InlineData("Contraseña2026", "«contrasena» es de las palabras más usadas en contraseñas")]
    [InlineData("Qwerty123", "«qwerty» es de las palabras más usadas en contraseñas")]
    [InlineData("P@ssw0rd1", "«password» es de las palabras más usadas en contraseñas")]
    [InlineData("Ventanilla1", "«ventanilla» es de las palabras más usadas en contraseñas")]
    [InlineData("Abcdefg1", "«abcdefg» es una letra repetida o una serie del alfabeto")]
    [InlineData("Lucia2026!", "contiene su nombre («lucia»)")]
    [InlineData("Ab123456", "sus letras («ab») son muy pocas")]
    public async Task Common_and_guessable_passwords_are_refused_saying_which_part_is_guessable(string password, string why)
    {
        var refused = await Assert.ThrowsAsync<RuleException>(() => App.Get<UserService>().CreateAsync(Actor.System,
            new UserInput("lucia.gomez", "Lucía Gómez", [Roles.AtencionUsuarios], [], password)));

        Assert.StartsWith($"Contraseña: se adivina con facilidad: {why}", refused.Message);
    }

    [Fact]
    public async Task An_uncommon_password_that_meets_the_policy_is_accepted()
    {
        var created = await App.Get<UserService>().CreateAsync(Actor.System, new UserInput("lucia.gomez", "Lucía Gómez", [Roles.AtencionUsuarios], [], "Tlaloc7Nevado"));
        Assert.Equal("lucia.gomez", created.UserName);
    }
}
