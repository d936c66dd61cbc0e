using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Ventanilla.Data;

/// <summary>The engine behind the office's data: one SQLite file (the embedded default) or a PostgreSQL server shared by offices.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public static class DatabaseProviders
{
    public const string SettingKey = "Database:Provider";

    /// <summary><c>Database:Provider</c>: <c>Sqlite</c> (or nothing) or <c>PostgreSQL</c>; anything else stops the start with a Spanish message.</summary>
    public static DatabaseProvider Of(IConfiguration configuration)
    {
        var value = configuration[SettingKey]?.Trim();
        if (string.IsNullOrEmpty(value) || value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return DatabaseProvider.Sqlite;
        if (value.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) || value.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
            || value.Equals("Npgsql", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.PostgreSql;
        }
        throw new DatabaseStartupException(
            $"Database:Provider = '{value}' no es un motor conocido: use 'Sqlite' (un archivo, el valor por omisión) o 'PostgreSQL'.",
            new FormatException(value));
    }

    public static bool IsPostgres(this DatabaseFacade database) => database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
}
