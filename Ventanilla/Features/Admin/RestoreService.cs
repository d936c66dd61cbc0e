using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Ventanilla.Features.Expediente;

namespace Ventanilla.Features.Admin;

/// <summary>What a restore put back, and where the database it replaced was kept.</summary>
public sealed record RestoreResult(DateTime BackupTakenAtUtc, BackupCounts Counts, long AttachmentBytes, string? PreviousKeptIn, int MigrationsApplied);

/// <summary>
/// Puts a complete backup (<see cref="BackupService"/>) back: refuses while the web app runs on the database; reads
/// the manifest and unpacks every file into a folder of its own, checking each against its SHA-256 before anything in
/// use is touched; then moves the current database and documents aside (never deletes them), moves the backup's into
/// place, and applies the migrations a newer version of the app needs. Paths come only from the manifest's hashes,
/// checked to be hashes: an entry's name never reaches the file system.
/// </summary>
public sealed class RestoreService(IConfiguration configuration, AttachmentStore store, TimeProvider time, IServiceProvider services)
{
    public async Task<RestoreResult> RestoreAsync(string backupFile, CancellationToken ct = default)
    {
        var source = Path.GetFullPath(backupFile);
        if (!File.Exists(source)) throw new RuleException($"No existe el archivo de respaldo '{source}'.");
        if (DatabaseProviders.Of(configuration) == DatabaseProvider.PostgreSql)
        {
            throw new RuleException("Con PostgreSQL los respaldos y su restauración son del servidor (pg_dump / pg_restore); vea README.md, «Varias oficinas».");
        }
        var database = DatabaseLocation.FilePath(configuration)
            ?? throw new RuleException("La base de datos configurada está en memoria; no hay nada que restaurar.");
        using var held = InstanceLock.TryAcquire(database)
            ?? throw new RuleException($"Ventanilla está en marcha con la base {database}. Deténgala (o detenga su servicio) antes de restaurar.");

        var dataFolder = Path.GetDirectoryName(database)!;
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss");
        var staging = Path.Combine(dataFolder, $"restaurando-{stamp}");
        BackupManifest manifest;
        try
        {
            manifest = await UnpackAsync(source, staging, ct);
        }
        catch
        {
            TryDeleteFolder(staging);
            throw;
        }

        // Everything checked: now, and only now, the files in use change. Pooled connections would keep the old file open.
        SqliteConnection.ClearAllPools();
        var aside = Path.Combine(dataFolder, $"antes-de-restaurar-{stamp}");
        var keptSomething = false;
        Directory.CreateDirectory(aside);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(database + suffix))
            {
                File.Move(database + suffix, Path.Combine(aside, Path.GetFileName(database) + suffix));
                keptSomething = true;
            }
        }
        if (Directory.Exists(store.Root))
        {
            Directory.Move(store.Root, Path.Combine(aside, AttachmentStore.FolderName));
            keptSomething = true;
        }
        File.Move(Path.Combine(staging, BackupManifest.DatabaseEntry), database);
        Directory.Move(Path.Combine(staging, AttachmentStore.FolderName), store.Root);
        TryDeleteFolder(staging);
        if (!keptSomething) TryDeleteFolder(aside);

        // A backup taken by an earlier version: its schema is brought up to date like at any start-up.
        await using var scope = services.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        int pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct)) pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
        await DatabaseInitializer.InitializeAsync(scope.ServiceProvider, ct);
        SqliteConnection.ClearAllPools();
        return new RestoreResult(manifest.CreatedAtUtc, manifest.Counts, manifest.Attachments.Sum(a => a.Bytes), keptSomething ? aside : null, pending);
    }

    /// <summary>Unpacks and checks every file of the backup into <paramref name="staging"/>; a missing or damaged one stops it.</summary>
    private static async Task<BackupManifest> UnpackAsync(string source, string staging, CancellationToken ct)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new RuleException($"'{source}' no es un respaldo de Ventanilla (no es un archivo ZIP).");
        }
        using (zip)
        {
            var manifestEntry = zip.GetEntry(BackupManifest.EntryName)
                ?? throw new RuleException($"'{source}' no es un respaldo completo de Ventanilla: le falta {BackupManifest.EntryName}.");
            BackupManifest manifest;
            try
            {
                await using var stream = await manifestEntry.OpenAsync(ct);
                manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, BackupManifest.Json, ct)
                    ?? throw new RuleException("El manifiesto del respaldo está vacío.");
            }
            catch (JsonException)
            {
                throw new RuleException("El manifiesto del respaldo está dañado.");
            }
            if (manifest.Format != BackupManifest.CurrentFormat)
            {
                throw new RuleException($"El respaldo tiene el formato {manifest.Format}; esta versión de Ventanilla lee el {BackupManifest.CurrentFormat}.");
            }

            Directory.CreateDirectory(staging);
            await ExtractAsync(zip, manifest.Database, BackupManifest.DatabaseEntry, Path.Combine(staging, BackupManifest.DatabaseEntry), ct);
            var documents = Path.Combine(staging, AttachmentStore.FolderName);
            Directory.CreateDirectory(documents);
            foreach (var entry in manifest.Attachments)
            {
                var sha = entry.Sha256;
                if (sha.Length != 64 || !sha.All(char.IsAsciiHexDigitLower) || entry.Name != BackupManifest.AttachmentsPrefix + sha)
                {
                    throw new RuleException($"El manifiesto del respaldo nombra un documento no válido («{entry.Name}»).");
                }
                Directory.CreateDirectory(Path.Combine(documents, sha[..2]));
                await ExtractAsync(zip, entry, entry.Name, Path.Combine(documents, sha[..2], sha), ct);
            }
            return manifest;
        }
    }

    private static async Task ExtractAsync(ZipArchive zip, BackupEntry expected, string name, string target, CancellationToken ct)
    {
        var entry = zip.GetEntry(name) ?? throw new RuleException($"Al respaldo le falta {name}; no se restauró nada.");
        string sha;
        long total;
        await using (var input = await entry.OpenAsync(ct))
        await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            try
            {
                (sha, total) = await HashingCopy.CopyAsync(input, output, ct);
            }
            catch (InvalidDataException)
            {
                throw new RuleException($"{name} está dañado dentro del respaldo; no se restauró nada.");
            }
        }
        if (total != expected.Bytes || sha != expected.Sha256)
        {
            throw new RuleException($"{name} no coincide con el manifiesto del respaldo (está dañado o fue cambiado); no se restauró nada.");
        }
    }

    private static void TryDeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left beside the data for the administrator to remove.
        }
    }
}
