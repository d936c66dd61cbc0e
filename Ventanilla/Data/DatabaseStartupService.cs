using Ventanilla.Features.Admin;

namespace Ventanilla.Data;

/// <summary>
/// Prepares the database before the server listens, and on a fresh installation prints the one-time
/// setup code on the console for whoever installs it.
/// </summary>
public sealed class DatabaseStartupService(
    IServiceProvider services, SettingsService settings, UserService users, SetupCode setupCode, ILogger<DatabaseStartupService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DatabaseInitializer.InitializeAsync(services, cancellationToken);
        await settings.ReloadAsync(cancellationToken);
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
