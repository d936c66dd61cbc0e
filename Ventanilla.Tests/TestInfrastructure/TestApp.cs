using Ventanilla.Features.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Ventanilla.Data;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;
using Ventanilla.Features.Server;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// The app's real services over a real SQLite file in a temp folder, with a <see cref="FakeTimeProvider"/>.
/// The migrated database is built once per test run and copied, so each test starts from a fresh file quickly.
/// With <c>postgres: true</c> the same app runs on a fresh database of the test PostgreSQL server (<see cref="TestPostgres"/>).
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    /// <summary>Friday 27 Nov 2026, 10:00 in Mexico City (UTC-6).</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 27, 16, 0, 0, TimeSpan.Zero);

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    private readonly WebApplication _app;

    private TestApp(WebApplication app, string folder, FakeTimeProvider time, string? postgresDatabase)
    {
        _app = app;
        Folder = folder;
        Time = time;
        PostgresDatabase = postgresDatabase;
    }

    /// <summary>The PostgreSQL database of this app, or null when it runs on a SQLite file.</summary>
    public string? PostgresDatabase { get; }

    public string Folder { get; }
    public string DatabasePath => Path.Combine(Folder, "ventanilla.db");
    public FakeTimeProvider Time { get; }
    public IServiceProvider Services => _app.Services;

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public AppDbContext CreateDb() => Get<IDbContextFactory<AppDbContext>>().CreateDbContext();

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ventanilla-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Configuration every test host gets: its own database file, no automatic backups.</summary>
    public static Dictionary<string, string?> Settings(string folder) => new()
    {
        ["ConnectionStrings:Ventanilla"] = $"Data Source={Path.Combine(folder, "ventanilla.db")}",
        ["Backup:Enabled"] = "false",
        // Thousands of test hosts start: the start-up warm-up has a test of its own.
        ["Server:Warmup"] = "false",
        // The machine's own free space is not what the tests are about (a test that wants little sets its own).
        ["Health:MinFreeMegabytes"] = "1",
        // Every browser test signs in from 127.0.0.1; the test of the limit sets its own.
        ["Auth:SignInAttemptsPerMinute"] = "100000",
        ["Citizen:LookupsPerMinute"] = "100000",
        ["Citizen:TurnRequestsPerMinute"] = "100000",
        ["Backup:Folder"] = Path.Combine(folder, "backups"),
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
    };

    public static async Task<TestApp> CreateAsync(DateTimeOffset? now = null, Action<Dictionary<string, string?>>? configure = null, bool postgres = false)
    {
        var folder = NewFolder();
        if (postgres)
        {
            var database = await TestPostgres.NewDatabaseAsync(BuildPostgresTemplateAsync);
            var connection = await TestPostgres.DatabaseAsync(database);
            return await StartAsync(folder, now, settings =>
            {
                UsePostgres(settings, connection, folder);
                configure?.Invoke(settings);
            }, database);
        }
        File.Copy(await TemplateAsync(), Path.Combine(folder, "ventanilla.db"));
        return await StartAsync(folder, now, configure);
    }

    /// <summary>Points a test host's settings at a PostgreSQL database (the data folder stays the test's own).</summary>
    public static void UsePostgres(Dictionary<string, string?> settings, string connectionString, string folder)
    {
        settings["Database:Provider"] = "PostgreSQL";
        settings["ConnectionStrings:Ventanilla"] = connectionString;
        settings["Database:DataFolder"] = folder;
    }

    /// <summary>A migrated, seeded database on the test PostgreSQL server, for tests that start app instances on it themselves.</summary>
    public static async Task<(string Name, string ConnectionString)> NewPostgresDatabaseAsync()
    {
        var database = await TestPostgres.NewDatabaseAsync(BuildPostgresTemplateAsync);
        return (database, await TestPostgres.DatabaseAsync(database));
    }

    private static async Task BuildPostgresTemplateAsync(string database)
    {
        var connection = await TestPostgres.DatabaseAsync(database);
        var folder = NewFolder();
        var app = await StartAsync(folder, null, settings => UsePostgres(settings, connection, folder), null);
        await app._app.DisposeAsync();
        TryDelete(app.Folder);
    }

    /// <summary>The app over a database file the test made itself (an older version's, say), migrated and seeded at start.</summary>
    public static Task<TestApp> OpenAsync(string folder, Action<Dictionary<string, string?>>? configure = null) => StartAsync(folder, null, configure);

    private static async Task<TestApp> StartAsync(string folder, DateTimeOffset? now, Action<Dictionary<string, string?>>? configure, string? postgresDatabase = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", Args = [] });
        var settings = Settings(folder);
        configure?.Invoke(settings);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddVentanilla();
        var time = new FakeTimeProvider(now ?? DefaultNow);
        builder.Services.AddSingleton<TimeProvider>(time);
        var app = builder.Build();
        await DatabaseInitializer.InitializeAsync(app.Services);
        await app.Services.GetRequiredService<SettingsService>().ReloadAsync();
        return new TestApp(app, folder, time, postgresDatabase);
    }

    /// <summary>A migrated, seeded database file, made once per test run.</summary>
    public static async Task<string> TemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is null)
            {
                var app = await StartAsync(NewFolder(), null, null);
                var path = app.DatabasePath;
                await app._app.DisposeAsync();
                SqliteConnection.ClearAllPools();
                // Fold the WAL into the main file so a plain copy is complete.
                await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
                {
                    await connection.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                    await command.ExecuteNonQueryAsync();
                }
                _template = path;
            }
            return _template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    public async Task<CreatedUser> AddUserAsync(string userName, string password, params string[] roles)
        => await Get<UserService>().CreateAsync(Actor.System, new UserInput(userName, userName, roles, roles.Contains(Ventanilla.Features.Accounts.Roles.Area) ? ["Operación"] : [], password));

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (PostgresDatabase is not null) await TestPostgres.DropAsync(PostgresDatabase);
        TryDelete(Folder);
    }

    public static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a pooled connection on another thread; the temp folder is cleaned by the OS.
        }
    }
}
