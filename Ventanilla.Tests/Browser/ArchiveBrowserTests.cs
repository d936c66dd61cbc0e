using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The archive page as the administrator uses it: a new series, a type moved to it, the inventory and the year's transfers.</summary>
public class ArchiveBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_administrator_adds_a_series_assigns_a_type_and_reads_the_inventory_and_the_transfers()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("ana", "Segura123", Roles.Administrador);
        var year = server.Get<OfficeClock>().Today().Year;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var type = await db.PetitionTypes.OrderBy(t => t.SortOrder).FirstAsync();
            // One closed in January two years ago: its two years in trámite end this January, due for transfer this year;
            // one closed four years ago: transferred two years ago, its concentración ends in three more.
            foreach (var (folio, closed) in new[] { ("AU-2020-00001", new DateTime(year - 2, 1, 15, 10, 0, 0)), ("AU-2020-00002", new DateTime(year - 4, 6, 1, 10, 0, 0)) })
            {
                var p = PetitionRows.Make(closed.AddDays(-20), DateOnly.FromDateTime(closed.AddDays(-20)), type.Id, PetitionStatus.Cerrada);
                (p.Folio, p.ClosedAtUtc) = (folio, PetitionRows.Utc(closed));
                db.Petitions.Add(p);
            }
            await db.SaveChangesAsync();
        }

        var page = await OpenSignedInAsync(server, "ana", "archivo");
        await Expect(page.Locator("[data-series='AU.01']")).ToContainTextAsync("Peticiones, quejas y aclaraciones de usuarios");
        await page.Locator("[data-testid=series-code]").FillAsync("3C.5");
        await page.Locator("[data-testid=series-name]").FillAsync("Contratos de servicio");
        await page.Locator("[data-testid=series-save]").ClickAsync();
        await Expect(page.Locator("[data-series='3C.5']")).ToContainTextAsync("Contratos de servicio");
        await page.Locator("[data-testid=series-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=series-error]")).ToContainTextAsync("Clave: escriba la clave de la serie");

        var lastType = page.Locator("[data-testid=type-series-select]").Last;
        await lastType.SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "3C.5 · Contratos de servicio" });
        await Expect(page.Locator("[data-series='3C.5'] td").Nth(6)).Not.ToHaveTextAsync("—");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "Inventario" }).ClickAsync();
        await Expect(page.Locator($"[data-inventory='AU.01|{year - 2}']")).ToContainTextAsync("AU-2020-00001");
        await Expect(page.Locator($"[data-inventory='AU.01|{year - 4}']")).ToContainTextAsync("AU-2020-00002");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "Transferencias" }).ClickAsync();
        await page.Locator("[data-testid=transfer-search]").ClickAsync();
        await Expect(page.Locator("[data-transfer='AU-2020-00001']")).ToContainTextAsync("Transferir al archivo de concentración");
        await Expect(page.Locator("[data-testid=transfer-total]")).ToContainTextAsync("1 expediente");

        var response = await page.Context.APIRequest.GetAsync($"archivo/transferencia.csv?desde={year}-01-01&hasta={year}-12-31");
        var csv = Exports.CsvLines(await response.BodyAsync());
        Assert.Equal("Folio,Tipo,Clave,Cerrado,TramiteHasta,ConcentracionHasta,Corresponde", csv[0]);
        Assert.StartsWith("AU-2020-00001,", csv[1]);
        Assert.Equal(400, (await page.Context.APIRequest.GetAsync("archivo/transferencia.csv?desde=ayer")).Status);
    }
}
