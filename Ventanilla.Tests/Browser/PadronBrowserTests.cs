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

    [Fact]
    public async Task The_Oficialia_finds_the_account_in_the_padron_a_third_party_is_proposed_and_the_history_keeps_the_decision()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        var bytes = System.Text.Encoding.UTF8.GetBytes("Cuenta,Titular,Domicilio,Colonia,CP,Clave catastral\n01-234-5678,PÉREZ HERNÁNDEZ JOSÉ,Av. Hidalgo 12,Centro,50000,101-02-003\n");
        await server.Get<Ventanilla.Features.Padron.PadronImporter>().ImportAsync(Actor.System, () => new MemoryStream(bytes), "padron.csv");

        var olga = await OpenSignedInAsync(server, "olga", "peticiones/nueva");
        await Expect(olga.Locator("[data-testid=padron-date]")).ToContainTextAsync("Padrón del");
        await olga.Locator("input[data-testid=petitioner]").FillAsync("Ana Ruiz");
        await olga.Locator("input[data-testid=padron-query]").FillAsync("jose perez");
        await olga.Locator("[data-testid=padron-search]").ClickAsync();
        await Expect(olga.Locator("[data-testid=padron-results]")).ToContainTextAsync("Av. Hidalgo 12, Centro, C.P. 50000");
        await olga.Locator("[data-testid=padron-pick]").ClickAsync();
        await Expect(olga.Locator("[data-testid=holder-match]")).ToContainTextAsync("Titular de la cuenta 01-234-5678 en el padrón: PÉREZ HERNÁNDEZ JOSÉ. Tercero (no es el titular): se registra como tercero");
        await Expect(olga.Locator("input[data-testid=third-party]")).ToBeCheckedAsync();
        await Expect(olga.Locator("input[data-testid=address]")).ToHaveValueAsync("Av. Hidalgo 12, Centro, C.P. 50000");
        Assert.Empty(await AccessibilityTests.ViolationsAsync(olga, "/peticiones/nueva (padrón)"));

        await olga.Locator("input[data-testid=oficialia-folio]").FillAsync("OP-2026-0900");
        await ChooseAsync(olga, "Tipo de petición");
        await olga.Locator("textarea[data-testid=subject]").FillAsync("Cobro excesivo");
        await olga.Locator("[data-testid=register]").ClickAsync();
        await WaitForUrlOrFailOnErrorAsync(olga, "**/peticiones/AU-*", "[data-testid=new-error]");
        await WaitForInteractiveAsync(olga);
        await Expect(olga.Locator("[data-testid=petition-data]")).ToContainTextAsync("(tercero, no es el propietario)");
        await Expect(olga.Locator("body")).ToContainTextAsync("Tercero (no es el titular); se registró como tercero.");

        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.True(await db.PersonalDataReads.AnyAsync(r => r.Kind == PersonalDataKind.BusquedaPadron && r.Subject == "Padrón: «jose perez»" && r.UserName == "olga"));
    }
}
