using Ventanilla.Features.Shared;
using Microsoft.Extensions.Configuration;
using Ventanilla.Features.Server;
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
        await office.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), (await office.Get<ReceptionCatalogService>().ListCategoriesAsync())[0].Id));
        // A petition, so that its page is prepared too (with its panels, not «no existe la petición»).
        var oficialia = await office.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        int type;
        await using (var db = office.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        }
        await office.Get<PetitionRegistration>().RegisterWrittenAsync(await office.Get<Actors>().ForUserAsync(oficialia.Id),
            new WrittenPetitionInput(new PetitionInput(type, "Cobro excesivo", "José Pérez"), "OP-1", new DateTime(2026, 11, 26, 10, 0, 0)));

        await using var server = await AppServer.StartInAsync(folder, s =>
        {
            s["Server:Warmup"] = "true";
            s["Logging:LogLevel:Ventanilla.Features.Server.StartupWarmup"] = "Debug";
        }, copyTemplate: false);

        var done = Assert.Single(server.Logs.Lines, l => l.Contains("Consultas de las pantallas y"));
        // Every staff page: the desks, the registers, the petitions (one of them), the boards, the indicators, the administration, the screens.
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(done, "y (1[6-9]|[23][0-9]) pantallas preparadas"), string.Join("\n", server.Logs.Lines.Where(l => l.Contains("StartupWarmup"))));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("no se preparó") || l.Contains("No se pudo preparar") || l.Contains("No se pudieron preparar"));
        // Then, listening: the sign-in page and /consulta over the loopback, and a signed-in request's own steps.
        Assert.Single(server.Logs.Lines, l => l.Contains("Cadena HTTP preparada (3 pasos)"));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains("calentamiento"));
    }

    [Theory]
    [InlineData("http://+:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://0.0.0.0:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://[::]:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://192.168.1.20:5000", "http://192.168.1.20:5000/")]
    [InlineData("http://localhost:5000", "http://localhost:5000/")]
    public void The_loopback_warm_up_reaches_an_address_that_listens_everywhere_through_the_loopback(string listening, string expected)
    {
        var services = new ServiceCollection().AddSingleton<Microsoft.AspNetCore.Hosting.Server.IServer>(new ListeningOn(listening)).BuildServiceProvider();
        Assert.Equal(expected, LoopbackWarmup.Address(services)?.ToString());
    }

    [Fact]
    public void The_loopback_warm_up_prefers_https_where_plain_http_only_redirects()
    {
        var services = new ServiceCollection().AddSingleton<Microsoft.AspNetCore.Hosting.Server.IServer>(new ListeningOn("http://0.0.0.0:80", "https://0.0.0.0:443")).BuildServiceProvider();
        Assert.Equal("https://127.0.0.1/", LoopbackWarmup.Address(services)?.ToString());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("*", null)]
    [InlineData("ventanilla.oapas.gob.mx;localhost", "ventanilla.oapas.gob.mx")]
    [InlineData("*.oapas.gob.mx", "ventanilla.oapas.gob.mx")]
    public void The_loopback_warm_up_asks_for_a_host_the_office_allows(string? allowed, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AllowedHosts"] = allowed }).Build();
        Assert.Equal(expected, LoopbackWarmup.AllowedHost(configuration));
    }

    private sealed class ListeningOn(params string[] addresses) : Microsoft.AspNetCore.Hosting.Server.IServer
    {
        public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = Feature(addresses);

        private static Microsoft.AspNetCore.Http.Features.FeatureCollection Feature(string[] addresses)
        {
            var feature = new Microsoft.AspNetCore.Hosting.Server.Features.ServerAddressesFeature();
            foreach (var a in addresses) feature.Addresses.Add(a);
            var features = new Microsoft.AspNetCore.Http.Features.FeatureCollection();
            features.Set<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>(feature);
            return features;
        }

        public Task StartAsync<TContext>(Microsoft.AspNetCore.Hosting.Server.IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
