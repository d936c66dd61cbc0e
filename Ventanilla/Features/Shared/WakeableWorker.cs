using System.Threading.Channels;

namespace Ventanilla.Features.Shared;

/// <summary>
/// A background sender of an outbox: woken at once when one of <see cref="Topics"/> is published (here, or by another
/// instance through the backplane), and every <see cref="Poll"/> besides, for the retries that come due with the clock.
/// A failing run is logged and tried again at the next wake-up.
/// </summary>
public abstract class WakeableWorker(LiveUpdates live, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The notifier the worker wakes on (a subclass publishes its own changes through it).</summary>
    protected LiveUpdates Live { get; } = live;

    /// <summary>The clock of the poll (a subclass dates its attempts with it).</summary>
    protected TimeProvider Time { get; } = time;

    protected abstract LiveTopic Topics { get; }

    protected abstract TimeSpan Poll { get; }

    /// <summary>What the log says when a run failed.</summary>
    protected abstract string FailedMessage { get; }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var subscription = Live.Subscribe(Topics, _ =>
        {
            wake.Writer.TryWrite(true);
            return Task.CompletedTask;
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database busy or failing: try again at the next wake-up.
                logger.LogWarning(ex, "{Message}", FailedMessage);
            }
            using var timeout = new CancellationTokenSource(Poll, Time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            try
            {
                await wake.Reader.ReadAsync(either.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll: retries come due with the clock, not with a change.
            }
        }
    }
}
