using Ventanilla.Features.Shared;
using Ventanilla.Features.Deadlines.Pages;

namespace Ventanilla.Tests.Components.Deadlines;

/// <summary>The wall board on Friday 27/11/2026 at 10:00, as the TV's account sees it.</summary>
public class WallBoardPageTests() : AppPageTest(Roles.Pantalla)
{
    private int _type, _operation;

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        _type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        _operation = await db.Areas.Where(a => a.Name == "Operación").Select(a => a.Id).SingleAsync();
    }

    private async Task AddAsync(string folio, DateOnly due, PetitionStatus status = PetitionStatus.Turnada)
    {
        await using var db = App.CreateDb();
        var petition = PetitionRows.Make(new(2026, 11, 3, 10, 0, 0), new(2026, 11, 3), _type, status, due, petitioner: "María Confidencial");
        petition.Folio = folio;
        petition.AccountNumber = "01-999-0000";
        if (status == PetitionStatus.Turnada) petition.Routings.Add(PetitionRows.Routing(_operation));
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
    }

    private static string Text(IRenderedComponent<WallBoardPage> page, string selector) => page.Find(selector).TextContent.Trim();

    [Fact]
    public async Task Shows_counts_with_shape_and_label_the_urgent_folios_and_no_personal_data()
    {
        await AddAsync("AU-2026-00001", new(2026, 11, 20));
        await AddAsync("AU-2026-00002", new(2026, 12, 1));
        await AddAsync("AU-2026-00003", new(2026, 12, 10));
        await AddAsync("AU-2026-00004", new(2026, 11, 1), PetitionStatus.EsperandoUsuario);

        var page = RenderLoaded<WallBoardPage>("[data-testid=total-verde]");

        Assert.Equal("10:00", Text(page, "[data-testid=clock]"));
        Assert.Equal("viernes 27 de noviembre de 2026", Text(page, "[data-testid=wall-date]"));
        Assert.Equal("1", Text(page, "[data-testid=total-verde] [data-testid=total-count]"));
        Assert.Equal("1", Text(page, "[data-testid=total-amarillo] [data-testid=total-count]"));
        Assert.Equal("1", Text(page, "[data-testid=total-rojo] [data-testid=total-count]"));
        Assert.Equal("1", Text(page, "[data-testid=total-pausada] [data-testid=total-count]"));
        // Colour-blind safe: each light has its shape and its word, not only its colour.
        Assert.Contains("■", Text(page, "[data-testid=total-rojo]"));
        Assert.Contains("Rojo", Text(page, "[data-testid=total-rojo]"));
        Assert.Contains("vencidas", Text(page, "[data-testid=total-rojo]"));
        Assert.Contains("▲", Text(page, "[data-testid=total-amarillo]"));
        var operation = page.Find("tr[data-area='Operación']");
        Assert.Equal(["1", "1", "1", "0"], operation.QuerySelectorAll("td.count").Select(c => c.TextContent));
        var urgent = page.FindAll("[data-testid=wall-urgent] li");
        Assert.Equal(["AU-2026-00001", "AU-2026-00002"], urgent.Select(li => li.GetAttribute("data-folio")));
        Assert.Contains("vencida hace 5 días", urgent[0].TextContent);
        Assert.Contains("Operación", urgent[0].TextContent);
        Assert.Contains("vence en 2 días", urgent[1].TextContent);
        Assert.DoesNotContain("María", page.Markup);
        Assert.DoesNotContain("01-999", page.Markup);
    }

    [Fact]
    public async Task A_change_anywhere_shows_without_a_touch()
    {
        await AddAsync("AU-2026-00010", new(2026, 12, 10));
        var page = RenderLoaded<WallBoardPage>("[data-testid=total-verde]");
        Assert.Equal("0", Text(page, "[data-testid=total-rojo] [data-testid=total-count]"));
        Assert.NotNull(page.Find("[data-testid=no-urgent]"));

        await using (var db = App.CreateDb())
        {
            var petition = await db.Petitions.SingleAsync(p => p.Folio == "AU-2026-00010");
            petition.DueDate = new(2026, 11, 25);
            await db.SaveChangesAsync();
        }
        App.Get<LiveUpdates>().Publish(LiveTopic.Petitions);

        page.WaitForAssertion(() => Assert.Equal("1", Text(page, "[data-testid=total-rojo] [data-testid=total-count]")));
        Assert.Equal("AU-2026-00010", page.Find("[data-testid=wall-urgent] li").GetAttribute("data-folio"));
    }

    [Fact]
    public async Task A_change_renders_the_board_once_with_the_new_data()
    {
        var page = RenderLoaded<WallBoardPage>("[data-testid=total-verde]");
        await Task.Delay(200); // the first load settles
        var renders = page.RenderCount;
        var reload = page.FindComponent<Ventanilla.Components.Shared.LiveReload>().Instance;
        var applied = reload.Applied;

        await AddAsync("AU-2026-00011", new(2026, 11, 25));
        App.Get<LiveUpdates>().Publish(LiveTopic.Petitions);

        // Once the page says it applied the change (its reload ran to the end), it has rendered exactly once more.
        await Signals.WaitUntilAsync(() => reload.Applied == applied + 1, "el tablero aplicó el cambio");
        Assert.Equal("1", Text(page, "[data-testid=total-rojo] [data-testid=total-count]"));
        Assert.Equal(renders + 1, page.RenderCount);
    }

    [Fact]
    public async Task The_queue_summary_follows_the_waiting_room()
    {
        var page = RenderLoaded<WallBoardPage>("[data-testid=total-verde]");
        Assert.Equal("0", Text(page, "[data-testid=queue-waiting]"));
        Assert.Equal("—", Text(page, "[data-testid=queue-longest]"));

        await using var db = App.CreateDb();
        var category = await db.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
        await App.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category));
        await App.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category));

        page.WaitForAssertion(() => Assert.Equal("2", Text(page, "[data-testid=queue-waiting]")));
        App.Time.Advance(TimeSpan.FromMinutes(75));
        page.WaitForAssertion(() => Assert.Equal("1 h 15 min", Text(page, "[data-testid=queue-longest]")));
    }

    [Fact]
    public async Task More_folios_than_fit_page_by_themselves()
    {
        for (var i = 1; i <= 20; i++) await AddAsync($"AU-2026-{i:00000}", new DateOnly(2026, 11, 1).AddDays(i));
        var page = RenderLoaded<WallBoardPage>("[data-testid=total-verde]");
        Assert.Equal(WallBoardPage.FolioRowsPerPage, page.FindAll("[data-testid=wall-urgent] li").Count);
        Assert.Contains("1/3", Text(page, "[data-testid=wall-urgent] h2"));
        Assert.Equal("AU-2026-00001", page.Find("[data-testid=wall-urgent] li").GetAttribute("data-folio"));

        App.Time.Advance(TimeSpan.FromSeconds(WallBoardPage.PageSeconds));

        page.WaitForAssertion(() => Assert.Contains("2/3", Text(page, "[data-testid=wall-urgent] h2")));
        Assert.Equal($"AU-2026-{WallBoardPage.FolioRowsPerPage + 1:00000}", page.Find("[data-testid=wall-urgent] li").GetAttribute("data-folio"));
        App.Time.Advance(TimeSpan.FromSeconds(WallBoardPage.PageSeconds));
        page.WaitForAssertion(() => Assert.Contains("3/3", Text(page, "[data-testid=wall-urgent] h2")));
        Assert.Equal(20 - 2 * WallBoardPage.FolioRowsPerPage, page.FindAll("[data-testid=wall-urgent] li").Count);
        App.Time.Advance(TimeSpan.FromSeconds(WallBoardPage.PageSeconds));
        page.WaitForAssertion(() => Assert.Contains("1/3", Text(page, "[data-testid=wall-urgent] h2")));
    }

    [Fact]
    public async Task At_midnight_the_date_and_the_lights_change_by_themselves()
    {
        await AddAsync("AU-2026-00020", new(2026, 11, 27)); // due today: yellow
        var page = RenderLoaded<WallBoardPage>("[data-testid=total-verde]");
        Assert.Equal("1", Text(page, "[data-testid=total-amarillo] [data-testid=total-count]"));

        App.Time.Advance(TimeSpan.FromHours(14) + TimeSpan.FromMinutes(1)); // Saturday 00:01

        page.WaitForAssertion(() => Assert.Equal("sábado 28 de noviembre de 2026", Text(page, "[data-testid=wall-date]")));
        Assert.Equal("1", Text(page, "[data-testid=total-rojo] [data-testid=total-count]"));
        Assert.Contains("vencida", page.Find("[data-testid=wall-urgent] li").TextContent);
    }

    [Fact]
    public async Task Closing_the_board_drops_its_subscription()
    {
        var live = App.Get<LiveUpdates>();
        var before = live.SubscriberCount;
        var page = RenderLoaded<WallBoardPage>("[data-testid=total-verde]");
        Assert.Equal(before + 1, live.SubscriberCount);
        // As the renderer does when the TV leaves the page: the page and what it holds are disposed.
        await DisposeComponentsAsync();
        Assert.Equal(before, live.SubscriberCount);
    }
}

