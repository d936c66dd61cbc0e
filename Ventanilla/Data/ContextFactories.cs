using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Ventanilla.Data.Interceptors;

namespace Ventanilla.Data;

/// <summary>
/// The app's one context factory: the engine <c>Database:Provider</c> names (SQLite, the embedded default, or
/// PostgreSQL), and only that one, configured from the settings when the factory is first asked for. Not when the
/// services are registered: tests and other hosts still change the configuration after that. Everything asks for
/// <see cref="AppDbContext"/>; on PostgreSQL it is a <see cref="PostgresAppDbContext"/> (its own migrations).
/// </summary>
internal sealed class EngineContextFactory : IDbContextFactory<AppDbContext>
{
    private readonly Func<AppDbContext> _create;

    private EngineContextFactory(Func<AppDbContext> create) => _create = create;

    public static EngineContextFactory Create(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var location = DatabaseLocation.Resolve(configuration);
        // Both engines count versions, keep the event log append-only and tell storage faults the same way: the
        // interceptors registered as such (features add theirs), then each engine's own.
        var shared = services.GetServices<IInterceptor>().ToArray();
        if (DatabaseProviders.Of(configuration) == DatabaseProvider.PostgreSql)
        {
            var postgres = With(services, new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(location))
                .AddInterceptors([.. shared, new RowLockInterceptor()]).Options;
            return new EngineContextFactory(() => new PostgresAppDbContext(postgres));
        }
        var sqlite = With(services, new DbContextOptionsBuilder<AppDbContext>().UseSqlite(location))
            // SQLite rebuilds a table with foreign keys off, outside the migration's transaction; EF says so in English at
            // every first start. The start-up applies migrations before the server listens, and restores bring a backup.
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning))
            .AddInterceptors([.. shared, services.GetRequiredService<SqliteBusyWait>()]).Options;
        return new EngineContextFactory(() => new AppDbContext(sqlite));
    }

    /// <summary>
    /// The app's services (its logging among them), as EF's own AddDbContext hands them. Not UseLoggerFactory: a logger
    /// factory is part of the key of EF's internal service provider, cached for the process, so every host (each test's,
    /// each benchmark's) would build and keep one more; the application's provider is not, and its logging still applies.
    /// </summary>
    private static DbContextOptionsBuilder<T> With<T>(IServiceProvider services, DbContextOptionsBuilder<T> builder) where T : DbContext
        => builder.UseApplicationServiceProvider(services);

    public AppDbContext CreateDbContext() => _create();
}

/// <summary>For <c>dotnet ef migrations add</c> on SQLite: the model only, no database is opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add --context PostgresAppDbContext</c>: the model only, no server is reached.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=ventanilla_design_time").Options);
}
