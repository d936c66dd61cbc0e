using Ventanilla.Features.Import;

namespace Ventanilla.Features.Server;

/// <summary>
/// Prepares the database before the server listens, and on a fresh installation prints the one-time
/// setup code on the console for whoever installs it.
/// </summary>
public sealed class DatabaseStartupService(
    IServiceProvider services, SettingsService settings, UserService users, SetupCode setupCode, ImportRecovery recovery, ImportUploads uploads, Features.Expediente.AttachmentStore attachments, ILogger<DatabaseStartupService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DatabaseInitializer.InitializeAsync(services, cancellationToken);
        await settings.ReloadAsync(cancellationToken);
        try
        {
            var abandoned = await recovery.RecoverAsync(cancellationToken);
            if (abandoned > 0) logger.LogWarning("Se retiraron {Count} importaciones que quedaron a medias.", abandoned);
        }
        catch (RuleException ex)
        {
            // An import is running in another process (the CLI): it finishes or rolls back by itself.
            logger.LogInformation("{Message}", ex.Message);
        }
        try
        {
            if (await services.GetRequiredService<Padron.PadronImporter>().RecoverAsync(cancellationToken) > 0)
            {
                logger.LogWarning("Se retiró una importación del padrón que quedó a medias; sigue en uso el padrón anterior.");
            }
        }
        catch (RuleException ex)
        {
            logger.LogInformation("{Message}", ex.Message);
        }
        await using (var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            if (await Features.Citizen.PublicCodeBackfill.FillMissingAsync(db, cancellationToken) is var coded and > 0)
            {
                logger.LogInformation("Se dio código de consulta a {Count} peticiones registradas antes de la consulta pública.", coded);
            }
        }
        // Uploads and half-written documents of a process that stopped (a crash, a restart) will never be used; those of
        // another instance sharing the data folder are still being written or reviewed, and stay (TemporaryFiles).
        if (uploads.Sweep(TemporaryFiles.SafeAge) + attachments.SweepTemporary() is var swept and > 0)
        {
            logger.LogInformation("Se borraron {Count} archivos temporales que quedaron de antes.", swept);
        }
        if (!await users.HasAdministratorAsync(cancellationToken))
        {
            Console.WriteLine(SetupCode.Banner(setupCode.Issue()));
            // Too many wrong codes replace it: the new one is shown where the first one was.
            setupCode.Replaced += code =>
            {
                Console.WriteLine(SetupCode.Banner(code));
                logger.LogWarning("Demasiados códigos de configuración equivocados: se emitió uno nuevo.");
            };
            logger.LogWarning("Instalación sin administrador: código de configuración emitido.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
