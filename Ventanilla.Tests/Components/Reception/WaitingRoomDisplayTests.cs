using Ventanilla.Features.Shared;
using Ventanilla.Features.Reception.Pages;

namespace Ventanilla.Tests.Components.Reception;

public class WaitingRoomDisplayTests() : AppPageTest(Roles.Pantalla)
{
    [Fact]
    public async Task A_call_shows_turn_and_desk_with_the_chime_and_never_a_name()
    {
        var queue = App.Get<QueueService>();
        await using var db = App.CreateDb();
        var a = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
        var desk = await db.Desks.Where(d => d.Number == 3).Select(d => d.Id).SingleAsync();
        await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a, Name: "Ana Secreta", AccountNumber: "01-777", Phone: "5511112222"));
        await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a));

        var page = RenderPage<WaitingRoomDisplay>();
        Assert.Equal("10:00", page.Find("[data-testid=clock]").TextContent);
        Assert.Equal("2", page.Find("[data-line=A] [data-testid=line-count]").TextContent);

        await queue.CallNextAsync(Actor.System, desk);

        page.WaitForAssertion(() => Assert.Equal("A-001", page.Find("[data-testid=newest-code]").TextContent));
        Assert.Equal("Módulo 3", page.Find("[data-testid=newest-desk]").TextContent);
        Assert.Equal("1", page.Find("[data-line=A] [data-testid=line-count]").TextContent);
        // The browser chimes when the call's data-call changes (ventanilla.watchCalls, set up on the first render).
        JSInterop.VerifyInvoke("ventanilla.watchCalls");
        Assert.Matches("^\\d+:1$", page.Find("[data-testid=newest-call]").GetAttribute("data-call"));
        Assert.Contains("flash", page.Find("[data-testid=newest-call]").ClassList);
        Assert.DoesNotContain("Ana", page.Markup);
        Assert.DoesNotContain("01-777", page.Markup);
        Assert.DoesNotContain("5511112222", page.Markup);
    }

    [Fact]
    public async Task A_call_renders_the_screen_once_with_the_new_data()
    {
        // Twenty TVs on one server: a render that still shows the old data is twenty browser updates for nothing.
        await using var db = App.CreateDb();
        var a = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
        var desk = await db.Desks.Where(d => d.Number == 3).Select(d => d.Id).SingleAsync();
        await App.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a));
        var page = RenderPage<WaitingRoomDisplay>();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-line=A] [data-testid=line-count]").TextContent));
        await Task.Delay(200); // the first load settles
        var renders = page.RenderCount;
        var reload = page.FindComponent<Ventanilla.Components.Shared.LiveReload>().Instance;
        var applied = reload.Applied;

        await App.Get<QueueService>().CallNextAsync(Actor.System, desk);

        // Once the screen says it applied the call (its reload ran to the end), it has rendered exactly once more.
        await Signals.WaitUntilAsync(() => reload.Applied == applied + 1, "la sala de espera aplicó la llamada");
        Assert.Equal("A-001", page.Find("[data-testid=newest-code]").TextContent);
        Assert.Equal(renders + 1, page.RenderCount);
    }

    [Fact]
    public void The_clock_moves_on_its_own()
    {
        var page = RenderPage<WaitingRoomDisplay>();
        App.Time.Advance(TimeSpan.FromMinutes(2));
        page.WaitForAssertion(() => Assert.Equal("10:02", page.Find("[data-testid=clock]").TextContent));
    }

    [Fact]
    public async Task A_database_that_fails_keeps_the_last_screen_with_a_note_and_comes_back_by_itself()
    {
        var queue = App.Get<QueueService>();
        await using var db = App.CreateDb();
        var a = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
        await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a));
        var page = RenderPage<WaitingRoomDisplay>();
        Assert.Equal("1", page.Find("[data-line=A] [data-testid=line-count]").TextContent);

        // The queue's table disappears from under the running app: every read of the board fails.
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE QueueTickets RENAME TO QueueTicketsAway");
        App.Get<LiveUpdates>().Publish(QueueBoards.Topics);
        page.WaitForAssertion(() => Assert.Contains("se vuelve a intentar solo", page.Find("[data-testid=display-stale]").TextContent));
        Assert.Equal("1", page.Find("[data-line=A] [data-testid=line-count]").TextContent);

        await db.Database.ExecuteSqlRawAsync("ALTER TABLE QueueTicketsAway RENAME TO QueueTickets");
        App.Time.Advance(TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=display-stale]")));
    }

    [Fact]
    public async Task Closing_the_display_drops_its_subscription()
    {
        var live = App.Get<LiveUpdates>();
        var before = live.SubscriberCount;
        var page = RenderPage<WaitingRoomDisplay>();
        Assert.Equal(before + 1, live.SubscriberCount);
        // As the renderer does when the TV leaves the page: the page and what it holds are disposed.
        await DisposeComponentsAsync();
        Assert.Equal(before, live.SubscriberCount);
    }
}
