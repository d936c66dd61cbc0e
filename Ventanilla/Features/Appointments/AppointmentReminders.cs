namespace Ventanilla.Features.Appointments;

/// <summary>
/// The reminder the day before: every ten minutes, each booking of tomorrow with an e-mail and no reminder yet gets one
/// in the mail outbox (<see cref="AppointmentNotices.Remind"/>), in one transaction with the mark that it was sent. The
/// mark is saved with the booking's version, so two app instances never remind the same booking twice; a booking moved
/// after its reminder gets a new one for its new day.
/// </summary>
public sealed class AppointmentReminders(
    IDbContextFactory<AppDbContext> dbFactory, AppointmentNotices notices, OfficeClock office, LiveUpdates live, TimeProvider time,
    ILogger<AppointmentReminders> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    /// <summary>Queues the reminders due now; returns how many.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        if (!notices.Enabled) return 0;
        var tomorrow = office.Today().AddDays(1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.Appointments.AsNoTracking()
            .Where(a => a.Status == AppointmentStatus.Booked && a.Day == tomorrow && a.Email != null && a.ReminderSentAtUtc == null)
            .Select(a => a.Id).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            await using var one = await dbFactory.CreateDbContextAsync(ct);
            var appointment = await one.Appointments.Include(a => a.ServiceCategory).Include(a => a.Office).SingleAsync(a => a.Id == id, ct);
            // Checked again: it may have been cancelled, moved or reminded a moment ago.
            if (appointment.Status != AppointmentStatus.Booked || appointment.Day != tomorrow || appointment.ReminderSentAtUtc is not null) continue;
            appointment.ReminderSentAtUtc = office.UtcNow();
            notices.Remind(one, appointment, appointment.ServiceCategory!.Name, appointment.Office!.Name);
            try
            {
                await one.SaveChangesAsync(ct);
                sent++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another instance reminded it (or the citizen changed it) first.
            }
        }
        if (sent > 0) live.Publish(LiveTopic.Notices);
        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                var sent = await SendDueAsync(stoppingToken);
                if (sent > 0) logger.LogInformation("Recordatorios de cita en cola: {Count}", sent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "No se pudieron poner en cola los recordatorios de cita; se reintentará.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
