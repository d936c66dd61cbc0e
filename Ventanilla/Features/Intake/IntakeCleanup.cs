namespace Ventanilla.Features.Intake;

/// <summary>
/// Removes online requests nobody confirmed within a day, with their files (and any draft file a crash left unnamed),
/// at start-up and every hour. Running on several instances at once removes nothing twice.
/// </summary>
public sealed class IntakeCleanup(OnlineIntake intake, TimeProvider time, ILogger<IntakeCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                var removed = await intake.RemoveExpiredAsync(stoppingToken);
                if (removed > 0) logger.LogInformation("Solicitudes en línea sin confirmar borradas: {Count}", removed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Another instance removed them first, or the database is busy: the next hour tries again.
                logger.LogWarning(ex, "No se pudieron borrar las solicitudes en línea vencidas; se reintentará.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
