namespace Ventanilla.Features.Import;

public static class ImportWiring
{
    /// <summary>The legacy Control de Peticiones import: the run, its uploads and the recovery of a run a crash left pending.</summary>
    public static IServiceCollection AddImport(this IServiceCollection services)
    {
        services.AddSingleton<LegacyImport>();
        services.AddSingleton<ImportUploads>();
        services.AddSingleton<ImportRecovery>();
        return services;
    }
}
