namespace Ventanilla.Features.Admin;

public static class AdminWiring
{
    /// <summary>What the administrator sets up: the settings, the catalogs and the offices.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddSingleton<SettingsService>();
        services.AddSingleton<SettingHistory>();
        services.AddSingleton<CatalogService>();
        services.AddSingleton<OfficeService>();
        return services;
    }
}
