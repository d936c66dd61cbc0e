namespace Ventanilla.Features.Admin;

public static class AdminWiring
{
    /// <summary>Settings, accounts, catalogs, offices, backups and the database's own care (integrity, migration to PostgreSQL).</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddSingleton<SettingsService>();
        services.AddSingleton<SetupCode>();
        services.AddSingleton<UserService>();
        services.AddSingleton<CatalogService>();
        services.AddSingleton<OfficeService>();
        services.AddSingleton<BackupService>();
        services.AddSingleton<RestoreService>();
        services.AddSingleton<PostgresMigration>();
        services.AddOptions<BackupOptions>().BindConfiguration("Backup");
        services.AddSingleton<DailyBackupService>();
        services.AddHostedService(sp => sp.GetRequiredService<DailyBackupService>());
        services.AddSingleton<IntegrityCheckService>();
        services.AddHostedService(sp => sp.GetRequiredService<IntegrityCheckService>());
        return services;
    }
}
