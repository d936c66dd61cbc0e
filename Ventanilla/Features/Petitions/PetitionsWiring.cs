namespace Ventanilla.Features.Petitions;

public static class PetitionsWiring
{
    /// <summary>The petition's life: who acts, registration, changes, responses, the lists, the kanban and the proof's term.</summary>
    public static IServiceCollection AddPetitions(this IServiceCollection services)
    {
        services.AddSingleton<Actors>();
        services.AddSingleton<PetitionChanges>();
        services.AddSingleton<PetitionService>();
        services.AddSingleton<PetitionRegistration>();
        services.AddSingleton<PetitionResponses>();
        services.AddSingleton<PetitionQueries>();
        services.AddSingleton<PetitionExport>();
        services.AddSingleton<PetitionDetails>();
        services.AddSingleton<PetitionBoard>();
        services.AddSingleton<OwnershipProofExpiry>();
        services.AddHostedService(sp => sp.GetRequiredService<OwnershipProofExpiry>());
        return services;
    }
}
