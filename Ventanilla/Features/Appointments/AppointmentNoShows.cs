namespace Ventanilla.Features.Appointments;

/// <summary>
/// Every minute, the bookings whose check-in window has closed without a check-in become no-shows: one conditional
/// update, so two app instances (or a start after a night off, which finds days of them) mark each one once. The
/// queue's estimates stop counting them at the same moment.
/// </summary>
public sealed class AppointmentNoShows(
    IDbContextFactory<AppDbContext> dbFactory, SettingsService settings, OfficeClock office, LiveUpdates live, TimeProvider time,
    ILogger<AppointmentNoShows> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    /// <summary>Marks the bookings due now; returns how many.</summary>
    public async Task<int> MarkDueAsync(CancellationToken ct = default)
    {
        var closedBefore = office.UtcNow().AddMinutes(-settings.Current.CheckInLateMinutes);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var marked = await db.Appointments.Where(a => a.Status == AppointmentStatus.Booked && a.StartUtc < closedBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AppointmentStatus.NoShow).SetProperty(a => a.Version, a => a.Version + 1), ct);
        if (marked > 0) live.Publish(LiveTopic.Appointments | LiveTopic.Queue);
        return marked;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                var marked = await MarkDueAsync(stoppingToken);
                if (marked > 0) logger.LogInformation("Citas sin registrarse a tiempo marcadas como ausentes: {Count}", marked);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "No se pudieron marcar las citas ausentes; se reintentará.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