/// <summary>The board while its database cannot be read (locked during a backup, a disk hiccup).</summary>
public class WallBoardOutageTests() : AppPageTest(Roles.Pantalla)
{
    private sealed class SwitchableFactory(IDbContextFactory<AppDbContext> real) : IDbContextFactory<AppDbContext>
    {
        public bool Broken { get; set; }

        public AppDbContext CreateDbContext()
            => Broken ? throw new InvalidOperationException("database is locked") : real.CreateDbContext();
    }

    private SwitchableFactory _factory = null!;

    protected override Task SeedAsync()
    {
        _factory = new SwitchableFactory(App.Get<IDbContextFactory<AppDbContext>>());
        Services.AddSingleton(new FollowUpWallBoard(_factory, App.Get<CalendarService>(), App.Get<OfficeClock>(), App.Get<LiveUpdates>()));
        return Task.CompletedTask;
    }

    [Fact]
    public void It_keeps_the_last_board_says_since_when_and_recovers_by_itself()
    {
        var page = RenderLoaded<WallBoardPage>("[data-testid=total-verde]");
        Assert.Equal("Actualizado 10:00:00", page.Find("[data-testid=wall-updated]").TextContent.Trim());

        _factory.Broken = true;
        App.Time.Advance(TimeSpan.FromMinutes(5));
        App.Get<LiveUpdates>().Publish(LiveTopic.Petitions);

        page.WaitForAssertion(() => Assert.Equal("Sin datos nuevos desde 10:00:00", page.Find("[data-testid=wall-updated]").TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=wall-areas] tr[data-area='Operación']"));

        _factory.Broken = false;
        App.Time.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal("Actualizado 10:05:01", page.Find("[data-testid=wall-updated]").TextContent.Trim()));
    }

    [Fact]
    public void A_first_load_that_fails_keeps_saying_it_is_loading_and_then_shows_the_board()
    {
        _factory.Broken = true;
        var page = RenderPage<WallBoardPage>();
        page.WaitForAssertion(() => Assert.Contains("Cargando el tablero", page.Markup));

        _factory.Broken = false;
        App.Time.Advance(TimeSpan.FromSeconds(1));

        page.WaitForElement("[data-testid=total-verde]");
    }
}
