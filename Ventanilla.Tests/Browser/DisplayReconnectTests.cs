using Ventanilla.Features.Shared;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The waiting-room TV is left alone for days: it must come back by itself when the server restarts.</summary>
public class DisplayReconnectTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_display_comes_back_by_itself_after_the_server_restarts()
    {
        var folder = TestApp.NewFolder();
        File.Copy(await TestApp.TemplateAsync(), Path.Combine(folder, "ventanilla.db"));
        try
        {
            int port;
            await using (var first = AppServer.Restart(folder, 0))
            {
                port = first.Port;
                await first.AddUserAsync("tv", "Segura123", Roles.Pantalla);
                var page = await OpenSignedInAsync(first, "tv", "pantalla/turnos");
                await Expect(page.Locator("[data-testid=waiting-room]")).ToContainTextAsync("Aún no se ha llamado ningún turno hoy.");
                await first.DisposeAsync();

                await Task.Delay(TimeSpan.FromSeconds(3));
                await using var second = AppServer.Restart(folder, port);
                var queue = second.Get<QueueService>();
                await using (var db = second.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
                {
                    var desk = await db.Desks.OrderBy(d => d.Number).FirstAsync();
                    var category = await db.ServiceCategories.OrderBy(c => c.SortOrder).FirstAsync();
                    await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category.Id));
                    await queue.CallNextAsync(Actor.System, desk.Id);
                }

                // Nobody touches the page: it reconnects (or reloads) on its own and shows the new server's call.
                await Expect(page.Locator("[data-testid=newest-code]")).ToHaveTextAsync("A-001", new() { Timeout = 60_000 });
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestApp.TryDelete(folder);
        }
    }
}
