using Microsoft.Data.Sqlite;

namespace Ventanilla.Data;

/// <summary>
/// Turns the <c>Ventanilla</c> connection string into an absolute one. A relative file name is taken
/// from the repository root when run from source, or from the folder of the executable when published,
/// so that <c>data/ventanilla.db</c> is always the same file whatever the working directory. On PostgreSQL the
/// connection string is the server's, taken as written, and the data folder (keys, attachments, logs) is
/// <c>Database:DataFolder</c>, by default <c>data/</c>.
/// </summary>
public static class DatabaseLocation
{
    public const string ConnectionStringName = "Ventanilla";
    public const string DefaultConnectionString = "Data Source=data/ventanilla.db";

    public static string Resolve(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (DatabaseProviders.Of(configuration) == DatabaseProvider.Sqlite) return Resolve(configured);
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new DatabaseStartupException(
                "Database:Provider = PostgreSQL pide la cadena de conexión del servidor en ConnectionStrings:Ventanilla (por ejemplo \"Host=db;Database=ventanilla;Username=ventanilla;Password=…\").",
                new ArgumentException(ConnectionStringName));
        }
        return WithoutJit(configured);
    }

    /// <summary>
    /// PostgreSQL compiles a query to machine code (JIT) once its estimated cost passes <c>jit_above_cost</c>; the
    /// office's queries are short, and on a city's register the compiling cost more than the query: counting an area's
    /// open petitions took 596 ms, 378 of them compiling. The app's connections turn it off, unless the connection
    /// string already sets it (<c>Options=-c jit=on</c>).
    /// </summary>
    public static string WithoutJit(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains("jit", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = $"{builder.Options} -c jit=off".Trim();
        }
        return builder.ConnectionString;
    }

    /// <summary>The database file of the configured database, or null when it is in memory or on a PostgreSQL server.</summary>
    public static string? FilePath(IConfiguration configuration)
        => DatabaseProviders.Of(configuration) == DatabaseProvider.Sqlite ? FilePath(Resolve(configuration)) : null;

    /// <summary>The folder of the database file (for the keys and backups beside it); on PostgreSQL, <c>Database:DataFolder</c>.</summary>
    public static string DataFolder(IConfiguration configuration)
    {
        if (DatabaseProviders.Of(configuration) == DatabaseProvider.PostgreSql)
        {
            // Every instance of a PostgreSQL install shares this folder (keys, attachments): see README, "Varias oficinas".
            var folder = configuration["Database:DataFolder"];
            return string.IsNullOrWhiteSpace(folder) ? Path.Combine(BaseFolder(), "data") : Path.GetFullPath(Path.Combine(BaseFolder(), folder));
        }
        return Path.GetDirectoryName(FilePath(Resolve(configuration)) ?? Path.Combine(BaseFolder(), "data", "ventanilla.db"))!;
    }

    public static string Resolve(string? configured)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        var source = builder.DataSource;
        var inMemory = source.Length == 0 || source == ":memory:" || builder.Mode == SqliteOpenMode.Memory;
        if (!inMemory && !Path.IsPathRooted(source))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(BaseFolder(), source));
        }
        // Writers wait for each other instead of failing at once with "database is locked".
        if (builder.DefaultTimeout < 30) builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>The database file of a connection string, or null when it is in memory.</summary>
    public static string? FilePath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory ? null : builder.DataSource;
    }

    /// <summary>The repository root when running from source (it holds Ventanilla.sln), else the executable's folder.</summary>
    public static string BaseFolder()
    {
        var start = AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ventanilla.sln"))) return dir.FullName;
        }
        return start;
    }
}
