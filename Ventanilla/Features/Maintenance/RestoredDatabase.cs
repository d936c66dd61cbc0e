using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace Ventanilla.Features.Maintenance;

/// <summary>
/// The database unpacked from a backup, checked and brought up to date where it lies (the staging folder) before
/// anything in use is moved: a file that is not a SQLite database, fails SQLite's integrity check, is not a Ventanilla
/// database or was written by a newer version is refused there, with the office's own data untouched. What it holds is
/// counted from its rows (not taken from the manifest), so the restore reports what it actually put back.
/// </summary>
internal static class RestoredDatabase
{
    private static readonly string[] RequiredTables = ["__EFMigrationsHistory", "AspNetUsers", "Petitions", "Visits"];

    /// <summary>Checks the staged file, applies this version's migrations to it, and returns its counts and how many migrations it needed.</summary>
    public static async Task<(BackupCounts Counts, int Migrations, bool SmtpPasswordUnreadable)> PrepareAsync(
        string file, IDataProtectionProvider protection, CancellationToken ct)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ToString();
        try
        {
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync(ct);
                var problems = await ScalarListAsync(connection, "PRAGMA integrity_check;", ct);
                if (problems is not ["ok"])
                {
                    throw new RuleException($"La base de datos del respaldo está dañada (revisión de integridad de SQLite: {string.Join("; ", problems.Take(3))}); no se restauró nada.");
                }
                var tables = await ScalarListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table';", ct);
                if (RequiredTables.FirstOrDefault(t => !tables.Contains(t)) is { } missing)
                {
                    throw new RuleException($"La base de datos del respaldo no es de Ventanilla (le falta la tabla {missing}); no se restauró nada.");
                }
                // An import that died with its indexes dropped when the copy was taken: they are built again first.
                await Import.BulkIndexes.RestorePendingAsync(connection);
            }

            await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connectionString).Options);
            var known = db.Database.GetMigrations().ToHashSet();
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            if (applied.FirstOrDefault(m => !known.Contains(m)) is { } newer)
            {
                throw new RuleException($"El respaldo es de una versión de Ventanilla más nueva que esta (tiene la migración {newer}); actualice Ventanilla antes de restaurarlo. No se restauró nada.");
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            await db.Database.MigrateAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            var counts = new BackupCounts(await db.Petitions.CountAsync(ct), await db.Visits.CountAsync(ct), await db.Attachments.CountAsync(ct), await db.Users.CountAsync(ct));
            var stored = await db.Settings.AsNoTracking().Select(s => s.SmtpPasswordProtected).FirstOrDefaultAsync(ct);
            return (counts, pending, stored is not null && !Citizen.SmtpMailer.CanRead(protection, stored));
        }
        catch (SqliteException ex)
        {
            throw new RuleException($"La base de datos del respaldo no se puede abrir como base SQLite ({ex.Message}); no se restauró nada.", ex);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<List<string>> ScalarListAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct)) values.Add(reader.GetString(0));
        return values;
    }
}
