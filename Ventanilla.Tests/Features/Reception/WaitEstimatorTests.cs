namespace Ventanilla.Tests.Features.Reception;

/// <summary>The wait estimate plays the queue forward with the day's real service times and the open desks.</summary>
public class WaitEstimatorTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 16, 0, 0, DateTimeKind.Utc);
    private static readonly IReadOnlyDictionary<int, TimeSpan> Times = new Dictionary<int, TimeSpan> { [1] = TimeSpan.FromMinutes(6), [2] = TimeSpan.FromMinutes(15) };

    private static DeskLoad Desk(int id, DateTime free, params int[] categories) => new(id, categories.ToHashSet(), free);

    [Fact]
    public void Two_open_desks_take_turns_in_order_each_busy_for_the_categorys_real_time()
    {
        var desks = new[] { Desk(1, Now, 1), Desk(2, Now.AddMinutes(2), 1) };
        var waiting = new[] { new WaitingTurn(10, 1), new WaitingTurn(11, 1), new WaitingTurn(12, 1), new WaitingTurn(13, 1) };

        var (turns, arrival) = WaitEstimator.Estimate(Now, desks, waiting, Times, [1]);

        Assert.Equal(Now, turns[10]);                // desk 1 is free now
        Assert.Equal(Now.AddMinutes(2), turns[11]);  // desk 2 frees in 2 minutes
        Assert.Equal(Now.AddMinutes(6), turns[12]);  // desk 1 again, after 6 minutes of category 1
        Assert.Equal(Now.AddMinutes(8), turns[13]);
        Assert.Equal(Now.AddMinutes(12), arrival[1]); // a newcomer goes after all four
    }

    [Fact]
    public void A_desk_serves_only_its_categories_and_a_category_nobody_serves_gets_no_estimate()
    {
        var desks = new[] { Desk(1, Now, 1), Desk(2, Now, 1, 2) };
        var waiting = new[] { new WaitingTurn(10, 2), new WaitingTurn(11, 1), new WaitingTurn(12, 2), new WaitingTurn(13, 3) };

        var (turns, arrival) = WaitEstimator.Estimate(Now, desks, waiting, Times, [1, 2, 3]);

        Assert.Equal(Now, turns[10]);                 // desk 1 skips it (category 2); desk 2 takes it
        Assert.Equal(Now, turns[11]);                 // desk 1 takes the first of its own
        Assert.Equal(Now.AddMinutes(15), turns[12]);  // only desk 2 serves category 2
        Assert.False(turns.ContainsKey(13));
        Assert.False(arrival.ContainsKey(3));
        Assert.Equal(Now.AddMinutes(6), arrival[1]);
    }

    [Fact]
    public void Without_a_real_time_for_a_category_a_typical_attention_is_assumed()
    {
        var (turns, _) = WaitEstimator.Estimate(Now, [Desk(1, Now, 5)], [new WaitingTurn(1, 5), new WaitingTurn(2, 5)], Times, [5]);
        Assert.Equal(Now + WaitEstimator.DefaultServiceTime, turns[2]);
        Assert.Equal(4, WaitEstimator.Minutes(Now, Now.AddMinutes(3.2)));
        Assert.Equal(0, WaitEstimator.Minutes(Now, Now.AddMinutes(-1)));
    }
}
