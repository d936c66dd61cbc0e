using Ventanilla.Features.Shared;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The Commercial Director reads the month, downloads a table and prints the report; reception may not.</summary>
public class IndicatorsBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_director_reads_the_month_downloads_a_table_and_prints_the_report()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        var month = await SeedMonthAsync(server);

        var page = await OpenSignedInAsync(server, "diana", "indicadores");
        await Expect(page.Locator("[data-card=recibidas] .value")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-card=cerradas] .value")).ToHaveTextAsync("1");
        await Expect(page.Locator("[data-card=a-tiempo] .value")).ToHaveTextAsync("100.0 %");
        await Expect(page.Locator(".indicator-charts svg").First).ToBeVisibleAsync();
        // A new office's first month: the % on time is one bar, not an invisible one-point line; at 1,366 px the
        // thirteen month labels of each chart do not overlap.
        await page.SetViewportSizeAsync(1366, 768);
        Assert.Equal(1, await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('[data-testid=on-time-chart] .mud-charts-bar-series path')].filter(p => p.getBBox().height > 1).length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('.indicator-charts .mud-charts-xaxis')].reduce((overlaps, axis) => {
                const boxes = [...axis.querySelectorAll('text')].map(t => t.getBoundingClientRect()).sort((a, b) => a.left - b.left);
                return overlaps + boxes.slice(1).filter((box, i) => box.left < boxes[i].right).length;
            }, 0)
            """));
        await Expect(page.Locator($"[data-table=peticiones-por-area] tr[data-row='Operación'] td").First).ToHaveTextAsync("2");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=csv-peticiones-por-area]").ClickAsync());
        Assert.Equal($"indicadores-{month:yyyy-MM}-peticiones-por-area.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.StartsWith("Área,Recibidas,Cerradas,Cerradas a tiempo,% a tiempo", lines[0]);
        Assert.StartsWith("Operación,2,1,1,100.0,", lines[1]);
        Assert.StartsWith("Total,2,1,1,100.0,", lines[2]);
        // A branch that received none of them: the same table for that office alone.
        var north = (await server.Get<OfficeService>().SaveAsync(Actor.System, new OfficeItem(0, "Sucursal Norte", 2, true, 0))).Id;
        var branch = Encoding.UTF8.GetString(await (await page.Context.APIRequest.GetAsync($"indicadores/{month:yyyy-MM}/peticiones-por-area.csv?oficina={north}")).BodyAsync());
        Assert.Contains("\r\nTotal,0,0,0,", branch);
        Assert.DoesNotContain("Operación", branch);

        // The report prints alone on letter paper; here window.print only notes that it was asked.
        await page.EvaluateAsync("() => { window.__printed = 0; window.print = () => window.__printed++; }");
        await page.Locator("[data-testid=print-report]").ClickAsync();
        await page.WaitForFunctionAsync("() => window.__printed === 1");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var report = page.Locator("#print-root.monthly-report");
        await Expect(report).ToBeVisibleAsync();
        await Expect(report).ToContainTextAsync("Peticiones recibidas: 2");
        await Expect(page.Locator(".indicator-cards")).ToBeHiddenAsync();
        await Expect(page.Locator(".mud-drawer")).ToBeHiddenAsync();
        var pdf = Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true }));
        Assert.Contains("/MediaBox [0 0 612 792]", pdf);
    }

    [Fact]
    public async Task Reception_may_neither_open_the_indicators_nor_download_them()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("recepcion", "Segura123", Roles.Recepcion);

        var page = await NewPageAsync(server);
        await SignInAsync(page, "recepcion", "Segura123");
        await Expect(page.Locator("[data-testid=home-roles]")).ToContainTextAsync("Recepción");
        await Expect(page.Locator("[data-nav='indicadores']")).ToHaveCountAsync(0);
        await page.GotoAsync("indicadores");
        await page.WaitForURLAsync(new Regex("Account/AccessDenied"), UrlWait);

        var response = await page.Context.APIRequest.GetAsync("indicadores/2026-11/peticiones-por-area.csv", new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
        Assert.Contains("AccessDenied", response.Headers["location"]);
    }

    /// <summary>This month: two petitions received on its first day, one routed to Operación and answered that day.</summary>
    private static async Task<DateOnly> SeedMonthAsync(AppServer server)
    {
        var today = server.Get<OfficeClock>().Today();
        var first = new DateOnly(today.Year, today.Month, 1);
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        var operation = await db.Areas.Where(a => a.Name == "Operación").Select(a => a.Id).SingleAsync();
        var received = first.ToDateTime(new TimeOnly(10, 0));
        var answered = PetitionRows.Make(received, first, type, PetitionStatus.Cerrada);
        (answered.ResponseDate, answered.OnTime) = (first, true);
        answered.Routings.Add(PetitionRows.Routing(operation, RoutingStatus.Answered));
        var open = PetitionRows.Make(received.AddMinutes(30), first, type, PetitionStatus.Turnada);
        open.Routings.Add(PetitionRows.Routing(operation));
        db.Petitions.AddRange(answered, open);
        await db.SaveChangesAsync();
        return first;
    }
}
