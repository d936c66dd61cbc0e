using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The follow-up board on the office's TV: 1080p, live, and left alone for days.</summary>
public class WallBoardBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly ViewportSize FullHd = new() { Width = 1920, Height = 1080 };

    [Fact]
    public async Task A_light_that_changes_reaches_the_board_within_a_second()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("tv", "Segura123", Roles.Pantalla);
        var (oficialia, clerk) = (await ActorAsync(server, "olga", Roles.OficialiaPartes), await ActorAsync(server, "rosa", Roles.AtencionUsuarios));
        var petitions = server.Get<PetitionService>();
        var p = await server.Get<PetitionRegistration>().RegisterWrittenAsync(oficialia, new WrittenPetitionInput(
            new PetitionInput(await TypeAsync(server), "Fuga en la toma", "Nombre Reservado", AccountNumber: "07-777-7777"), "OP-9",
            server.Get<OfficeClock>().Now().DateTime.AddMinutes(-5)));

        var tv = await OpenSignedInAsync(server, "tv", "pantalla/seguimiento");
        await tv.SetViewportSizeAsync(FullHd.Width, FullHd.Height);
        await Expect(tv.Locator("[data-testid=total-verde] [data-testid=total-count]")).ToHaveTextAsync("1");
        await Expect(tv.Locator("[data-testid=total-pausada] [data-testid=total-count]")).ToHaveTextAsync("0");
        await Expect(tv.Locator("tr[data-area='Dirección Comercial'] td[data-light=Verde]")).ToHaveTextAsync("1");

        // The clerk asks the petitioner for documents: the clock pauses and the light turns "pausada".
        await petitions.WaitForPetitionerAsync(clerk, p.Id, p.Version, PauseReason.Documents, server.Get<OfficeClock>().Today(), null);

        var withinASecond = new LocatorAssertionsToHaveTextOptions { Timeout = 1_000 };
        await Expect(tv.Locator("[data-testid=total-pausada] [data-testid=total-count]")).ToHaveTextAsync("1", withinASecond);
        await Expect(tv.Locator("[data-testid=total-verde] [data-testid=total-count]")).ToHaveTextAsync("0", withinASecond);
        await Expect(tv.Locator("tr[data-area='Gerencia de Atención a Usuarios'] td[data-light=Pausada]")).ToHaveTextAsync("1", withinASecond);

        // A TV: dark, no menu, nothing to scroll, and nothing personal on the page.
        Assert.Equal(0, await tv.Locator(".mud-drawer, .mud-appbar").CountAsync());
        Assert.True(await tv.EvaluateAsync<bool>("() => document.scrollingElement.scrollHeight <= window.innerHeight && document.scrollingElement.scrollWidth <= window.innerWidth"));
        Assert.Equal("rgb(11, 22, 34)", await tv.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('[data-testid=wall-board]')).backgroundColor"));
        var html = await tv.ContentAsync();
        Assert.DoesNotContain("Nombre Reservado", html);
        Assert.DoesNotContain("07-777-7777", html);
    }

    [Fact]
    public async Task A_full_board_pages_itself_and_never_scrolls_at_1080p()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("tv", "Segura123", Roles.Pantalla);
        var today = server.Get<OfficeClock>().Today();
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
            var operation = await db.Areas.Where(a => a.Name == "Operación").Select(a => a.Id).SingleAsync();
            for (var i = 1; i <= 25; i++)
            {
                var petition = PetitionRows.Make(new(2026, 10, 1, 10, 0, 0), new(2026, 10, 1), type, PetitionStatus.Turnada, today.AddDays(-i));
                petition.Folio = $"AU-2026-{i:00000}";
                petition.Routings.Add(PetitionRows.Routing(operation));
                db.Petitions.Add(petition);
            }
            for (var i = 1; i <= 10; i++) db.Areas.Add(new Area { Name = $"Área adicional {i}", SortOrder = 100 + i });
            await db.SaveChangesAsync();
        }

        var tv = await OpenSignedInAsync(server, "tv", "pantalla/seguimiento");
        await tv.SetViewportSizeAsync(FullHd.Width, FullHd.Height);
        await Expect(tv.Locator("[data-testid=wall-urgent] h2")).ToContainTextAsync("1/4");
        Assert.True(await tv.EvaluateAsync<bool>("() => document.scrollingElement.scrollHeight <= window.innerHeight"));
        // Every row of a full page ends above the queue summary: nothing is cut off at the bottom of the screen.
        Assert.True(await tv.EvaluateAsync<bool>("""
            () => {
                const footer = document.querySelector('.wall-board footer').getBoundingClientRect().top;
                const rows = [...document.querySelectorAll('.wall-board tbody tr, .wall-board .urgent li')];
                return rows.length > 0 && rows.every(r => r.getBoundingClientRect().bottom <= footer);
            }
            """));
        await Expect(tv.Locator("[data-testid=wall-urgent] h2")).ToContainTextAsync("2/4", new() { Timeout = 15_000 });
        await Expect(tv.Locator("[data-testid=wall-areas] h2")).ToContainTextAsync("2/");

        // The same board on a TV hung upright: the date stays on one line, a full page still fits above the summary.
        await tv.SetViewportSizeAsync(800, 1280);
        Assert.True(await tv.EvaluateAsync<bool>(FitsWithoutScrolling));
        Assert.True(await tv.EvaluateAsync<bool>("""
            () => {
                const date = document.querySelector('[data-testid=wall-date]');
                return date.textContent.length > 20 && date.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(date).fontSize);
            }
            """));
    }

    /// <summary>No scrolling, and every row of the page shown ends above the queue summary (nothing cut off at the bottom).</summary>
    private const string FitsWithoutScrolling = """
        () => {
            const footer = document.querySelector('.wall-board footer').getBoundingClientRect().top;
            const rows = [...document.querySelectorAll('.wall-board tbody tr, .wall-board .urgent li')];
            return document.scrollingElement.scrollHeight <= window.innerHeight && document.scrollingElement.scrollWidth <= window.innerWidth
                && rows.length > 0 && rows.every(r => r.getBoundingClientRect().bottom <= footer);
        }
        """;

    [Fact]
    public async Task The_board_comes_back_by_itself_after_the_server_restarts_and_shows_no_error_meanwhile()
    {
        var folder = TestApp.NewFolder();
        File.Copy(await TestApp.TemplateAsync(), Path.Combine(folder, "ventanilla.db"));
        try
        {
            await using var first = AppServer.Restart(folder, 0);
            var port = first.Port;
            await first.AddUserAsync("tv", "Segura123", Roles.Pantalla);
            await first.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
            var tv = await OpenSignedInAsync(first, "tv", "pantalla/seguimiento");
            await Expect(tv.Locator("[data-testid=total-verde] [data-testid=total-count]")).ToHaveTextAsync("0");
            await first.DisposeAsync();

            // While the server is away the TV keeps its board, with a slim notice instead of an error screen.
            await Expect(tv.Locator("#components-reconnect-modal.unattended")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await Expect(tv.Locator("[data-testid=wall-board]")).ToBeVisibleAsync();
            Assert.False(await tv.EvaluateAsync<bool>("() => document.getElementById('components-reconnect-modal').matches(':modal')"));

            await using var second = AppServer.Restart(folder, port);
            var oficialia = await second.Get<Actors>().ForUserAsync(await UserIdAsync(second, "olga"));
            await second.Get<PetitionRegistration>().RegisterWrittenAsync(oficialia, new WrittenPetitionInput(
                new PetitionInput(await TypeAsync(second), "Falta de agua", "Alguien"), "OP-1", second.Get<OfficeClock>().Now().DateTime.AddMinutes(-1)));

            // Nobody touches the TV: it reconnects (or reloads) and shows the new server's data.
            await Expect(tv.Locator("[data-testid=total-verde] [data-testid=total-count]")).ToHaveTextAsync("1", new() { Timeout = 60_000 });
            await Expect(tv.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestApp.TryDelete(folder);
        }
    }

    [Fact]
    public async Task Staff_may_look_at_the_board_too()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("oscar", "Segura123", Roles.Area);
        var page = await OpenSignedInAsync(server, "oscar", "pantalla/seguimiento");
        await Expect(page.Locator("[data-testid=wall-board]")).ToBeVisibleAsync();
    }

    private static async Task<Actor> ActorAsync(AppServer server, string userName, string role)
    {
        var user = await server.AddUserAsync(userName, "Segura123", role);
        return await server.Get<Actors>().ForUserAsync(user.Id);
    }

    private static async Task<string> UserIdAsync(AppServer server, string userName)
    {
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    private static async Task<int> TypeAsync(AppServer server)
    {
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
    }
}
