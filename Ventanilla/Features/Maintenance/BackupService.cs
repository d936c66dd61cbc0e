using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Ventanilla.Features.Expediente;

namespace Ventanilla.Features.Maintenance;

public sealed class BackupOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Folder of the automatic backups; a relative path is taken from the database's own data folder.</summary>
    public string Folder { get; set; } = "backups";
    /// <summary>How many daily backups to keep.</summary>
    public int Keep { get; set; } = 14;
    /// <summary>Local hour of the day at which the daily backup runs.</summary>
    public int Hour { get; set; } = 2;
    /// <summary>A second destination for each daily backup (a USB disk or a network folder), with the same retention; empty: none.</summary>
    public string? CopyTo { get; set; }
}

public sealed record BackupResult(string File, long Bytes, BackupCounts Counts, long AttachmentBytes);

/// <summary>
/// A complete backup in one ZIP file: an online, consistent copy of the database (SQLite's backup API: the app keeps
/// serving while it runs), every document the copy refers to, and a manifest with the SHA-256 of each. Documents are
/// never changed once stored and a row is written only after its file is in place, so the copy and the files agree
/// however busy the office is. Everything is streamed (the memory used does not grow with the expediente) and written
/// under a temporary name, renamed only when complete: a failed backup leaves no half file.
/// </summary>
public sealed class BackupService(IDbContextFactory<AppDbContext> dbFactory, AttachmentStore store, TimeProvider time, IConfiguration configuration)
{
    public async Task<BackupResult> BackupAsync(string targetFile, CancellationToken ct = default)
    {
        if (DatabaseProviders.Of(configuration) == DatabaseProvider.PostgreSql)
        {
            throw new RuleException("Con PostgreSQL el respaldo es del servidor (pg_dump) más la carpeta de datos; vea README.md, «Varias oficinas».");
        }
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

        var snapshot = target + ".base.parcial";
        var partial = target + ".parcial";
        try
        {
            await SnapshotAsync(snapshot, ct);
            var (documents, counts, databaseId) = await ReadSnapshotAsync(snapshot, ct);
            BackupEntry database;
            var attachments = new List<BackupEntry>();
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                {
                    database = await AddAsync(zip, BackupManifest.DatabaseEntry, snapshot, CompressionLevel.Fastest, ct);
                    foreach (var sha in documents)
                    {
                        if (!store.Exists(sha)) throw new RuleException($"Falta en el disco el documento {sha} del expediente; no se puede hacer un respaldo completo.");
                        var entry = await AddAsync(zip, BackupManifest.AttachmentsPrefix + sha, store.PathOf(sha), CompressionLevel.NoCompression, ct);
                        if (entry.Sha256 != sha)
                        {
                            throw new RuleException($"El documento {sha} del expediente está dañado en el disco (su contenido ya no corresponde); restáurelo de un respaldo anterior.");
                        }
                        attachments.Add(entry);
                    }
                    var manifest = new BackupManifest(BackupManifest.CurrentFormat, time.GetUtcNow().UtcDateTime, database, attachments, counts, databaseId);
                    await using var stream = await zip.CreateEntry(BackupManifest.EntryName, CompressionLevel.Fastest).OpenAsync(ct);
                    await JsonSerializer.SerializeAsync(stream, manifest, BackupManifest.Json, ct);
                }
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            File.Move(partial, target);
            // Stamped with the app's clock: /health measures the backup's age with that same clock.
            File.SetLastWriteTimeUtc(target, time.GetUtcNow().UtcDateTime);
            return new BackupResult(target, new FileInfo(target).Length, counts, attachments.Sum(a => a.Bytes));
        }
        catch (Exception ex) when (ex is IOException or SqliteException or UnauthorizedAccessException)
        {
            throw new RuleException($"No se pudo escribir el respaldo en '{target}': {ex.Message}");
        }
        finally
        {
            TryDelete(snapshot);
            TryDelete(partial);
        }
    }

    /// <summary>The database as it is this instant, as one file (no -wal beside it).</summary>
    private async Task SnapshotAsync(string path, CancellationToken ct)
    {
        // SQLite answers «database is locked» for the instant another connection restarts the write-ahead log after a
        // checkpoint: the copy is tried again a moment later, not given up while the kiosk and the desks keep writing.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CopyDatabaseAsync(path, ct);
                return;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6 && attempt < SnapshotAttempts)
            {
                TryDelete(path);
                // A pause of the machine, not of the office's clock (which tests hold still).
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
            }
        }
    }

    private const int SnapshotAttempts = 5;

    private async Task CopyDatabaseAsync(string path, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = (SqliteConnection)db.Database.GetDbConnection();
        await source.OpenAsync(ct);
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await destination.OpenAsync(ct);
        source.BackupDatabase(destination);
        await using var journal = destination.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode=DELETE;";
        await journal.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The documents the copy refers to (each stored once, whatever rows share it), what it holds, and whose it is.</summary>
    private static async Task<(List<string> Documents, BackupCounts Counts, string? DatabaseId)> ReadSnapshotAsync(string path, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync(ct);
        var documents = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            // Erased documents' files are gone for good (personal-data law): their rows stay, their bytes are not copied.
            command.CommandText = """SELECT DISTINCT "Sha256" FROM "Attachments" WHERE "ErasedAtUtc" IS NULL ORDER BY "Sha256";""";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) documents.Add(reader.GetString(0));
        }
        async Task<int> CountAsync(string table)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT COUNT(*) FROM "{table}";""";
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct));
        }
        string? databaseId;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """SELECT "DatabaseId" FROM "Settings" LIMIT 1;""";
            databaseId = await command.ExecuteScalarAsync(ct) as string;
        }
        return (documents, new BackupCounts(await CountAsync("Petitions"), await CountAsync("Visits"), await CountAsync("Attachments"), await CountAsync("AspNetUsers")),
            databaseId);
    }

    /// <summary>Copies a file into the ZIP, hashing it on the way.</summary>
    private static async Task<BackupEntry> AddAsync(ZipArchive zip, string name, string path, CompressionLevel level, CancellationToken ct)
    {
        await using var target = await zip.CreateEntry(name, level).OpenAsync(ct);
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var (sha, bytes) = await HashingCopy.CopyAsync(source, target, ct);
        return new BackupEntry(name, sha, bytes);
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the administrator; it never has the final name.
        }
    }
}
