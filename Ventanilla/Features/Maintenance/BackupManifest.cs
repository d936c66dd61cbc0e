using System.Text.Json;

namespace Ventanilla.Features.Maintenance;

/// <summary>A file inside a backup, with the SHA-256 its bytes must have.</summary>
public sealed record BackupEntry(string Name, string Sha256, long Bytes);

/// <summary>What a backup holds, counted when it was taken (the restore prints them).</summary>
public sealed record BackupCounts(int Petitions, int Visits, int Attachments, int Users);

/// <summary>
/// The last entry of every backup (<c>manifiesto.json</c>): the format, when it was taken, and every file in it with its
/// hash, so a restore can prove, before touching anything, that nothing is missing or damaged; and which database it is
/// of (<see cref="AppSettings.DatabaseId"/>; null in backups made before databases had one).
/// </summary>
public sealed record BackupManifest(
    int Format, DateTime CreatedAtUtc, BackupEntry Database, IReadOnlyList<BackupEntry> Attachments, BackupCounts Counts, string? DatabaseId = null)
{
    public const int CurrentFormat = 1;
    public const string EntryName = "manifiesto.json";
    public const string DatabaseEntry = "ventanilla.db";
    public const string AttachmentsPrefix = "adjuntos/";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The manifest of a backup file, or null when it is not a readable backup (a half-copied file, another ZIP).</summary>
    public static BackupManifest? ReadFrom(string backupFile)
    {
        try
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(backupFile);
            if (zip.GetEntry(EntryName) is not { Length: < 64L * 1024 * 1024 } entry) return null;
            using var stream = entry.Open();
            return JsonSerializer.Deserialize<BackupManifest>(stream, Json);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
