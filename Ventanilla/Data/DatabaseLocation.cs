using Microsoft.Data.Sqlite;

namespace Ventanilla.Data;

/// <summary>
/// Turns the <c>Ventanilla</c> connection string into an absolute one. A relative file name is taken
/// from the repository root when run from source, or from the folder of the executable when published,
/// so that <c>data/ventanilla.db</c> is always the same file whatever the working directory.
/// </summary>
public static class DatabaseLocation
{
    public const string ConnectionStringName = "Ventanilla";
    public const string DefaultConnectionString = "Data Source=data/ventanilla.db";

    public static string Resolve(IConfiguration configuration) => Resolve(configuration.GetConnectionString(ConnectionStringName));

    /// <summary>The folder of the database file (for the keys and backups beside it).</summary>
    public static string DataFolder(IConfiguration configuration)
        => Path.GetDirectoryName(FilePath(Resolve(configuration)) ?? Path.Combine(BaseFolder(), "data", "ventanilla.db"))!;

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
