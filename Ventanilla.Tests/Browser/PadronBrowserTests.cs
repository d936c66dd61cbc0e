using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The padrón page as the administrator uses it: a file imported with its counts, a bad one refused line by line, the history.</summary>
public class PadronBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_administrator_imports_the_padron_sees_a_bad_file_refused_and_the_history()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("ana", "Segura123", Roles.Administrador);
        var folder = Directory.CreateTempSubdirectory("padron-").FullName;
        var good = Path.Combine(folder, "padron.csv");
        await File.WriteAllTextAsync(good, "Cuenta,Titular,Domicilio,Colonia,CP,Estatus\n01-1,Ana Uno,Calle 1,Centro,50000,A\n01-2,Beto Dos,Calle 2,Centro,50000,Suspendida\n");
        var bad = Path.Combine(folder, "padron-malo.csv");
        await File.WriteAllTextAsync(bad, "Cuenta,Titular,Estatus\n01-1,Ana Uno,Morosa\n,Sin cuenta,A\n");

        var page = await OpenSignedInAsync(server, "ana", "admin/padron");
        await Expect(page.Locator("[data-testid=padron-freshness]")).ToContainTextAsync("Todavía no se ha importado ningún padrón.");
        await ChooseFileAsync(page.Locator("input[type=file][data-testid=padron-file]"), good);
        await page.Locator("[data-testid=padron-import]").ClickAsync();
        await Expect(page.Locator("[data-testid=padron-report]")).ToContainTextAsync("2 cuentas; 2 nuevas, 0 cambiadas, 0 dadas de baja, 0 sin cambio.");
        await Expect(page.Locator("[data-testid=padron-freshness]")).ToContainTextAsync("Padrón en uso: del");
        await Expect(page.Locator("[data-testid=padron-history] tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=padron-history] tbody tr").First).ToContainTextAsync("Aplicada · en uso");

        await ChooseFileAsync(page.Locator("input[type=file][data-testid=padron-file]"), bad);
        await page.Locator("[data-testid=padron-import]").ClickAsync();
        await Expect(page.Locator("[data-testid=padron-refused]")).ToContainTextAsync("No se importó nada: 2 líneas con error.");
        await Expect(page.Locator("[data-testid=padron-problems] tr[data-line='2']")).ToContainTextAsync("«Morosa» no es activa, suspendida ni cancelada");
        await Expect(page.Locator("[data-testid=padron-problems] tr[data-line='3']")).ToContainTextAsync("Cuenta: está vacía.");
        await Expect(page.Locator("[data-testid=padron-history] tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=padron-history] tbody tr").First).ToContainTextAsync("Rechazada (errores)");
        Assert.Empty(await AccessibilityTests.ViolationsAsync(page, "/admin/padron (rechazado)"));

        await page.Locator("[data-testid=padron-stale-days]").FillAsync("0");
        await page.Locator("[data-testid=padron-stale-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=padron-stale-error]")).ToContainTextAsync("de 1 a 90 días; se recibió 0.");
    }
}
