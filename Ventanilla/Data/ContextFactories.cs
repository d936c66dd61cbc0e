namespace Ventanilla.Data;

/// <summary>The SQLite context, from the options registered for it.</summary>
internal sealed class SqliteFactory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => new(options);
}

/// <summary>Hands out the PostgreSQL context wherever the app asks for <see cref="AppDbContext"/>.</summary>
internal sealed class PostgresFactory(IDbContextFactory<PostgresAppDbContext> inner) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => await inner.CreateDbContextAsync(cancellationToken);
}
