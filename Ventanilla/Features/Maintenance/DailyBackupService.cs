using Microsoft.Extensions.Options;

namespace Ventanilla.Features.Maintenance;

/// <summary>
/// Takes one complete backup a day at the configured hour (and at start-up if today's is missing), keeping the newest
/// <see cref="BackupOptions.Keep"/> files, and copies each to <see cref="BackupOptions.CopyTo"/> (a USB disk or a network
/// folder) with the same retention, so losing the server's disk does not lose the backups with it. The backups are the
/// database's own: in its data folder by default, and named after its file and its identity
/// (<c>ventanilla-2026-12-05-3f9a1c2b.zip</c>), so two databases sharing a folder never take, prune or report each
/// other's.
/// </summary>
public sealed class DailyBackupService(
    BackupService backups, IOptions<BackupOptions> options, OfficeClock clock, TimeProvider time, IConfiguration configuration, SettingsService settings,
    ILogger<DailyBackupService> logger)
    : BackgroundService
{
    /// <summary>The names of the backups before they carried the database's identity (only the default database's).</summary>
    private const string LegacyPrefix = "ventanilla-";

    /// <summary>A backup older than this makes <c>/health</c> say «degraded»: a day was missed.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(26);

    public string Folder => Resolve(options.Value.Folder)!;

    public string? CopyFolder => Resolve(options.Value.CopyTo);

    // On PostgreSQL the server's own backups (pg_dump, base backups) take this job: see README.md.
    public bool Enabled => options.Value.Enabled && DatabaseProviders.Of(configuration) == DatabaseProvider.Sqlite;

    /// <summary>Why the last copy to the second destination failed (null once one works).</summary>
    public string? LastCopyProblem { get; private set; }

    private string? Resolve(string? folder)
        => string.IsNullOrWhiteSpace(folder) ? null : Path.GetFullPath(Path.Combine(DatabaseLocation.DataFolder(configuration), folder));

    /// <summary>The database file's name without extension: the start of its backups' names.</summary>
    private string Stem => Path.GetFileNameWithoutExtension(DatabaseLocation.FilePath(configuration) ?? "ventanilla");

    /// <summary>The first 8 digits of this database's identity: the end of its backups' names.</summary>
    private string Identity => settings.Current.DatabaseId is { Length: >= 8 } id ? id[..8] : "sin-id";

    private string NameFor(DateOnly day) => $"{Stem}-{day:yyyy-MM-dd}-{Identity}.zip";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "No se pudo hacer el respaldo diario en {Folder}", Folder);
            }
            var now = clock.Now();
            var next = now.Date.AddDays(now.Hour >= options.Value.Hour ? 1 : 0).AddHours(options.Value.Hour);
            await Task.Delay(next - now.DateTime, time, stoppingToken);
        }
    }

    /// <summary>Backs up today's copy if it does not exist yet, copies it, then prunes old ones. Returns the file written, if any.</summary>
    public async Task<string?> RunOnceAsync(CancellationToken ct = default)
    {
        var name = NameFor(clock.Today());
        var file = Path.Combine(Folder, name);
        string? written = null;
        if (!File.Exists(file))
        {
            var result = await backups.BackupAsync(file, ct);
            logger.LogInformation("Respaldo diario escrito en {File} ({Bytes} bytes)", file, result.Bytes);
            written = file;
        }
        Prune(Folder);
        if (CopyFolder is { } copies) await CopyAsync(file, copies, name, ct);
        return written;
    }

    /// <summary>
    /// When this database's newest backup was written, if there is any: a file of its name whose manifest says it is of
    /// this database (one from before backups carried the identity is believed on its name).
    /// </summary>
    public DateTime? LastBackupUtc()
    {
        if (!Directory.Exists(Folder)) return null;
        var mine = settings.Current.DatabaseId;
        return Backups(Folder).Select(f => (File: f, Written: File.GetLastWriteTimeUtc(f))).OrderByDescending(b => b.Written)
            .Where(b => !b.File.EndsWith(".zip", StringComparison.Ordinal) || BackupManifest.ReadFrom(b.File) is { } m && (m.DatabaseId is null || m.DatabaseId == mine))
            .Select(b => (DateTime?)b.Written).FirstOrDefault();
    }

    private async Task CopyAsync(string file, string folder, string name, CancellationToken ct)
    {
        var target = Path.Combine(folder, name);
        try
        {
            Directory.CreateDirectory(folder);
            if (!File.Exists(target))
            {
                // Copied under a temporary name and renamed: an unplugged disk never holds a half backup by the right name.
                var partial = target + ".parcial";
                await using (var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
                await using (var copy = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    await source.CopyToAsync(copy, ct);
                    copy.Flush(flushToDisk: true);
                }
                File.Move(partial, target, overwrite: true);
                logger.LogInformation("Respaldo copiado a {Target}", target);
            }
            Prune(folder);
            LastCopyProblem = null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LastCopyProblem = $"No se pudo copiar el respaldo a {folder}: {ex.Message}";
            logger.LogError(ex, "No se pudo copiar el respaldo a {Folder}", folder);
        }
    }

    /// <summary>The yyyy-MM-dd in a backup's name (old and new names sort together by it).</summary>
    private static string DateOf(string file) => System.Text.RegularExpressions.Regex.Match(Path.GetFileName(file), @"\d{4}-\d{2}-\d{2}").Value;

    private void Prune(string folder)
    {
        foreach (var old in Backups(folder).OrderByDescending(DateOf, StringComparer.Ordinal).Skip(Math.Max(1, options.Value.Keep)))
        {
            File.Delete(old);
        }
    }

    /// <summary>
    /// This database's daily backups in a folder; for the default database also those named before backups carried the
    /// identity (complete ones, ZIP, and those of earlier versions, one .db file). Oldest name first is oldest date.
    /// </summary>
    private IEnumerable<string> Backups(string folder)
    {
        var mine = Directory.EnumerateFiles(folder, $"{Stem}-????-??-??-{Identity}.zip");
        if (Stem != "ventanilla") return mine;
        return mine.Concat(Directory.EnumerateFiles(folder, $"{LegacyPrefix}????-??-??.zip")).Concat(Directory.EnumerateFiles(folder, $"{LegacyPrefix}*.db"));
    }
}
