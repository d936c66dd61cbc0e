using Microsoft.Data.Sqlite;

namespace Ventanilla.Features.Admin;

public sealed class BackupOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Folder of the automatic backups; relative paths are taken from the data base folder.</summary>
    public string Folder { get; set; } = "data/backups";
    /// <summary>How many daily backups to keep.</summary>
    public int Keep { get; set; } = 14;
    /// <summary>Local hour of the day at which the daily backup runs.</summary>
    public int Hour { get; set; } = 2;
}

/// <summary>
/// Online, consistent copies of the database with SQLite's backup API: the app keeps serving while it
/// runs, and the copy is a complete database that opens on its own.
/// </summary>
public sealed class BackupService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<BackupResult> BackupAsync(string targetFile, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(targetFile);
        if (File.Exists(target))
        {
            throw new RuleException($"El archivo '{target}' ya existe; elija otro nombre para no sobrescribir un respaldo.");
        }
        var folder = Path.GetDirectoryName(target)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuleException($"No se puede crear la carpeta '{folder}': {ex.Message}");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = (SqliteConnection)db.Database.GetDbConnection();
        await source.OpenAsync(ct);
        // Written beside the target and renamed at the end, so a failed backup never leaves a half file.
        var partial = target + ".parcial";
        try
        {
            await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await destination.OpenAsync(ct);
                source.BackupDatabase(destination);
                await using var journal = destination.CreateCommand();
                // A backup is a single file: no -wal beside it.
                journal.CommandText = "PRAGMA journal_mode=DELETE;";
                await journal.ExecuteNonQueryAsync(ct);
            }
            File.Move(partial, target);
        }
        catch (SqliteException ex)
        {
            File.Delete(partial);
            throw new RuleException($"No se pudo escribir el respaldo en '{target}': {ex.Message}");
        }
        return new BackupResult(target, new FileInfo(target).Length);
    }
}

public sealed record BackupResult(string File, long Bytes);
