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

/// <summary>Before the server listens, the pages' queries are run and the staff pages rendered once (the first visitor after a restart waits like the rest).</summary>
public class StartupWarmupTests
{
    [Fact]
    public async Task The_start_up_prepares_every_pages_queries_and_renders_every_staff_page_without_a_warning()
    {
        // An office with its administrator and a turn (the folder, its own, goes when the office is disposed, after the server).
        var folder = TestApp.NewFolder();
        await using var office = await TestApp.OpenAsync(folder);
        await office.AddUserAsync("admin", "Segura123", Roles.Administrador, Roles.AtencionUsuarios, Roles.DireccionComercial);
        await office.Get<QueueService>().IssueTurnAsync(new KioskRequest(Guid.NewGuid(), (await office.Get<ReceptionCatalogService>().ListCategoriesAsync())[0].Id));

        await using var server = await AppServer.StartInAsync(folder, s =>
        {
            s["Server:Warmup"] = "true";
            s["Logging:LogLevel:Ventanilla.Features.Server.StartupWarmup"] = "Debug";
        }, copyTemplate: false);

        var done = Assert.Single(server.Logs.Lines, l => l.Contains("Consultas de las pantallas y"));
        // Every staff page: the desks, the registers, the petitions, the boards, the indicators, the administration, the screens.
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(done, "y (1[5-9]|2[0-9]) pantallas preparadas"), string.Join("\n", server.Logs.Lines.Where(l => l.Contains("StartupWarmup"))));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("no se preparó") || l.Contains("No se pudo preparar") || l.Contains("No se pudieron preparar"));
    }
}
