using Ventanilla.Features.Admin;
using Ventanilla.Features.Import;
using Ventanilla.Features.Shared;

namespace Ventanilla.Data;

/// <summary>
/// Prepares the database before the server listens, and on a fresh installation prints the one-time
/// setup code on the console for whoever installs it.
/// </summary>
public sealed class DatabaseStartupService(
    IServiceProvider services, SettingsService settings, UserService users, SetupCode setupCode, LegacyImport import, ILogger<DatabaseStartupService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DatabaseInitializer.InitializeAsync(services, cancellationToken);
        await settings.ReloadAsync(cancellationToken);
        try
        {
            var abandoned = await import.RecoverAsync(cancellationToken);
            if (abandoned > 0) logger.LogWarning("Se retiraron {Count} importaciones que quedaron a medias.", abandoned);
        }
        catch (RuleException ex)
        {
            // An import is running in another process (the CLI): it finishes or rolls back by itself.
            logger.LogInformation("{Message}", ex.Message);
        }
        if (!await users.HasAdministratorAsync(cancellationToken))
        {
            var code = setupCode.Issue();
            var banner =
                $"""

                 ==============================================================
                  Ventanilla: instalación nueva, sin administrador.
                  Abra /Account/Setup en el navegador y escriba este código
                  de configuración (de un solo uso):   {code}
                 ==============================================================

                 """;
            Console.WriteLine(banner);
            logger.LogWarning("Instalación sin administrador: código de configuración emitido.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
