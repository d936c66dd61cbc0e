using Ventanilla.Features.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// The real app, served by Kestrel on a free loopback port, over its own copy of the migrated database.
/// Browser tests drive it with Chromium exactly as a person would.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private AppServer(string folder, Dictionary<string, string?> settings, bool ownsFolder)
    {
        Folder = folder;
        _settings = settings;
        _ownsFolder = ownsFolder;
    }

    private readonly bool _ownsFolder;

    public string Folder { get; }
    public string BaseUrl { get; private set; } = "";

    /// <summary>What the app logged, at the levels its configuration lets through.</summary>
    public LogCapture Logs { get; } = new();

    public static async Task<AppServer> StartAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var folder = TestApp.NewFolder();
        File.Copy(await TestApp.TemplateAsync(), Path.Combine(folder, "ventanilla.db"));
        return Start(folder, 0, configure, ownsFolder: true);
    }

    /// <summary>
    /// The app again over an existing folder (database and session keys) on a given port: a restart of the
    /// office's server as the browsers see it. The folder stays when this instance is disposed.
    /// </summary>
    public static AppServer Restart(string folder, int port) => Start(folder, port, null, ownsFolder: false);

    /// <summary>
    /// A fresh database in a folder the test owns (a small disk, say), served on a free port; with
    /// <paramref name="copyTemplate"/> false, the database the folder (or the configuration) already has.
    /// </summary>
    public static async Task<AppServer> StartInAsync(string folder, Action<Dictionary<string, string?>>? configure = null, bool copyTemplate = true)
    {
        if (copyTemplate) File.Copy(await TestApp.TemplateAsync(), Path.Combine(folder, "ventanilla.db"));
        return Start(folder, 0, configure, ownsFolder: false);
    }

    public int Port => new Uri(BaseUrl).Port;

    /// <summary>The HTTPS address, when the server was started with <see cref="StartHttpsAsync"/>.</summary>
    public string? HttpsUrl { get; private set; }

    /// <summary>
    /// The app on plain HTTP and HTTPS at once (two free loopback ports), as an office serves it with a certificate
    /// (<c>Https:Certificate</c> in <paramref name="configure"/>); <see cref="BaseUrl"/> is the plain one.
    /// </summary>
    public static async Task<AppServer> StartHttpsAsync(Action<Dictionary<string, string?>> configure)
    {
        var folder = TestApp.NewFolder();
        File.Copy(await TestApp.TemplateAsync(), Path.Combine(folder, "ventanilla.db"));
        return Start(folder, 0, configure, ownsFolder: true, https: true);
    }

    private static AppServer Start(string folder, int port, Action<Dictionary<string, string?>>? configure, bool ownsFolder, bool https = false)
    {
        var settings = TestApp.Settings(folder);
        configure?.Invoke(settings);
        var server = new AppServer(folder, settings, ownsFolder);
        if (https)
        {
            server.UseKestrel(kestrel =>
            {
                kestrel.Listen(System.Net.IPAddress.Loopback, 0);
                kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps());
            });
        }
        else
        {
            server.UseKestrel(port);
        }
        server.StartServer();
        var addresses = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/') + "/").ToList();
        server.BaseUrl = addresses.First(a => a.StartsWith("http:"));
        server.HttpsUrl = addresses.FirstOrDefault(a => a.StartsWith("https:"));
        return server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureServices(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public Task<CreatedUser> AddUserAsync(string userName, string password, params string[] roles)
        => Get<UserService>().CreateAsync(Actor.System, new UserInput(userName, userName, roles, roles.Contains(Roles.Area) ? ["Operación"] : [], password));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsFolder) TestApp.TryDelete(Folder);
    }
}
