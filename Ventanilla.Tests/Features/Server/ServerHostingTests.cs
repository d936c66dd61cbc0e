using Microsoft.Extensions.Logging;

namespace Ventanilla.Tests.Features.Server;

/// <summary>The server's log: written to data/logs, a file a day, with the app's own filters.</summary>
public class ServerHostingTests : AppServiceTest
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Logging:LogLevel:Default"] = "Information";

    [Fact]
    public async Task The_log_goes_to_a_daily_file_in_the_data_folder()
    {
        App.Get<ILoggerFactory>().CreateLogger("Ventanilla.Prueba").LogWarning("Respaldo de prueba: {Detalle}", "ñandú");
        var folder = Path.Combine(App.Folder, "logs");
        var file = Assert.Single(Directory.GetFiles(folder, "ventanilla-*.log"));
        Assert.Matches(@"ventanilla-\d{8}\.log$", file);
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = await new StreamReader(stream).ReadToEndAsync();
        Assert.Contains("[WRN] Ventanilla.Prueba: Respaldo de prueba: ñandú", text);
    }
}

/// <summary>Before the server listens, the pages' queries are run once (the first visitor after a restart waits like the rest).</summary>
public class StartupWarmupTests
{
    [Fact]
    public async Task The_start_up_prepares_every_pages_queries_without_a_warning()
    {
        await using var server = await AppServer.StartAsync(s =>
        {
            s["Server:Warmup"] = "true";
            s["Logging:LogLevel:Ventanilla.Features.Server.StartupWarmup"] = "Information";
        });

        Assert.Contains(server.Logs.Lines, l => l.Contains("Consultas de las pantallas preparadas en"));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("No se pudo preparar"));
    }
}
