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
        var first = Boards.GetAsync();
        Assert.Same(first, Boards.GetAsync());
        await first;

        App.Get<LiveUpdates>().Publish(LiveTopic.Petitions); // not the queue's business
        Assert.Same(first, Boards.GetAsync());

        await App.Get<QueueService>().IssueTurnAsync(new KioskRequest(Guid.NewGuid(), await CategoryAsync("A")));
        var second = Boards.GetAsync();
        Assert.NotSame(first, second);
        Assert.Equal(1, (await second).TotalWaiting);
    }

    [Fact]
    public async Task A_category_renamed_in_the_catalog_shows_on_the_next_board()
    {
        await Boards.GetAsync();
        var catalog = App.Get<ReceptionCatalogService>();
        var category = (await catalog.ListCategoriesAsync()).Single(c => c.Letter == "A");
        await catalog.SaveCategoryAsync(category with { Name = "Pagos y convenios" });

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
        await App.Get<QueueService>().IssueTurnAsync(new KioskRequest(Guid.NewGuid(), await CategoryAsync("A")));
        Assert.Equal(1, (await Boards.GetAsync()).TotalWaiting);

        App.Time.Advance(TimeSpan.FromDays(1));
        var board = await Boards.GetAsync();
        Assert.Equal((0, DateOnly.FromDateTime(App.Get<OfficeClock>().Now().DateTime)), (board.TotalWaiting, board.ServiceDate));
    }
}
