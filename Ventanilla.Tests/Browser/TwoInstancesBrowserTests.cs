using Ventanilla.Features.Shared;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// Two app instances on one PostgreSQL server, as behind nginx: the waiting-room TV is served by instance B, the clerk
/// calls from a desk page served by instance A, and the TV shows the call.
/// </summary>
public class TwoInstancesBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_TV_on_one_instance_shows_the_call_made_on_the_other()
    {
        var (database, connection) = await TestApp.NewPostgresDatabaseAsync();
        var shared = TestApp.NewFolder();
        try
        {
            await using var a = await AppServer.StartInAsync(TestApp.NewFolder(), s => TestApp.UsePostgres(s, connection, shared));
            await using var b = await AppServer.StartInAsync(TestApp.NewFolder(), s => TestApp.UsePostgres(s, connection, shared));
            await a.AddUserAsync("tv", "Segura123", Roles.Pantalla);
            await a.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
            int desk1, categoryA;
            await using (var db = a.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
            {
                desk1 = await db.Desks.Where(d => d.Number == 1).Select(d => d.Id).SingleAsync();
                categoryA = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
            }

            var tv = await OpenSignedInAsync(b, "tv", "pantalla/turnos");
            await Expect(tv.Locator("[data-testid=waiting-room]")).ToContainTextAsync("Aún no se ha llamado ningún turno hoy.");
            var rosa = await OpenSignedInAsync(a, "rosa", "turnos", $"localStorage.setItem('ventanilla.modulo', '{desk1}')");
            await Expect(rosa.Locator("[data-testid=call-next]")).ToBeVisibleAsync();

            // A visitor takes a turn at a kiosk served by B; the clerk on A sees it waiting and calls it.
            var turn = await b.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), categoryA));
            await rosa.Locator("[data-testid=call-next]").ClickAsync();

            await Expect(tv.Locator("[data-testid=newest-code]")).ToHaveTextAsync(turn.Code);
        }
        finally
        {
            await TestPostgres.DropAsync(database);
            TestApp.TryDelete(shared);
        }
    }
}
