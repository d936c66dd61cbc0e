namespace Ventanilla.Tests.Features.Reception;

/// <summary>The wait estimate plays the queue forward with the day's real service times and the open desks.</summary>
public class WaitEstimatorTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 16, 0, 0, DateTimeKind.Utc);
    private static readonly IReadOnlyDictionary<int, TimeSpan> Times = new Dictionary<int, TimeSpan> { [1] = TimeSpan.FromMinutes(6), [2] = TimeSpan.FromMinutes(15) };

    private static DeskLoad Desk(int id, DateTime free, params int[] categories) => new(id, categories.ToHashSet(), free);

    /// <summary>A walk-in who arrived <paramref name="minutesAgo"/> minutes before now.</summary>
    private static WaitingTurn Walk(int id, int category, double minutesAgo = 0) => new(id, category, new QueueRules.Place(false, Now.AddMinutes(-minutesAgo), id));

    /// <summary>An appointment checked in <paramref name="minutesAgo"/> minutes ago for the slot starting at <paramref name="slotFromNow"/>.</summary>
    private static WaitingTurn Booked(int id, int category, double minutesAgo, double slotFromNow)
        => WaitingTurn.Present(id, category, new QueueRules.Place(false, Now.AddMinutes(-minutesAgo), id, Now.AddMinutes(slotFromNow)), Now);

    [Fact]
    public void Two_open_desks_take_turns_in_order_each_busy_for_the_categorys_real_time()
    {
        var desks = new[] { Desk(1, Now, 1), Desk(2, Now.AddMinutes(2), 1) };
        var waiting = new[] { Walk(10, 1), Walk(11, 1), Walk(12, 1), Walk(13, 1) };

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
        var waiting = new[] { Walk(10, 2), Walk(11, 1), Walk(12, 2), Walk(13, 3) };

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
        var (turns, _) = WaitEstimator.Estimate(Now, [Desk(1, Now, 5)], [Walk(1, 5), Walk(2, 5)], Times, [5]);
        Assert.Equal(Now + WaitEstimator.DefaultServiceTime, turns[2]);
        Assert.Equal(4, WaitEstimator.Minutes(Now, Now.AddMinutes(3.2)));
        Assert.Equal(0, WaitEstimator.Minutes(Now, Now.AddMinutes(-1)));
    }

    [Fact]
    public void A_booking_still_to_come_is_called_at_its_slot_ahead_of_walk_ins_who_waited_less_than_the_ceiling()
    {
        var desks = new[] { Desk(1, Now, 1) };
        var walkIns = new[] { Walk(10, 1, 5), Walk(11, 1, 4), Walk(12, 1, 3), Walk(13, 1, 2) };
        var booking = WaitingTurn.Booking(7, 1, Now.AddMinutes(10), Now);

        var (without, before) = WaitEstimator.Estimate(Now, desks, walkIns, Times, [1]);
        var (turns, arrival) = WaitEstimator.Estimate(Now, desks, [.. walkIns, booking], Times, [1]);

        Assert.Equal(Now.AddMinutes(6), turns[11]);      // before the slot, the walk-ins go on as they were
        Assert.Equal(Now.AddMinutes(12), turns[booking.TicketId]); // the first call once the slot has come
        Assert.Equal(Now.AddMinutes(18), turns[12]);     // and the walk-ins behind it wait one attention more
        Assert.Equal(without[12].AddMinutes(6), turns[12]);
        Assert.Equal(before[1].AddMinutes(6), arrival[1]); // a newcomer is told about the booking ahead of them
    }

    [Fact]
    public void An_appointment_never_goes_ahead_of_a_walk_in_past_the_ceiling_and_one_that_came_early_waits_for_its_slot()
    {
        // The desk frees in 10 minutes; the ceiling is 30.
        var desks = new[] { Desk(1, Now.AddMinutes(10), 1) };
        var waitedLong = Walk(10, 1, 40);   // 50 minutes by the time the desk frees
        var recent = Walk(11, 1, 5);
        var onTime = Booked(12, 1, 3, slotFromNow: -1);
        var early = Booked(13, 1, 6, slotFromNow: 60); // came six minutes ago for a slot in an hour

        var (turns, _) = WaitEstimator.Estimate(Now, desks, [waitedLong, early, recent, onTime], Times, [1], TimeSpan.FromMinutes(30));

        Assert.Equal(Now.AddMinutes(10), turns[10]); // waited past the ceiling: first
        Assert.Equal(Now.AddMinutes(16), turns[12]); // the appointment at its slot, ahead of those who waited less
        Assert.Equal(Now.AddMinutes(22), turns[11]); // the walk-in who came after the early one still goes first
        Assert.Equal(Now.AddMinutes(55), turns[13]); // the early one: its slot is an hour away; called five minutes before it
    }
}
