namespace Ventanilla.Features.Shared;

/// <summary>What changed, so a live view can ignore what it does not show.</summary>
[Flags]
public enum LiveTopic
{
    None = 0,
    /// <summary>The business calendar: an organismo day added, edited or removed.</summary>
    Calendar = 1,
    /// <summary>The office's settings (terms, thresholds, hours).</summary>
    Settings = 2,
    /// <summary>Petitions: registered, moved, paused, answered, closed, or their due dates recomputed.</summary>
    Petitions = 4,
    /// <summary>The waiting queue and the desks.</summary>
    Queue = 8,
    /// <summary>Catalogs (areas, petition types, categories, desks).</summary>
    Catalogs = 16,
    /// <summary>E-mail notices to citizens: queued, sent, failed.</summary>
    Notices = 32,
    /// <summary>Appointments: booked, moved, cancelled, checked in, or their offers changed.</summary>
    Appointments = 64,
    /// <summary>Notices to staff inside the app (escalations): added or read.</summary>
    StaffNotices = 128,
    /// <summary>Webhook deliveries queued, redelivered, or their subscriptions changed: the sender wakes.</summary>
    Webhooks = 256,
    All = Calendar | Settings | Petitions | Queue | Catalogs | Notices | Appointments | StaffNotices | Webhooks,
}

/// <summary>
/// The one in-process notifier of DESIGN §3.3: services publish after they save, live views subscribe and
/// reload from memory-cheap services, so no page polls the database. Bursts are throttled per subscriber:
/// while its handler is running, further changes are merged and delivered once when it finishes, so a
/// thousand saves in a second cost a busy board two reloads, not a thousand.
/// </summary>
public sealed class LiveUpdates(ILogger<LiveUpdates> logger)
{
    private readonly Lock _gate = new();
    private Subscription[] _subscriptions = [];
    // One counter per topic bit, bumped before anyone is told: a shared snapshot (a board many screens show)
    // keyed by these counters is known to be stale the moment a change is published.
    private readonly long[] _generations = new long[BitCount];
    private static readonly int BitCount = System.Numerics.BitOperations.PopCount((uint)LiveTopic.All);

    private void ReportFailure(Exception ex, LiveTopic topics)
        // A view that fails to refresh (its circuit went away, say) must not stop the others.
        => logger.LogWarning(ex, "Una vista en vivo no pudo actualizarse ({Topics}).", topics);

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    /// <summary>
    /// Calls <paramref name="handler"/> with the topics that changed (only those in <paramref name="topics"/>).
    /// Dispose the result when the view goes away.
    /// </summary>
    public IDisposable Subscribe(LiveTopic topics, Func<LiveTopic, Task> handler)
    {
        var subscription = new Subscription(this, topics, handler);
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }
        return subscription;
    }

    /// <summary>
    /// A number that changes every time one of <paramref name="topics"/> is published: a cached view built
    /// when it had one value is stale once it has another.
    /// </summary>
    public long GenerationOf(LiveTopic topics)
    {
        long sum = 0;
        for (var bit = 0; bit < BitCount; bit++)
        {
            if (((int)topics & (1 << bit)) != 0) sum += Interlocked.Read(ref _generations[bit]);
        }
        return sum;
    }

    /// <summary>
    /// Raised for every change made in this process, after its local subscribers were told: the PostgreSQL backplane
    /// forwards it to the other app instances. Changes that came from another instance do not raise it again.
    /// </summary>
    public event Action<LiveTopic>? PublishedHere;

    /// <summary>Tells every interested subscriber that <paramref name="topics"/> changed. Never blocks the caller.</summary>
    public void Publish(LiveTopic topics)
    {
        PublishFromPeer(topics);
        PublishedHere?.Invoke(topics);
    }

    /// <summary>A change another app instance made (through the backplane): told here, not sent back out.</summary>
    public void PublishFromPeer(LiveTopic topics)
    {
        for (var bit = 0; bit < BitCount; bit++)
        {
            if (((int)topics & (1 << bit)) != 0) Interlocked.Increment(ref _generations[bit]);
        }
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            var relevant = subscription.Topics & topics;
            if (relevant != LiveTopic.None) subscription.Signal(relevant);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions.Where(s => s != subscription)];
        }
    }

    private sealed class Subscription(LiveUpdates owner, LiveTopic topics, Func<LiveTopic, Task> handler) : IDisposable
    {
        private readonly Lock _gate = new();
        private LiveTopic _pending;
        private bool _running;
        private bool _disposed;

        public LiveTopic Topics => topics;

        public void Signal(LiveTopic changed)
        {
            lock (_gate)
            {
                if (_disposed) return;
                _pending |= changed;
                if (_running) return;
                _running = true;
            }
            _ = Task.Run(DrainAsync);
        }

        private async Task DrainAsync()
        {
            while (true)
            {
                LiveTopic batch;
                lock (_gate)
                {
                    batch = _pending;
                    _pending = LiveTopic.None;
                    if (batch == LiveTopic.None || _disposed)
                    {
                        _running = false;
                        return;
                    }
                }
                try
                {
                    await handler(batch);
                }
                catch (Exception ex)
                {
                    owner.ReportFailure(ex, batch);
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
            }
            owner.Remove(this);
        }
    }
}
