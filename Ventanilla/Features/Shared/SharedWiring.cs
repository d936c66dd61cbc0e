namespace Ventanilla.Features.Shared;

public static class SharedWiring
{
    /// <summary>What every feature uses: the office's clock, the live notifier (and its PostgreSQL backplane), problems for endpoints.</summary>
    public static IServiceCollection AddShared(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
        services.AddSingleton<OfficeClock>();
        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<PostgresBackplane>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresBackplane>());
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemResponses>();
        return services;
    }
}
