namespace Ventanilla.Features.Maintenance;

public static class MaintenanceWiring
{
    /// <summary>The database's own care: backups (daily and on demand), restore, integrity checks and the move to PostgreSQL.</summary>
    public static IServiceCollection AddMaintenance(this IServiceCollection services)
    {
        // Storage faults (disk full, read-only, lost server) seen on every query, whichever engine, feed /health.
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<StorageFaultWatch>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<StorageFaultWatch>());
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
