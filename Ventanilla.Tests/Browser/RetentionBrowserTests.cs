using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The retention page as the administrator uses it: a period checked, a preview, the purge, its record.</summary>
public class RetentionBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_administrator_previews_then_purges_an_old_visit_and_sees_the_runs()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("ana", "Segura123", Roles.Administrador);
        var today = server.Get<OfficeClock>().Today();
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var category = await db.ServiceCategories.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var day = today.AddDays(-400);
            db.Visits.Add(new Visit
            {
                ArrivedAtUtc = day.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc), ServiceDate = day, ServiceCategoryId = category,
                VisitorName = "Visitante Antiguo", Outcome = VisitOutcome.Information,
            });
            await db.SaveChangesAsync();
        }

        var page = await OpenSignedInAsync(server, "ana", "admin/conservacion");
        await Expect(page.Locator("[data-testid=retention-apply]")).ToBeDisabledAsync();
        await page.Locator("[data-testid=retain-visits]").FillAsync("10");
        await page.Locator("[data-testid=retention-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=retention-error]")).ToContainTextAsync("Datos de las visitas: de 30 a 3,650 días; se recibió 10.");
        await page.Locator("[data-testid=retain-visits]").FillAsync("365");
        await page.Locator("[data-testid=retention-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=retention-error]")).ToHaveCountAsync(0);

        await page.Locator("[data-testid=retention-preview]").ClickAsync();
        await Expect(page.Locator("[data-testid=retention-report]")).ToContainTextAsync("se depurarían hoy: 1 visita");
        await page.Locator("[data-testid=retention-apply]").ClickAsync();
        await Expect(page.Locator("[data-testid=retention-report]")).ToContainTextAsync("Se depuró: 1 visita");
        await Expect(page.Locator("[data-testid=retention-runs] tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=retention-runs] tbody tr").First).ToContainTextAsync("Depuración");

        await using var check = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.Null((await check.Visits.SingleAsync()).VisitorName);
    }
}
