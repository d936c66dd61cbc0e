using Npgsql;
using Ventanilla.Data;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// The PostgreSQL server the provider's tests run on. <c>.ci/run</c> starts a throwaway cluster and passes its connection
/// string in <c>VENTANILLA_TEST_POSTGRES</c>; a plain <c>dotnet test</c> without it starts one the same way
/// (<c>.ci/postgres</c>, which installs Debian's postgresql when missing) and stops it when the test run ends.
/// Each test gets a database of its own, copied from a migrated, seeded template made once per run.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "VENTANILLA_TEST_POSTGRES";

    private static readonly SemaphoreSlim ServerGate = new(1, 1);
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _server;
    private static string? _template;

    /// <summary>The connection string of the server's maintenance database.</summary>
    public static async Task<string> ServerAsync()
    {
        await ServerGate.WaitAsync();
        try
        {
            return _server ??= Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given ? given : await StartOwnClusterAsync();
        }
        finally
        {
            ServerGate.Release();
        }
    }

    /// <summary>The connection string of a database by that name on the test server.</summary>
    public static async Task<string> DatabaseAsync(string name)
        => new NpgsqlConnectionStringBuilder(await ServerAsync()) { Database = name, MaxPoolSize = 200 }.ToString();

    /// <summary>A new, empty database (no tables): for tests that migrate it themselves.</summary>
    public static async Task<string> NewEmptyDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return name;
    }

    /// <summary>A new database with the app's schema and initial catalogs, copied from the template.</summary>
    public static async Task<string> NewDatabaseAsync(Func<string, Task> buildTemplate)
    {
        await ServerAsync();
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is null)
            {
                var template = $"template_{Environment.ProcessId}_{Guid.NewGuid():N}";
                await ExecuteAsync($"CREATE DATABASE \"{template}\"");
                await buildTemplate(template);
                NpgsqlConnection.ClearAllPools();
                _template = template;
            }
            var name = "t_" + Guid.NewGuid().ToString("N");
            // Copies are made one at a time: PostgreSQL refuses a template somebody else is copying at that moment.
            await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{_template}\"");
            return name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    public static async Task DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await ServerAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartOwnClusterAsync()
    {
        var script = CiScripts.PathOf("postgres");
        var folder = Path.Combine(Path.GetTempPath(), $"ventanilla-pg-{Environment.ProcessId}");
        var port = 56000 + Environment.ProcessId % 4000;
        var (code, output, error) = await CiScripts.RunAsync(script, "start", folder, port.ToString());
        if (code != 0)
        {
            throw new InvalidOperationException(
                $"Las pruebas de PostgreSQL no pudieron arrancar un servidor desechable ({script} start, código {code}): {error.Trim()} " +
                $"Instale PostgreSQL (apt-get install -y postgresql) o dé uno en {Variable}.");
        }
        CiScripts.StopWhenProcessEnds(script, folder);
        return output.Trim().Split('\n')[^1];
    }
}
