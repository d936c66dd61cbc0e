namespace Ventanilla.Features.Help;

public static class HelpWiring
{
    /// <summary>The manual served at /ayuda.</summary>
    public static IServiceCollection AddHelp(this IServiceCollection services) => services.AddSingleton<ManualPages>();
}
