using Ventanilla.Features.Shared;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// Every text on the kiosk and on both TV pages meets WCAG AA as rendered (4.5:1, large text 3:1), computed from the
/// browser's own colours — with the office's categories, a light colour an administrator might pick, every traffic
/// light on the wall board, and the bar a TV shows while the server is away.
/// </summary>
public class ContrastTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static async Task<AppServer> OfficeAsync()
    {
        var server = await AppServer.StartAsync();
        await server.AddUserAsync("kiosco", "Segura123", Roles.Recepcion);
        await server.AddUserAsync("tv", "Segura123", Roles.Pantalla);
        // A pale yellow an administrator could choose: its text must still read.
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        (await db.ServiceCategories.SingleAsync(c => c.Letter == "E")).Color = "#fff176";
        await db.SaveChangesAsync();
        server.Get<LiveUpdates>().Publish(QueueBoards.Topics);
        return server;
    }

    [Fact]
    public async Task Every_step_of_the_kiosk_meets_AA()
    {
        await using var server = await OfficeAsync();
        var kiosk = await OpenSignedInAsync(server, "kiosco", "kiosco");
        await kiosk.SetViewportSizeAsync(1280, 800);
        await kiosk.Locator("[data-testid=privacy] > summary").ClickAsync();
        await kiosk.Locator("[data-testid=privacy-full] summary").ClickAsync();
        await Contrast.AssertAaAsync(kiosk, "inicio del quiosco");

        foreach (var letter in new[] { "C", "E" })
        {
            await kiosk.Locator($"[data-category={letter}]").ClickAsync();
            await Expect(kiosk.Locator("[data-testid=kiosk-issue]")).ToBeVisibleAsync();
            await kiosk.Locator("[data-testid=kiosk-phone]").FillAsync("12");
            await kiosk.Locator("[data-testid=kiosk-issue]").ClickAsync();
            await Expect(kiosk.Locator("[data-testid=kiosk-error]")).ToBeVisibleAsync();
            await Contrast.AssertAaAsync(kiosk, $"datos del quiosco ({letter}, con error)");
            await kiosk.Locator("[data-testid=kiosk-phone]").FillAsync("");
            await kiosk.Locator("[data-preferential=OlderAdult]").ClickAsync();
            await kiosk.Locator("[data-testid=kiosk-issue]").ClickAsync();
            await Expect(kiosk.Locator("[data-testid=turn-code]")).ToBeVisibleAsync();
            await Contrast.AssertAaAsync(kiosk, $"turno del quiosco ({letter})");
            await kiosk.Locator("[data-testid=kiosk-done]").ClickAsync();
        }
    }

    [Fact]
    public async Task Both_TV_pages_meet_AA_with_calls_lights_and_while_the_server_is_away()
    {
        var folder = TestApp.NewFolder();
        File.Copy(await TestApp.TemplateAsync(), Path.Combine(folder, "ventanilla.db"));
        try
        {
            await using var server = AppServer.Restart(folder, 0);
            await server.AddUserAsync("tv", "Segura123", Roles.Pantalla);
            await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
            {
                (await db.ServiceCategories.SingleAsync(c => c.Letter == "E")).Color = "#fff176";
                var type = await db.PetitionTypes.Select(t => t.Id).FirstAsync();
                var area = await db.Areas.Where(a => a.Kind == AreaKind.General).Select(a => a.Id).FirstAsync();
                // One petition of each light (the served app runs on today's date): overdue, due soon, in time, paused.
                var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-6));
                foreach (var (due, status) in new[] { (today.AddDays(-10), PetitionStatus.Turnada), (today.AddDays(1), PetitionStatus.Turnada),
                             (today.AddDays(40), PetitionStatus.Turnada), (today.AddDays(20), PetitionStatus.EsperandoUsuario) })
                {
                    var p = PetitionRows.Make(new DateTime(2026, 11, 2, 10, 0, 0), new DateOnly(2026, 11, 2), type, status, due);
                    p.Routings.Add(PetitionRows.Routing(area));
                    db.Petitions.Add(p);
                }
                await db.SaveChangesAsync();
            }
            var queue = server.Get<QueueService>();
            server.Get<LiveUpdates>().Publish(QueueBoards.Topics);
            var desks = (await server.Get<ReceptionCatalogService>().ListDesksAsync()).Select(d => d.Id).ToList();
            var categories = (await server.Get<ReceptionCatalogService>().ListCategoriesAsync(activeOnly: true)).ToDictionary(c => c.Letter, c => c.Id);
            foreach (var letter in new[] { "A", "C", "E", "E" }) await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), categories[letter]));

            var room = await OpenSignedInAsync(server, "tv", "pantalla/turnos");
            var board = await OpenSignedInAsync(server, "tv", "pantalla/seguimiento");
            foreach (var page in new[] { room, board }) await page.SetViewportSizeAsync(1920, 1080);
            // A call in every category shown, the pale one last (the big one).
            var desk = desks[^1];
            await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
            {
                var d = await db.Desks.Include(x => x.Categories).SingleAsync(x => x.Id == desk);
                foreach (var id in categories.Values.Where(id => d.Categories.All(c => c.ServiceCategoryId != id))) d.Categories.Add(new DeskCategory { ServiceCategoryId = id });
                await db.SaveChangesAsync();
            }
            for (var i = 0; i < 3; i++)
            {
                var ticket = await queue.CallNextAsync(Actor.System, desk);
                await queue.FinishAsync(Actor.System, desk, ticket.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
            }
            await queue.CallNextAsync(Actor.System, desk);
            await Expect(room.Locator("[data-testid=previous-calls] li")).ToHaveCountAsync(3);
            await room.WaitForTimeoutAsync(3500); // past the new call's blinking
            await Contrast.AssertAaAsync(room, "sala de espera");
            await Expect(board.Locator("[data-testid=total-pausada] [data-testid=total-count]")).ToHaveTextAsync("1");
            await Contrast.AssertAaAsync(board, "tablero de semáforos");

            // The server goes away: one readable message over the last data, on both screens.
            await server.DisposeAsync();
            foreach (var (page, what) in new[] { (room, "sala de espera sin servidor"), (board, "tablero sin servidor") })
            {
                var bar = page.Locator("#components-reconnect-modal.unattended");
                await Expect(bar).ToBeVisibleAsync(new() { Timeout = 20_000 });
                await page.WaitForTimeoutAsync(1500); // the bar's own fade-in
                var messages = await bar.Locator("p:visible").AllInnerTextsAsync();
                Assert.True(messages.Count == 1, $"{what}: {string.Join(" | ", messages)}");
                var fontPx = await bar.Locator("p:visible").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
                Assert.True(fontPx >= 1080 * 0.035, $"{what}: letra de {fontPx} px, pequeña para leerse a 4 m");
                await Contrast.AssertAaAsync(page, what, "#components-reconnect-modal");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestApp.TryDelete(folder);
        }
    }
}
