namespace Ventanilla.Data;

/// <summary>
/// While the web app runs on a database file it holds an exclusive lock on a file beside it (<c>ventanilla.db.en-uso</c>).
/// A second web app on the same file would break the queue's promise (two desks never get the same turn rests on one
/// process taking turns in order), so it refuses to start; and <c>restore</c> refuses to replace a database in use.
/// The operating system drops the lock when the process ends, however it ends, so a crash leaves nothing to clean.
/// </summary>
public sealed class InstanceLock(IConfiguration configuration) : IHostedService, IDisposable
{
    private FileStream? _held;

    public static string PathFor(string databaseFile) => databaseFile + ".en-uso";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // On PostgreSQL several instances share the server by design: the queue locks rows there instead.
        if (DatabaseLocation.FilePath(configuration) is not { } database) return Task.CompletedTask;
        _held = TryAcquire(database) ?? throw new DatabaseStartupException(
            $"Ya hay una Ventanilla en marcha con la base de datos {database}. Deténgala (o detenga su servicio) antes de iniciar otra.",
            new IOException(PathFor(database)));
        return Task.CompletedTask;
    }

    /// <summary>The lock, or null when another process holds it.</summary>
    public static FileStream? TryAcquire(string databaseFile)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
            // FileShare.None is an exclusive lock on every platform .NET runs on (flock on Linux).
            return new FileStream(PathFor(databaseFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}
