using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The calendar and settings pages as the administrator uses them.</summary>
public class CalendarBrowserTests(BrowserFixture browser, CalendarBrowserTests.Server fixture)
    : BrowserTest(browser), IClassFixture<CalendarBrowserTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public AppServer App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = await AppServer.StartAsync();
            await App.AddUserAsync("admin", "Segura123", Roles.Administrador);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private Task<IPage> OpenAsync(string path) => OpenSignedInAsync(fixture.App, "admin", path);

    [Fact]
    public async Task Adding_an_organismo_day_moves_the_calculators_answer_and_the_export_has_it()
    {
        var page = await OpenAsync("admin/calendario");
        await Expect(page.Locator(".day[data-kind=Federal]").First).ToBeVisibleAsync();

        await page.Locator("input[data-testid=calc-date]").FillAsync("2026-11-13");
        await page.Locator("[data-testid=calc-go]").ClickAsync();
        await Expect(page.Locator("[data-testid=calc-due]")).ToContainTextAsync("07/12/2026");
        await Expect(page.Locator("[data-testid=calc-days] tr[data-date='2026-11-16']")).ToContainTextAsync("Día de la Revolución");

        await page.Locator("input[data-testid=day-start]").FillAsync("2026-12-07");
        await page.Locator("input[data-testid=day-description]").FillAsync("Aniversario del organismo");
        await page.Locator("[data-testid=save-day]").ClickAsync();

        await Expect(page.Locator("[data-testid=calc-due]")).ToContainTextAsync("08/12/2026");
        await Expect(page.Locator("[data-day-row='2026-12-07']")).ToContainTextAsync("Aniversario del organismo");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=export-days]").ClickAsync());
        var path = await download.PathAsync();
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8);
        Assert.Contains("Fecha,FechaFin,Descripcion", text);
        Assert.Contains("2026-12-07,,Aniversario del organismo", text);
        Assert.EndsWith("admin/calendario", page.Url);
    }

    [Fact]
    public async Task Settings_refuse_hours_that_end_before_they_start()
    {
        var page = await OpenAsync("admin/ajustes");
        await page.Locator("input[data-testid=opens]").FillAsync("17:00");
        await page.Locator("input[data-testid=closes]").FillAsync("09:00");
        await page.Locator("[data-testid=save-settings]").ClickAsync();
        await Expect(page.Locator("[data-testid=settings-error]"))
            .ToContainTextAsync("Horario de atención: la hora de cierre (09:00) debe ser posterior a la de apertura (17:00).");
        Assert.Equal(new TimeOnly(9, 0), fixture.App.Get<SettingsService>().Current.OfficeOpens);
    }

    [Fact]
    public async Task Service_categories_and_desks_are_edited_in_the_catalogs()
    {
        var page = await OpenAsync("admin/catalogos");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Categorías de servicio" }).ClickAsync();
        await page.Locator("[data-category-row=nueva] input[data-testid=category-letter]").FillAsync("F");
        await page.Locator("[data-category-row=nueva] input[data-testid=category-name]").FillAsync("Factibilidades");
        await page.Locator("[data-category-row=nueva] [data-testid=category-save]").ClickAsync();
        await Expect(page.Locator("[data-category-row=F]")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Módulos" }).ClickAsync();
        await page.Locator("[data-desk-row=nuevo] [data-testid=desk-save]").ClickAsync();
        await Expect(page.Locator("[data-desk-row='4']")).ToBeVisibleAsync();
        // A new desk starts serving every active category, the new one included.
        var desk = (await fixture.App.Get<Ventanilla.Features.Reception.ReceptionCatalogService>().ListDesksAsync()).Single(d => d.Number == 4);
        Assert.Equal(6, desk.CategoryIds.Count);
    }
}
