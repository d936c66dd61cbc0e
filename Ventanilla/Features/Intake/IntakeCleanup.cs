namespace Ventanilla.Features.Intake;

/// <summary>
/// Removes online requests nobody confirmed within a day, with their files (and any draft file a crash left unnamed),
/// at start-up and every hour. Running on several instances at once removes nothing twice.
/// </summary>
public sealed class IntakeCleanup(OnlineIntake intake, TimeProvider time, ILogger<IntakeCleanup> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Every => TimeSpan.FromHours(1);
    protected override string DoneMessage => "Solicitudes en línea sin confirmar borradas";
    // Another instance removed them first, or the database is busy: the next hour tries again.
    protected override string FailedMessage => "No se pudieron borrar las solicitudes en línea vencidas; se reintentará.";
    protected override Task<int> RunOnceAsync(CancellationToken ct) => intake.RemoveExpiredAsync(ct);
}
