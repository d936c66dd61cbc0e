using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging.Abstractions;
using Ventanilla.Components.Shared;

namespace Ventanilla.Tests.Components.Shared;

/// <summary>The one way a page stays current: what it is told, when, and that it stops listening when it goes away.</summary>
public class LiveReloadTests : VentanillaBunitContext
{
    private readonly LiveUpdates _live = new(NullLogger<LiveUpdates>.Instance);
    private readonly List<LiveTopic> _calls = [];

    public LiveReloadTests() => Services.AddSingleton(_live);

    private IRenderedComponent<LiveReload> Render(LiveTopic topics, long? since = null) => Render<LiveReload>(p => p
        .Add(x => x.Topics, topics)
        .Add(x => x.Since, since)
        .Add(x => x.OnChange, EventCallback.Factory.Create<LiveTopic>(this, topic => _calls.Add(topic))));

    [Fact]
    public async Task Reloads_on_its_topics_only_and_stops_when_the_page_goes_away()
    {
        Render(LiveTopic.Petitions | LiveTopic.Calendar);
        Assert.Equal(1, _live.SubscriberCount);

        _live.Publish(LiveTopic.Queue);
        _live.Publish(LiveTopic.Calendar);
        await WaitForAsync(() => _calls.Count == 1);
        Assert.Equal([LiveTopic.Calendar], _calls);

        await DisposeComponentsAsync();
        Assert.Equal(0, _live.SubscriberCount);
        // A listener of its own hears this change: by then a page still listening would have been told too.
        await PublishAndWaitAsync(LiveTopic.Petitions);
        Assert.Single(_calls);
    }

    [Fact]
    public async Task A_change_published_while_the_page_loaded_is_applied_at_once()
    {
        var since = _live.GenerationOf(LiveTopic.Queue);
        _live.Publish(LiveTopic.Queue); // saved by a desk while the page was loading, before it listened
        Render(LiveTopic.Queue, since);
        await WaitForAsync(() => _calls.Count == 1);

        _calls.Clear();
        // Nothing happened meanwhile: nothing to reload. A page that reloaded anyway would be told «Queue» before the
        // calendar change published next (or with it), so waiting for that change is waiting long enough.
        var topics = LiveTopic.Queue | LiveTopic.Calendar;
        Render(topics, _live.GenerationOf(topics));
        _live.Publish(LiveTopic.Calendar);
        await WaitForAsync(() => _calls.Count >= 1);
        Assert.Equal([LiveTopic.Calendar], _calls);
    }

    /// <summary>Publishes <paramref name="topic"/> and returns once a listener subscribed just for this has heard it.</summary>
    private async Task PublishAndWaitAsync(LiveTopic topic)
    {
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (_live.Subscribe(topic, _ => { heard.TrySetResult(); return Task.CompletedTask; }))
        {
            _live.Publish(topic);
            await heard.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(20);
        Assert.True(condition());
    }
}
