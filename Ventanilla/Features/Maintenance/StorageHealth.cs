namespace Ventanilla.Features.Maintenance;

/// <summary>
/// What the server knows about the state of its storage between health checks: the last write that failed for a
/// storage reason (cleared by the next write that succeeds) and the last integrity check of the database file.
/// </summary>
public sealed class StorageHealth(TimeProvider time)
{
    private readonly Lock _gate = new();
    private (int Code, DateTimeOffset At)? _writeFault;
    private (string? Problem, DateTimeOffset At)? _integrity;

    /// <summary>A database command failed; kept when it was a storage fault (full disk, read-only, I/O, damaged file).</summary>
    public void CommandFailed(Exception exception)
    {
        if (Faults.StorageCode(exception) is { } code and not (5 or 6))
        {
            lock (_gate) _writeFault = (code, time.GetUtcNow());
        }
    }

    /// <summary>A write went through: whatever stopped writes before is over.</summary>
    public void WriteSucceeded()
    {
        if (_writeFault is null) return;
        lock (_gate) _writeFault = null;
    }

    /// <summary>The result of <c>PRAGMA quick_check</c>: null when the file is sound, else what SQLite found.</summary>
    public void IntegrityChecked(string? problem)
    {
        lock (_gate) _integrity = (problem, time.GetUtcNow());
    }

    public (int Code, DateTimeOffset At)? LastWriteFault
    {
        get { lock (_gate) return _writeFault; }
    }

    public (string? Problem, DateTimeOffset At)? LastIntegrityCheck
    {
        get { lock (_gate) return _integrity; }
    }
}
