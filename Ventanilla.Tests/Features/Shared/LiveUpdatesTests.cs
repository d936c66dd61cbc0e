using Microsoft.Extensions.Logging.Abstractions;

namespace Ventanilla.Tests.Features.Shared;

public class LiveUpdatesTests
{
    private readonly LiveUpdates _live = new(NullLogger<LiveUpdates>.Instance);

    [Fact]
    public async Task A_burst_while_the_view_is_busy_is_delivered_once_merged()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var markerHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = new List<LiveTopic>();
        using var subscription = _live.Subscribe(LiveTopic.All, async topics =>
        {
            lock (calls) calls.Add(topics);
            if (calls.Count == 1)
            {
                firstStarted.SetResult();
                await release.Task;
            }
            else if (topics.HasFlag(LiveTopic.Calendar))
            {
                markerHeard.TrySetResult();
            }
            else
            {
                secondDone.TrySetResult();
            }
        });

        _live.Publish(LiveTopic.Petitions);
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 1000; i++) _live.Publish(i % 2 == 0 ? LiveTopic.Queue : LiveTopic.Petitions);
        release.SetResult();
        await secondDone.Task.WaitAsync(TimeSpan.FromSeconds(5));
        // One more change, of another topic: a view hears its changes in order, so any further delivery of the burst
        // would come before it (or merged into it) — no fixed wait needed to see that none does.
        _live.Publish(LiveTopic.Calendar);
        await markerHeard.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([LiveTopic.Petitions, LiveTopic.Queue | LiveTopic.Petitions, LiveTopic.Calendar], calls);
    }

    [Fact]
    public async Task Views_only_hear_their_topics_and_stop_when_disposed()
    {
        var heard = new List<LiveTopic>();
        var got = new SemaphoreSlim(0);
        var subscription = _live.Subscribe(LiveTopic.Calendar, t => { lock (heard) heard.Add(t); got.Release(); return Task.CompletedTask; });

        _live.Publish(LiveTopic.Queue);
        _live.Publish(LiveTopic.Calendar | LiveTopic.Petitions);
        Assert.True(await got.WaitAsync(TimeSpan.FromSeconds(5)));
        subscription.Dispose();
        // A listener of its own hears the next change: by then a view still subscribed would have heard it too.
        var probe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (_live.Subscribe(LiveTopic.Calendar, _ => { probe.TrySetResult(); return Task.CompletedTask; }))
        {
            _live.Publish(LiveTopic.Calendar);
            await probe.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }

        Assert.Equal([LiveTopic.Calendar], heard);
        Assert.Equal(0, _live.SubscriberCount);
    }

    [Fact]
    public async Task A_failing_view_does_not_stop_the_others()
    {
        var ok = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var broken = _live.Subscribe(LiveTopic.All, _ => throw new InvalidOperationException("circuito cerrado"));
        using var healthy = _live.Subscribe(LiveTopic.All, _ => { ok.TrySetResult(); return Task.CompletedTask; });

        _live.Publish(LiveTopic.Petitions);

        await ok.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_generation_moves_only_with_the_topics_it_covers()
    {
        var board = LiveTopic.Petitions | LiveTopic.Calendar;
        var before = _live.GenerationOf(board);

        _live.Publish(LiveTopic.Queue);
        Assert.Equal(before, _live.GenerationOf(board));

        _live.Publish(LiveTopic.Calendar);
        var afterCalendar = _live.GenerationOf(board);
        Assert.NotEqual(before, afterCalendar);

        _live.Publish(LiveTopic.Petitions | LiveTopic.Queue);
        Assert.NotEqual(afterCalendar, _live.GenerationOf(board));
    }
}
