using System.Text.Json;

namespace Ventanilla.Features.Admin;

/// <summary>A file inside a backup, with the SHA-256 its bytes must have.</summary>
public sealed record BackupEntry(string Name, string Sha256, long Bytes);

/// <summary>What a backup holds, counted when it was taken (the restore prints them).</summary>
public sealed record BackupCounts(int Petitions, int Visits, int Attachments, int Users);

/// <summary>
/// The last entry of every backup (<c>manifiesto.json</c>): the format, when it was taken, and every file in it with its
/// hash, so a restore can prove, before touching anything, that nothing is missing or damaged.
/// </summary>
public sealed record BackupManifest(int Format, DateTime CreatedAtUtc, BackupEntry Database, IReadOnlyList<BackupEntry> Attachments, BackupCounts Counts)
{
    public const int CurrentFormat = 1;
    public const string EntryName = "manifiesto.json";
    public const string DatabaseEntry = "ventanilla.db";
    public const string AttachmentsPrefix = "adjuntos/";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
