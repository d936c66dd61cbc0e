using Microsoft.Data.Sqlite;

namespace Ventanilla.Features.Maintenance;

/// <summary>
/// What <c>/health</c> answers: ok, degraded (it works, but something needs the administrator) or error; the free disk
/// space of the data folder and how old the last backup is (null: automatic backups are off, or none yet).
/// </summary>
public sealed record HealthReport(
    string Status, string Database, int PendingMigrations, long? FreeDiskMegabytes, IReadOnlyList<string> Problems, double? LastBackupHours = null);

public static class HealthEndpoint
{
    public const int DefaultMinFreeMegabytes = 500;

    /// <summary>
    /// <c>/health</c>: whether the database answers and is fully migrated (else "error", 503), and whether anything needs
    /// the administrator (then "degraded", with why in Spanish): little free disk, a write refused for a storage reason,
    /// a database opened read-only, a failed integrity check, a last backup over 26 hours old or a failed copy of it.
    /// No personal data.
    /// </summary>
    public static void MapHealthEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (IServiceProvider services, CancellationToken ct) =>
        {
            var report = await CheckAsync(services, ct);
            return Results.Json(report, statusCode: report.Status == "error" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }).AllowAnonymous();
    }

    public static async Task<HealthReport> CheckAsync(IServiceProvider services, CancellationToken ct)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var storage = services.GetRequiredService<StorageHealth>();
        var office = services.GetRequiredService<OfficeClock>();
        var configuration = services.GetRequiredService<IConfiguration>();
        var backups = services.GetRequiredService<DailyBackupService>();
        var problems = new List<string>();
        var free = FreeMegabytes(configuration);
        var minimum = configuration.GetValue("Health:MinFreeMegabytes", DefaultMinFreeMegabytes);
        if (free is { } mb && mb < minimum) problems.Add($"Queda poco espacio en el disco de los datos: {mb:N0} MB libres (mínimo {minimum:N0} MB).");
        if (storage.LastWriteFault is { } fault)
        {
            problems.Add($"La última escritura falló ({Faults.Reason(fault.Code)}) a las {office.ToLocal(fault.At.UtcDateTime):HH:mm}; las siguientes pueden fallar igual.");
        }
        if (storage.LastIntegrityCheck is { Problem: { } damaged }) problems.Add($"La revisión de integridad encontró daños: {damaged}. Restaure un respaldo.");
        double? backupHours = null;
        if (backups.Enabled)
        {
            if (backups.LastBackupUtc() is { } last)
            {
                var age = office.UtcNow() - last;
                backupHours = Math.Round(Math.Max(0, age.TotalHours), 1);
                if (age > DailyBackupService.MaxAge) problems.Add($"El último respaldo es de hace {age.TotalHours:0} horas (del {office.ToLocal(last):dd/MM/yyyy HH:mm}); se esperaba uno cada día.");
            }
            else
            {
                problems.Add($"Todavía no hay ningún respaldo en {backups.Folder}.");
            }
            if (backups.LastCopyProblem is { } copy) problems.Add(copy);
        }
        try
        {
            var padron = await services.GetRequiredService<Padron.PadronLookup>().FreshnessAsync(ct);
            if (padron.Stale)
            {
                problems.Add($"El padrón de usuarios en uso es del {padron.ImportedLocal:dd/MM/yyyy} (hace {padron.AgeDays} días); se espera uno nuevo cada {padron.StaleDays} días.");
            }
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // The database itself is checked below.
        }

        bool reachable;
        var pending = -1;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            reachable = await db.Database.CanConnectAsync(ct);
            if (reachable)
            {
                pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
                await db.Database.OpenConnectionAsync(ct);
                if (db.Database.IsSqlite() && ((SqliteConnection)db.Database.GetDbConnection()).Handle is var handle
                    && SQLitePCL.raw.sqlite3_db_readonly(handle, "main") == 1) problems.Add("La base de datos se abrió en modo de solo lectura: no se puede guardar nada.");
            }
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            reachable = false;
            if (Faults.StorageCode(ex) is { } code) problems.Add($"No se puede abrir la base de datos: {Faults.Reason(code)}.");
        }
        var status = !reachable || pending != 0 ? "error" : problems.Count > 0 ? "degraded" : "ok";
        return new HealthReport(status, reachable ? "ok" : "unreachable", pending, free, problems, backupHours);
    }

    private static long? FreeMegabytes(IConfiguration configuration)
    {
        try
        {
            var folder = DatabaseLocation.DataFolder(configuration);
            return new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace / (1024 * 1024);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
