namespace Ventanilla.Features.Shared;

/// <summary>
/// Work the server does by itself at start-up and then every <see cref="Every"/>: one run at a time, and a failed run
/// (a busy database, another instance first) is logged in Spanish and tried again at the next tick, never stopping the job.
/// </summary>
public abstract class PeriodicJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Every { get; }

    /// <summary>One run; returns how many things it did, for the log.</summary>
    protected abstract Task<int> RunOnceAsync(CancellationToken ct);

    /// <summary>What the log says after a run that did something: «Avisos enviados: {Count}».</summary>
    protected abstract string DoneMessage { get; }

    /// <summary>What the log says when a run failed: «No se pudieron …; se reintentará.»</summary>
    protected abstract string FailedMessage { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                var done = await RunOnceAsync(stoppingToken);
                if (done > 0) logger.LogInformation("{Message}: {Count}", DoneMessage, done);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{Message}", FailedMessage);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
