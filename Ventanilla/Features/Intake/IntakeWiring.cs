namespace Ventanilla.Features.Intake;

public static class IntakeWiring
{
    /// <summary>The citizen's remote intake: filing online at /tramite and answering requirements from /consulta.</summary>
    public static IServiceCollection AddIntake(this IServiceCollection services)
    {
        services.AddOptions<IntakeOptions>().BindConfiguration("Tramite");
        services.AddSingleton<IntakeDraftFiles>();
        services.AddSingleton<OnlineIntake>();
        services.AddSingleton<PublicAccountChecks>();
        services.AddSingleton<CitizenDeliveries>();
        services.AddHostedService<IntakeCleanup>();
        return services;
    }
}
