using Microsoft.AspNetCore.Identity;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>Sign-in, lockout, authorization and the per-role menu, in a real browser against the real app.</summary>
public class SignInTests(BrowserFixture browser, SignInTests.Server fixture) : BrowserTest(browser), IClassFixture<SignInTests.Server>
{
    /// <summary>One server for the class; each test uses its own users where it changes them.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public AppServer App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = await AppServer.StartAsync();
            await App.AddUserAsync("admin", "Segura123", Roles.Administrador);
            await App.AddUserAsync("recepcion", "Segura123", Roles.Recepcion);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly AppServer _server = fixture.App;

    [Fact]
    public async Task Signing_in_shows_home_with_the_roles_and_signing_out_returns_to_sign_in()
    {
        var page = await NewPageAsync(_server);
        await SignInAsync(page, "admin", "Segura123");
        await Expect(page.Locator("[data-testid=home-roles]")).ToContainTextAsync("Administrador");
        await WaitForInteractiveAsync(page);

        await page.Locator("[data-testid=logout]").ClickAsync();
        await page.GotoAsync("");
        await page.WaitForURLAsync(new Regex("Account/Login"), UrlWait);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_Spanish_message()
    {
        var page = await NewPageAsync(_server);
        await SignInAsync(page, "admin", "Incorrecta1");
        await Expect(page.Locator("[data-testid=status-message]")).ToHaveTextAsync("Error: usuario o contraseña incorrectos.");
        Assert.Contains("Account/Login", page.Url);
    }

    [Fact]
    public async Task Repeated_failures_throttle_the_browser_alike_for_real_and_unknown_names_and_lock_no_account()
    {
        // A server of its own: the browser it throttles would be refused by the other tests' server too.
        await using var server = await AppServer.StartAsync(s => s["Auth:FailedSignInsPerClient"] = "3");
        await server.AddUserAsync("torpe", "Segura123", Roles.AtencionUsuarios);
        var page = await NewPageAsync(server);
        foreach (var name in new[] { "torpe", "nadie", "torpe" })
        {
            await SignInAsync(page, name, "Incorrecta1");
            await Expect(page.Locator("[data-testid=status-message]")).ToHaveTextAsync("Error: usuario o contraseña incorrectos.");
        }

        const string throttled = "Error: Demasiados intentos fallidos desde este equipo. Espere 15 minutos y vuelva a intentarlo; si olvidó su contraseña, pida al administrador que la restablezca.";
        await SignInAsync(page, "torpe", "Segura123");
        await Expect(page.Locator("[data-testid=status-message]")).ToHaveTextAsync(throttled);
        await SignInAsync(page, "nadie", "Segura123");
        await Expect(page.Locator("[data-testid=status-message]")).ToHaveTextAsync(throttled);
        Assert.Contains("Account/Login", page.Url);

        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var torpe = (await users.FindByNameAsync("torpe"))!;
        Assert.False(await users.IsLockedOutAsync(torpe));
        Assert.Equal(0, torpe.AccessFailedCount);
    }

    [Fact]
    public async Task An_anonymous_request_is_sent_to_sign_in_and_back_to_the_page_afterwards()
    {
        var page = await NewPageAsync(_server);
        await page.GotoAsync("admin/catalogos");
        await page.WaitForURLAsync(new Regex("Account/Login"), UrlWait);

        await page.Locator("[id='Input.UserName']").FillAsync("admin");
        await page.Locator("[id='Input.Password']").FillAsync("Segura123");
        await page.Locator("[data-testid=login-submit]").ClickAsync();

        await page.WaitForURLAsync(new Regex("admin/catalogos$"), UrlWait);
        await Expect(page.GetByText("Catálogos").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Each_role_sees_only_its_menu_and_is_denied_the_rest()
    {
        var admin = await NewPageAsync(_server);
        await SignInAsync(admin, "admin", "Segura123");
        await Expect(admin.Locator("[data-nav='admin/usuarios']")).ToBeVisibleAsync();
        await Expect(admin.Locator("[data-nav='admin/catalogos']")).ToBeVisibleAsync();

        var reception = await NewPageAsync(_server);
        await SignInAsync(reception, "recepcion", "Segura123");
        await Expect(reception.Locator("[data-testid=home-roles]")).ToContainTextAsync("Recepción");
        await Expect(reception.Locator("[data-nav='admin/usuarios']")).ToHaveCountAsync(0);

        await reception.GotoAsync("admin/usuarios");
        await reception.WaitForURLAsync(new Regex("Account/AccessDenied"), UrlWait);
        await Expect(reception.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_administrator_creates_a_user_who_signs_in_and_can_be_deactivated()
    {
        var admin = await NewPageAsync(_server);
        await SignInAsync(admin, "admin", "Segura123", "Account/Login?ReturnUrl=%2Fadmin%2Fusuarios");
        await admin.WaitForURLAsync(new Regex("admin/usuarios"), UrlWait);
        await WaitForInteractiveAsync(admin);

        await admin.Locator("[data-testid=new-user]").ClickAsync();
        await admin.Locator("input[data-testid=user-name]").FillAsync("marta");
        await admin.Locator("input[data-testid=full-name]").FillAsync("Marta Ruiz");
        await admin.Locator($"input[data-role={Roles.Area}]").CheckAsync();
        await admin.Locator("input[data-area='Facturación y Cobranza']").CheckAsync();
        await admin.Locator("[data-testid=save-user]").ClickAsync();
        var password = (await admin.Locator("[data-testid=generated-password] code").TextContentAsync())!.Trim();
        await Expect(admin.Locator("[data-user-row=marta]")).ToBeVisibleAsync();

        var marta = await NewPageAsync(_server);
        await SignInAsync(marta, "marta", password);
        await Expect(marta.Locator("[data-testid=home-roles]")).ToContainTextAsync("Área");

        var row = admin.Locator("tr", new PageLocatorOptions { Has = admin.Locator("[data-user-row=marta]") });
        await row.Locator("[data-testid=toggle-active]").ClickAsync();
        await Expect(row).ToContainTextAsync("Desactivado");

        var again = await NewPageAsync(_server);
        await SignInAsync(again, "marta", password);
        await Expect(again.Locator("[data-testid=status-message]")).ToContainTextAsync("desactivada");
    }

    [Fact]
    public async Task The_administrator_adds_an_area_to_the_catalog()
    {
        var page = await NewPageAsync(_server);
        await SignInAsync(page, "admin", "Segura123", "Account/Login?ReturnUrl=%2Fadmin%2Fcatalogos");
        await page.WaitForURLAsync(new Regex("admin/catalogos"), UrlWait);
        await WaitForInteractiveAsync(page);

        await page.Locator("input[data-testid=new-item-name]").First.FillAsync("Cultura del Agua");
        await page.Locator("[data-testid=add-item]").First.ClickAsync();
        await Expect(page.Locator("[data-catalog-row='Cultura del Agua']")).ToBeVisibleAsync();

        await page.Locator("input[data-testid=new-item-name]").First.FillAsync("operacion");
        await page.Locator("[data-testid=add-item]").First.ClickAsync();
        await Expect(page.Locator("[data-testid=catalog-error]")).ToContainTextAsync("Ya existe un área");
    }

    [Fact]
    public async Task A_user_changes_their_password_and_the_administrator_can_reset_it()
    {
        await _server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        var page = await NewPageAsync(_server);
        await SignInAsync(page, "olga", "Segura123");
        await Expect(page.Locator("[data-testid=home-roles]")).ToContainTextAsync("Oficialía de Partes");

        await page.GotoAsync("Account/Manage/ChangePassword");
        await ChangePasswordAsync(page, "Equivocada1", "NuevaClave9");
        await Expect(page.Locator("[data-testid=status-message]")).ToContainTextAsync("La contraseña actual no es correcta.");
        await ChangePasswordAsync(page, "Segura123", "NuevaClave9");
        await Expect(page.Locator("[data-testid=status-message]")).ToHaveTextAsync("Su contraseña se cambió.");

        var fresh = await NewPageAsync(_server);
        await SignInAsync(fresh, "olga", "NuevaClave9");
        await Expect(fresh.Locator("[data-testid=home-roles]")).ToBeVisibleAsync();

        var admin = await NewPageAsync(_server);
        await SignInAsync(admin, "admin", "Segura123", "Account/Login?ReturnUrl=%2Fadmin%2Fusuarios");
        await admin.WaitForURLAsync(new Regex("admin/usuarios"), UrlWait);
        await WaitForInteractiveAsync(admin);
        var row = admin.Locator("tr", new PageLocatorOptions { Has = admin.Locator("[data-user-row=olga]") });
        await row.Locator("[data-testid=reset-password]").ClickAsync();
        await Expect(admin.Locator("[data-testid=generated-password]")).ToContainTextAsync("olga");
        var reset = (await admin.Locator("[data-testid=generated-password] code").TextContentAsync())!.Trim();

        var afterReset = await NewPageAsync(_server);
        await SignInAsync(afterReset, "olga", reset);
        await Expect(afterReset.Locator("[data-testid=home-roles]")).ToBeVisibleAsync();
    }

    private static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await page.Locator("[id='Input.OldPassword']").FillAsync(current);
        await page.Locator("[id='Input.NewPassword']").FillAsync(next);
        await page.Locator("[id='Input.ConfirmPassword']").FillAsync(next);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Cambiar contraseña" }).ClickAsync();
    }

    [Fact]
    public async Task Health_answers_without_signing_in()
    {
        var page = await NewPageAsync(_server);
        var response = await page.APIRequest.GetAsync("health");
        Assert.Equal(200, response.Status);
        var health = System.Text.Json.JsonDocument.Parse(await response.TextAsync()).RootElement;
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("database").GetString());
        Assert.Equal(0, health.GetProperty("pendingMigrations").GetInt32());
        Assert.Equal(0, health.GetProperty("problems").GetArrayLength());
        Assert.True(health.GetProperty("freeDiskMegabytes").GetInt64() > 0);
    }
}
