using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Ventanilla.Cli;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>What a verb printed and returned.</summary>
public sealed record CliResult(int Code, string Output, string Error)
{
    public string[] Lines => Output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
}

/// <summary>
/// Runs the verbs in-process against a real database file of their own, as <c>dotnet run -- VERB</c> would,
/// on the test clock (<see cref="TestApp.DefaultNow"/>).
/// </summary>
public abstract class CliTestBase : IAsyncLifetime
{
    protected string Folder { get; private set; } = "";

    protected string DatabasePath => Path.Combine(Folder, "ventanilla.db");

    public async Task InitializeAsync()
    {
        Folder = TestApp.NewFolder();
        File.Copy(await TestApp.TemplateAsync(), DatabasePath);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        TestApp.TryDelete(Folder);
        return Task.CompletedTask;
    }

    protected Task<CliResult> RunAsync(params string[] args) => RunInAsync(Folder, args);

    /// <summary>Runs a verb on the database of another data folder (a small disk, say).</summary>
    protected static async Task<CliResult> RunInAsync(string folder, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await VentanillaCli.RunAsync(args, builder =>
        {
            foreach (var (key, value) in TestApp.Settings(folder)) builder.Configuration[key] = value;
            builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(TestApp.DefaultNow));
        }, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs SQL straight on the file, as another program (or an older version) would.</summary>
    protected async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
