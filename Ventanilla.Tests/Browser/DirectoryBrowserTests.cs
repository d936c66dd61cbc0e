using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// The sign-in page with the office's directory: a person of a mapped group signs in with the directory's password and
/// works with the group's role; with the directory down they are told so, and a local account still signs in.
/// </summary>
public class DirectoryBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_person_signs_in_with_the_directory_and_local_accounts_still_sign_in_when_it_is_down()
    {
        var ldap = await TestLdap.StartAsync();
        var id = Guid.NewGuid().ToString("N")[..8];
        var person = $"mario-{id}";
        var group = $"ventanilla-atencion-{id}";
        TestLdap.AddPerson(ldap, person, "Mario Soto Luna", "Clave-del-directorio-1");
        TestLdap.SetGroup(ldap, group, person);
        var roles = new Dictionary<string, string> { [group] = Roles.AtencionUsuarios };

        await using (var server = await AppServer.StartAsync(s => TestLdap.Configure(s, ldap, roles, new Dictionary<string, string>())))
        {
            var page = await NewPageAsync(server);
            await SignInAsync(page, person, "otra-clave");
            await Expect(page.Locator("[data-testid=status-message]")).ToContainTextAsync("usuario o contraseña incorrectos");
            await SignInAsync(page, person, "Clave-del-directorio-1", "Account/Login?ReturnUrl=%2Fturnos");
            await page.WaitForURLAsync("**/turnos", UrlWait);
            await WaitForInteractiveAsync(page);
            await Expect(page.Locator("[data-testid=current-user]")).ToHaveTextAsync(person);
            // No password of its own here: the page says where it is changed.
            await page.GotoAsync("Account/Manage/ChangePassword");
            await Expect(page.Locator("[data-testid=directory-password]")).ToContainTextAsync("se cambia ahí");
        }

        await using (var down = await AppServer.StartAsync(s =>
        {
            TestLdap.Configure(s, ldap with { Url = "ldap://127.0.0.1:9" }, roles, new Dictionary<string, string>());
            s["Ldap:TimeoutSeconds"] = "2";
        }))
        {
            await down.AddUserAsync("ana", "Segura123", Roles.Administrador);
            var page = await NewPageAsync(down);
            await SignInAsync(page, person, "Clave-del-directorio-1");
            await Expect(page.Locator("[data-testid=status-message]")).ToContainTextAsync("No se pudo consultar el directorio de la oficina");
            await Expect(page.Locator("[data-testid=status-message]")).ToContainTextAsync("Las cuentas locales sí pueden entrar");
            await SignInAsync(page, "ana", "Segura123", "Account/Login?ReturnUrl=%2Fadmin%2Fusuarios");
            await page.WaitForURLAsync("**/admin/usuarios", UrlWait);
        }
    }
}
