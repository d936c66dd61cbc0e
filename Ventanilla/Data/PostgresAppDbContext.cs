namespace Ventanilla.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that EF keeps PostgreSQL's migrations
/// (<c>Data/Migrations/PostgreSql</c>) apart from SQLite's: a migration belongs to exactly one context type.
/// Everything else asks for <see cref="AppDbContext"/> and gets this one when <c>Database:Provider = PostgreSQL</c>.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
