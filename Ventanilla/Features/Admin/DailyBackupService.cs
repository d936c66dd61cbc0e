using Microsoft.Extensions.Options;

namespace Ventanilla.Features.Admin;

/// <summary>
/// Takes one complete backup a day at the configured hour (and at start-up if today's is missing), keeping the newest
/// <see cref="BackupOptions.Keep"/> files, and copies each to <see cref="BackupOptions.CopyTo"/> (a USB disk or a network
/// folder) with the same retention, so losing the server's disk does not lose the backups with it.
/// </summary>
public sealed class DailyBackupService(
    BackupService backups, IOptions<BackupOptions> options, OfficeClock clock, TimeProvider time, IConfiguration configuration, ILogger<DailyBackupService> logger)
    : BackgroundService
{
    private const string Prefix = "ventanilla-";

    /// <summary>A backup older than this makes <c>/health</c> say «degraded»: a day was missed.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(26);

    public string Folder => Resolve(options.Value.Folder)!;

    public string? CopyFolder => Resolve(options.Value.CopyTo);

    // On PostgreSQL the server's own backups (pg_dump, base backups) take this job: see README.md.
    public bool Enabled => options.Value.Enabled && DatabaseProviders.Of(configuration) == DatabaseProvider.Sqlite;

    /// <summary>Why the last copy to the second destination failed (null once one works).</summary>
    public string? LastCopyProblem { get; private set; }

    private static string? Resolve(string? folder)
        => string.IsNullOrWhiteSpace(folder) ? null : Path.GetFullPath(Path.Combine(DatabaseLocation.BaseFolder(), folder));

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
        var name = $"{Prefix}{clock.Today():yyyy-MM-dd}.zip";
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

    /// <summary>When the newest backup in the folder was written, if there is any.</summary>
    public DateTime? LastBackupUtc()
        => Directory.Exists(Folder)
            ? Backups(Folder).Select(f => (DateTime?)File.GetLastWriteTimeUtc(f)).Max()
            : null;

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

    private void Prune(string folder)
    {
        foreach (var old in Backups(folder).OrderByDescending(Path.GetFileName, StringComparer.Ordinal).Skip(Math.Max(1, options.Value.Keep)))
        {
            File.Delete(old);
        }
    }

    /// <summary>The daily backups of a folder, complete ones (ZIP) and those of earlier versions (one .db file).</summary>
    private static IEnumerable<string> Backups(string folder)
        => Directory.EnumerateFiles(folder, $"{Prefix}*.zip").Concat(Directory.EnumerateFiles(folder, $"{Prefix}*.db"));
}
