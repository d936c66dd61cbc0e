using System.Text;
using Microsoft.Playwright;
using Ventanilla.Features.Import.Demo;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The administrator brings in the office's old spreadsheets through /importar.</summary>
public class ImportBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_sample_is_uploaded_checked_imported_and_kept_in_the_history()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("admin", "Segura123", Roles.Administrador);
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var page = await OpenSignedInAsync(server, "admin", "importar");

        await ChooseFileAsync(page.Locator("input[type=file][data-testid=import-file]"), DemoFiles.LegacySample);
        await Expect(page.Locator("[data-testid=to-add]")).ToContainTextAsync("Por importar: 300", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-testid=file-name]")).ToContainTextAsync("UTF-8 con BOM, separado por coma");
        await Expect(page.Locator("[data-testid=preview]")).ToContainTextAsync("Ángel Flores Hernández");
        await Expect(page.Locator("[data-testid=new-areas]")).ToContainTextAsync("Cultura del Agua");
        await Expect(page.Locator("[data-testid=error-count]")).ToContainTextAsync("Errores: 0");

        await page.Locator("[data-testid=import]").ClickAsync();
        await Expect(page.Locator("[data-testid=import-result]")).ToContainTextAsync("Se importaron 300 peticiones", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=history] tr[data-run]")).ToHaveCountAsync(2);
        await page.Locator("[data-testid=history] tr[data-run]").First.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator("[data-testid=run-report]")).ToContainTextAsync("Importación terminada.");

        // The petitions are there for the office, with the import on their timeline.
        var rosa = await OpenSignedInAsync(server, "rosa", "peticiones/GAU-2024-00003");
        await Expect(rosa.Locator("[data-event='Importada']")).ToContainTextAsync("línea 12");
    }

    [Fact]
    public async Task A_messy_windows_1252_file_with_an_unknown_header_is_fixed_on_the_page_then_imported()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("admin", "Segura123", Roles.Administrador);
        var file = Path.Combine(server.Folder, "control viejo.csv");
        await File.WriteAllBytesAsync(file, CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(
            "Expediente;Fecha de ingreso;Peticionario;Situación\r\nEXP-1;03/02/2025;Begoña Peña;Concluido\r\nEXP-2;31/02/2025;Íñigo Ruiz;Concluido\r\n"));
        var page = await OpenSignedInAsync(server, "admin", "importar");

        await ChooseFileAsync(page.Locator("input[type=file][data-testid=import-file]"), file);
        await Expect(page.Locator("[data-testid=file-error]")).ToContainTextAsync("Falta la columna obligatoria Folio", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-testid=file-name]")).ToContainTextAsync("Windows-1252, separado por punto y coma");

        await page.Locator("tr[data-header=Expediente] .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Folio$") }).First.ClickAsync();
        await page.Locator("[data-testid=recheck]").ClickAsync();
        await Expect(page.Locator("[data-testid=errors] tr[data-line='3']")).ToContainTextAsync("«31/02/2025» no es una fecha válida", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-testid=import]")).ToBeDisabledAsync();
        await Expect(page.Locator("[data-testid=preview]")).ToContainTextAsync("Íñigo Ruiz");

        // The office fixes the date and chooses the file again.
        await File.WriteAllBytesAsync(file, CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(
            "Expediente;Fecha de ingreso;Peticionario;Situación\r\nEXP-1;03/02/2025;Begoña Peña;Concluido\r\nEXP-2;28/02/2025;Íñigo Ruiz;Concluido\r\n"));
        // The same file chosen again is read again, and the column chosen by hand is remembered.
        await ChooseFileAsync(page.Locator("input[type=file][data-testid=import-file]"), file);
        await Expect(page.Locator("[data-testid=to-add]")).ToContainTextAsync("Por importar: 2", new() { Timeout = 20_000 });
        await Expect(page.Locator("[data-testid=errors]")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=import]").ClickAsync();
        await Expect(page.Locator("[data-testid=import-result]")).ToBeVisibleAsync(new() { Timeout = 20_000 });

        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.Equal(["Begoña Peña", "Íñigo Ruiz"], await db.Petitions.OrderBy(p => p.Folio).Select(p => p.PetitionerName).ToListAsync());
    }
}
