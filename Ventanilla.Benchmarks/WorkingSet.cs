using System.Diagnostics;

namespace Ventanilla.Benchmarks;

/// <summary>The process's working set sampled every 100 ms while some work runs: where it started and its peak.</summary>
public sealed class WorkingSet : IAsyncDisposable
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;

    public long StartBytes { get; }
    public long PeakBytes { get; private set; }
    public long GrowthBytes => PeakBytes - StartBytes;

    private WorkingSet()
    {
        GC.Collect();
        _process.Refresh();
        StartBytes = PeakBytes = _process.WorkingSet64;
        _sampler = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _process.Refresh();
                PeakBytes = Math.Max(PeakBytes, _process.WorkingSet64);
                try { await Task.Delay(100, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    /// <summary>Starts sampling; dispose (or <see cref="StopAsync"/>) to stop.</summary>
    public static WorkingSet Sample() => new();

    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync();
        await _sampler;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _process.Dispose();
    }
}
