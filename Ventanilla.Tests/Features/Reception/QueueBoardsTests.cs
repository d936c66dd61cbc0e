using Ventanilla.Features.Shared;
namespace Ventanilla.Tests.Features.Reception;

/// <summary>The queue's board is one snapshot per change, shared by every screen, like the follow-up wall board.</summary>
public class QueueBoardsTests : AppServiceTest
{
    private QueueBoards Boards => App.Get<QueueBoards>();

    private async Task<int> CategoryAsync(string letter)
    {
        await using var db = App.CreateDb();
        return await db.ServiceCategories.Where(c => c.Letter == letter).Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task One_snapshot_serves_every_screen_until_the_queue_changes()
    {
        var screens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Boards.GetAsync()));
        var first = screens[0];
        Assert.All(screens, board => Assert.Same(first, board));

        App.Get<LiveUpdates>().Publish(LiveTopic.Petitions); // not the queue's business
        Assert.Same(first, await Boards.GetAsync());

        await App.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), await CategoryAsync("A")));
        var second = await Boards.GetAsync();
        Assert.NotSame(first, second);
        Assert.Equal(1, second.TotalWaiting);
        Assert.Equal(App.Get<LiveUpdates>().GenerationOf(QueueBoards.Topics), second.Generation);
    }

    [Fact]
    public async Task A_change_made_while_the_board_was_built_gives_the_newer_board_not_the_stale_one()
    {
        // The kiosk's turn lands while the board for an earlier change is being read: the screens get the board that
        // already knows of it, instead of drawing the stale one and then drawing again.
        var a = await CategoryAsync("A");
        var queue = App.Get<QueueService>();
        var factory = new ChangingWhileBuilding(App.Get<IDbContextFactory<AppDbContext>>(),
            context => context == 1 ? queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a)) : Task.CompletedTask);
        var live = App.Get<LiveUpdates>();
        var boards = new QueueBoards(factory, App.Get<OfficeClock>(), App.Get<SettingsService>(), live);

        var board = await boards.GetAsync();

        Assert.Equal(live.GenerationOf(QueueBoards.Topics), board.Generation);
        Assert.Equal(1, board.TotalWaiting);
    }

    [Fact]
    public async Task Changes_during_every_build_still_give_a_board_after_a_few_builds()
    {
        var live = App.Get<LiveUpdates>();
        var factory = new ChangingWhileBuilding(App.Get<IDbContextFactory<AppDbContext>>(), _ =>
        {
            live.Publish(QueueBoards.Topics);
            return Task.CompletedTask;
        });
        var boards = new QueueBoards(factory, App.Get<OfficeClock>(), App.Get<SettingsService>(), live);

        var board = await boards.GetAsync().WaitAsync(TimeSpan.FromSeconds(10));

        // Bounded: the screen got a board (a change behind) rather than waiting for the changes to stop.
        Assert.NotEqual(live.GenerationOf(QueueBoards.Topics), board.Generation);
    }

    /// <summary>
    /// Runs <c>change</c> (given the context's number, from 1) as the boards open each database context: a build has read
    /// the generation by then, so the change lands in the middle of it.
    /// </summary>
    private sealed class ChangingWhileBuilding(IDbContextFactory<AppDbContext> inner, Func<int, Task> change) : IDbContextFactory<AppDbContext>
    {
        private int _contexts;

        public AppDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken ct = default)
        {
            await change(Interlocked.Increment(ref _contexts));
            return await inner.CreateDbContextAsync(ct);
        }
    }

    [Fact]
    public async Task A_category_renamed_in_the_catalog_shows_on_the_next_board()
    {
        await Boards.GetAsync();
        var catalog = App.Get<ReceptionCatalogService>();
        var category = (await catalog.ListCategoriesAsync()).Single(c => c.Letter == "A");
        await catalog.SaveCategoryAsync(Actor.System, category with { Name = "Pagos y convenios" });

        Assert.Equal("Pagos y convenios", (await Boards.GetAsync()).Categories.Single(c => c.Letter == "A").Name);
    }

    [Fact]
    public async Task A_build_that_failed_is_not_kept()
    {
        await using var db = App.CreateDb();
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"QueueTickets\" RENAME TO \"QueueTicketsAway\"");
        App.Get<LiveUpdates>().Publish(QueueBoards.Topics);
        await Assert.ThrowsAnyAsync<Exception>(() => Boards.GetAsync());

        await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"QueueTicketsAway\" RENAME TO \"QueueTickets\"");
        // Nothing was published in between: the next screen to ask tries again instead of getting the failure.
        Assert.Equal(0, (await Boards.GetAsync()).TotalWaiting);
    }

    [Fact]
    public async Task A_new_day_starts_a_new_board()
    {
        await App.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), await CategoryAsync("A")));
        Assert.Equal(1, (await Boards.GetAsync()).TotalWaiting);

        App.Time.Advance(TimeSpan.FromDays(1));
        var board = await Boards.GetAsync();
        Assert.Equal((0, DateOnly.FromDateTime(App.Get<OfficeClock>().Now().DateTime)), (board.TotalWaiting, board.ServiceDate));
    }
}
