using Microsoft.Data.Sqlite;

namespace Ventanilla.Tests.Data;

public class DatabaseStartupTests
{
    [Fact]
    public async Task A_missing_data_folder_is_created_with_a_migrated_WAL_database()
    {
        var folder = TestApp.NewFolder();
        var nested = Path.Combine(folder, "no", "existe");
        try
        {
            var exit = await RunCliAsync(nested, "backup", Path.Combine(folder, "copia.db"));
            Assert.Equal(0, exit.Code);
            Assert.True(File.Exists(Path.Combine(nested, "ventanilla.db")));
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(nested, "ventanilla.db")};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestApp.TryDelete(folder);
        }
    }

    [Fact]
    public async Task A_corrupt_database_file_gets_a_clear_Spanish_message_and_exit_code_1()
    {
        var folder = TestApp.NewFolder();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "ventanilla.db"), new string('x', 8192));
            var result = await RunCliAsync(folder, "backup", Path.Combine(folder, "copia.db"));
            Assert.Equal(1, result.Code);
            Assert.Contains("está dañado o no es una base de datos de Ventanilla", result.Error);
            Assert.False(File.Exists(Path.Combine(folder, "copia.db")));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestApp.TryDelete(folder);
        }
    }

    [Fact]
    public async Task A_read_only_database_gets_a_clear_Spanish_message()
    {
        var folder = TestApp.NewFolder();
        try
        {
            // Root ignores file permissions, so the read-only case is made with SQLite's own read-only mode.
            var path = Path.Combine(folder, "ventanilla.db");
            await using (var create = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                await create.OpenAsync();
                await using var command = create.CreateCommand();
                command.CommandText = "CREATE TABLE t(x);";
                await command.ExecuteNonQueryAsync();
            }
            var result = await RunCliAsync(folder, "backup", Path.Combine(folder, "copia.db"),
                connectionString: $"Data Source={path};Mode=ReadOnly");
            Assert.Equal(1, result.Code);
            Assert.Contains("solo lectura", result.Error);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestApp.TryDelete(folder);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunCliAsync(string dataFolder, string verb, string file, string? connectionString = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Ventanilla.Cli.VentanillaCli.RunAsync([verb, file], builder =>
        {
            foreach (var (key, value) in TestApp.Settings(dataFolder)) builder.Configuration[key] = value;
            if (connectionString is not null) builder.Configuration["ConnectionStrings:Ventanilla"] = connectionString;
        }, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
