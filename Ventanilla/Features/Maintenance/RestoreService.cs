using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Ventanilla.Features.Expediente;

namespace Ventanilla.Features.Maintenance;

/// <summary>What a restore put back (counted in the restored database), and where the database it replaced was kept.</summary>
public sealed record RestoreResult(
    DateTime BackupTakenAtUtc, BackupCounts Counts, long AttachmentBytes, string? PreviousKeptIn, int MigrationsApplied, bool SmtpPasswordUnreadable);

/// <summary>
/// Puts a complete backup (<see cref="BackupService"/>) back: refuses while the web app runs on the database; reads
/// the manifest, checks there is room, and unpacks every file into a folder of its own, reading no entry past the size
/// the manifest gives and checking each against its SHA-256; opens the unpacked database there, checks it and brings
/// its schema up to date (<see cref="RestoredDatabase"/>). Only then are the current database and documents moved
/// aside (never deleted) and the backup's moved into place; if a move fails, the ones made are undone, so the office is
/// either restored or exactly as it was. Paths come only from the manifest's hashes, checked to be hashes: an entry's
/// name never reaches the file system. The hashes detect damage, not a consistently edited backup (see README).
/// </summary>
public sealed class RestoreService(IConfiguration configuration, AttachmentStore store, TimeProvider time, IDataProtectionProvider protection)
{
    /// <summary>Room kept free beyond the unpacked size, for the migrations and SQLite's journal.</summary>
    private const long SpareBytes = 64L * 1024 * 1024;

    private const long MaxManifestBytes = 64L * 1024 * 1024;

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
        (BackupCounts Counts, int Migrations, bool SmtpPasswordUnreadable) restored;
        try
        {
            manifest = await UnpackAsync(source, staging, dataFolder, ct);
            restored = await RestoredDatabase.PrepareAsync(Path.Combine(staging, BackupManifest.DatabaseEntry), protection, ct);
        }
        catch (Exception ex) when (ex is IOException && Faults.StorageCode(ex) == 13)
        {
            TryDeleteFolder(staging);
            throw new RuleException($"El disco de {dataFolder} se llenó al desempacar el respaldo; libere espacio. No se restauró nada.", ex);
        }
        catch
        {
            TryDeleteFolder(staging);
            throw;
        }

        // Everything checked: now, and only now, the files in use change. Pooled connections would keep the old file open.
        SqliteConnection.ClearAllPools();
        var aside = Path.Combine(dataFolder, $"antes-de-restaurar-{stamp}");
        var moves = new Moves();
        try
        {
            Directory.CreateDirectory(aside);
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(database + suffix)) moves.File(database + suffix, Path.Combine(aside, Path.GetFileName(database) + suffix));
            }
            if (Directory.Exists(store.Root)) moves.Folder(store.Root, Path.Combine(aside, AttachmentStore.FolderName));
            var keptSomething = moves.Count > 0;
            moves.File(Path.Combine(staging, BackupManifest.DatabaseEntry), database);
            moves.Folder(Path.Combine(staging, AttachmentStore.FolderName), store.Root);
            TryDeleteFolder(staging);
            if (!keptSomething) TryDeleteFolder(aside);
            return new RestoreResult(manifest.CreatedAtUtc, restored.Counts, manifest.Attachments.Sum(a => a.Bytes), keptSomething ? aside : null,
                restored.Migrations, restored.SmtpPasswordUnreadable);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            moves.Undo();
            TryDeleteFolder(staging);
            TryDeleteFolder(aside);
            throw new RuleException($"No se pudo poner el respaldo en su lugar ({ex.Message}); se dejó todo como estaba.", ex);
        }
    }

    /// <summary>The moves of the swap, so that a failure halfway puts back the ones made, last first.</summary>
    private sealed class Moves
    {
        private readonly List<(string From, string To, bool IsFolder)> _done = [];

        public int Count => _done.Count;

        public void File(string from, string to)
        {
            System.IO.File.Move(from, to);
            _done.Add((from, to, false));
        }

        public void Folder(string from, string to)
        {
            Directory.Move(from, to);
            _done.Add((from, to, true));
        }

        public void Undo()
        {
            for (var i = _done.Count - 1; i >= 0; i--)
            {
                var (from, to, isFolder) = _done[i];
                if (isFolder) Directory.Move(to, from);
                else System.IO.File.Move(to, from);
            }
        }
    }

    /// <summary>Unpacks and checks every file of the backup into <paramref name="staging"/>; a missing or damaged one stops it.</summary>
    private static async Task<BackupManifest> UnpackAsync(string source, string staging, string dataFolder, CancellationToken ct)
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
                // Read with a ceiling too (a manifest lists ~150 bytes per document: 64 MB is several hundred thousand).
                using var json = new MemoryStream();
                await using (var stream = await manifestEntry.OpenAsync(ct))
                {
                    if ((await HashingCopy.CopyAsync(stream, json, ct, limit: MaxManifestBytes + 1)).Bytes > MaxManifestBytes) throw new JsonException();
                }
                json.Position = 0;
                manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(json, BackupManifest.Json, ct)
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

            EnsureRoom(manifest, dataFolder);
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
                // One byte past the manifest's size is enough to know it does not match: a small ZIP whose entry
                // inflates to gigabytes stops there instead of filling the disk.
                (sha, total) = await HashingCopy.CopyAsync(input, output, ct, limit: expected.Bytes + 1);
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

    /// <summary>Refuses before unpacking when the data folder's disk cannot hold what the manifest says the backup holds.</summary>
    private static void EnsureRoom(BackupManifest manifest, string dataFolder)
    {
        if (manifest.Database.Bytes < 0 || manifest.Attachments.Any(a => a.Bytes < 0)) throw new RuleException("El manifiesto del respaldo está dañado (un tamaño negativo).");
        var needed = manifest.Database.Bytes + manifest.Attachments.Sum(a => a.Bytes) + SpareBytes;
        Directory.CreateDirectory(dataFolder);
        // On Linux a DriveInfo of any path reports the file system that holds it (a mounted data disk, say).
        var free = new DriveInfo(Path.GetFullPath(dataFolder)).AvailableFreeSpace;
        if (free < needed)
        {
            throw new RuleException($"No hay espacio para restaurar: el respaldo ocupa {Megabytes(needed - SpareBytes)} desempacado (más {Megabytes(SpareBytes)} de margen) " +
                $"y en el disco de {dataFolder} quedan {Megabytes(free)}. Libere espacio; no se restauró nada.");
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024d / 1024d:N0} MB";

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
