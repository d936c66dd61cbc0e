namespace Ventanilla.Features.Maintenance;

/// <summary>
/// Runs SQLite's <c>PRAGMA quick_check</c> on the database file <c>Health:QuickCheckDelayMinutes</c> after start-up (10
/// unless configured) and then every <c>Health:QuickCheckHours</c> (6), so a damaged file shows in <c>/health</c> and
/// the log before someone trips over it. Not at once: the check reads the whole file (a city's 2 GB: 9 s of a core and
/// the disk), and right after a restart that time belongs to the first people at the desks (their first pages took up
/// to 1.8× their usual time while it ran). A file too damaged to open already stops the start-up.
/// </summary>
public sealed class IntegrityCheckService(
    IDbContextFactory<AppDbContext> dbFactory, StorageHealth health, IConfiguration configuration, TimeProvider time, ILogger<IntegrityCheckService> logger)
    : BackgroundService
{
    public TimeSpan Every => TimeSpan.FromHours(Math.Max(1, configuration.GetValue("Health:QuickCheckHours", 6)));

    public TimeSpan FirstAfter => TimeSpan.FromMinutes(Math.Max(0, configuration.GetValue("Health:QuickCheckDelayMinutes", 10)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // SQLite runs synchronously under its async API: off the start-up path, so a large file does not delay it.
        await Task.Yield();
        await Task.Delay(FirstAfter, time, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await CheckAsync(stoppingToken);
            await Task.Delay(Every, time, stoppingToken);
        }
    }

    /// <summary>Checks the file now; returns what SQLite found, or null when it is sound.</summary>
    public async Task<string?> CheckAsync(CancellationToken ct = default)
    {
        string? problem;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (db.Database.IsPostgres())
            {
                // A PostgreSQL server guards its own pages (checksums, WAL); there is no file here to check.
                health.IntegrityChecked(null);
                return null;
            }
            var lines = await db.Database.SqlQueryRaw<string>("PRAGMA quick_check(20)").ToListAsync(ct);
            problem = lines is ["ok"] ? null : string.Join("; ", lines);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            problem = ex.Message;
        }
        health.IntegrityChecked(problem);
        if (problem is not null) logger.LogError("La base de datos está dañada (PRAGMA quick_check): {Problem}. Restaure un respaldo.", problem);
        return problem;
    }
}
