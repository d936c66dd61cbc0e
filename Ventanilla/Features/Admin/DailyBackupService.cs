using Microsoft.Extensions.Options;

namespace Ventanilla.Features.Admin;

/// <summary>
/// Takes one backup a day at the configured hour (and at start-up if today's is missing), keeping the
/// newest <see cref="BackupOptions.Keep"/> files.
/// </summary>
public sealed class DailyBackupService(
    BackupService backups, IOptions<BackupOptions> options, OfficeClock clock, TimeProvider time, ILogger<DailyBackupService> logger)
    : BackgroundService
{
    private const string Prefix = "ventanilla-";

    public string Folder => Path.GetFullPath(Path.Combine(DatabaseLocation.BaseFolder(), options.Value.Folder));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
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

    /// <summary>Backs up today's copy if it does not exist yet, then prunes old ones. Returns the file written, if any.</summary>
    public async Task<string?> RunOnceAsync(CancellationToken ct = default)
    {
        var file = Path.Combine(Folder, $"{Prefix}{clock.Today():yyyy-MM-dd}.db");
        string? written = null;
        if (!File.Exists(file))
        {
            await backups.BackupAsync(file, ct);
            logger.LogInformation("Respaldo diario escrito en {File}", file);
            written = file;
        }
        foreach (var old in Directory.GetFiles(Folder, $"{Prefix}*.db").OrderDescending().Skip(Math.Max(1, options.Value.Keep)))
        {
            File.Delete(old);
        }
        return written;
    }
}
