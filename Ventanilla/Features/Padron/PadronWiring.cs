namespace Ventanilla.Features.Padron;

public static class PadronWiring
{
    /// <summary>The utility's account register: its import and its lookups.</summary>
    public static IServiceCollection AddPadron(this IServiceCollection services)
    {
        services.AddSingleton<PadronImporter>();
        services.AddSingleton<PadronLookup>();
        services.AddSingleton<AccountHistory>();
        return services;
    }
}
