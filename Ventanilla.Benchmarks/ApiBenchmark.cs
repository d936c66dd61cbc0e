using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;
using Ventanilla.Features.Accounts;
using Ventanilla.Features.Api;
using Ventanilla.Features.Shared;

namespace Ventanilla.Benchmarks;

/// <summary>
/// The REST API (issue 32) against the real app over loopback, with 50,000 petitions in the base:
/// <list type="bullet">
/// <item><c>GET /api/v1/peticiones</c>, 50 a page, any of the first 20 pages, open-loop at 50 requests a second for
/// 20 seconds (each request sent on its schedule, whatever the ones before it are doing): p95 ≤ 50 ms;</item>
/// <item>registering a written petition with <c>POST /api/v1/peticiones</c>, one after another: p95 ≤ 100 ms;</item>
/// <item>its «peticion.registrada» webhook, from the API's answer to its arrival at a receiver on loopback: p95 ≤ 1 s.</item>
/// </list>
/// </summary>
public static class ApiBenchmark
{
    public const double ListBudgetMs = 50;
    public const double RegisterBudgetMs = 100;
    public const double WebhookBudgetMs = 1000;

    public static async Task<bool> RunAsync(bool postgres = false, int total = 50_000, int open = 10_000, int perSecond = 50, int seconds = 20, int registrations = 200)
    {
        var folder = TestApp.NewFolder();
        await using var app = postgres
            ? await AppServer.StartInAsync(folder, s => TestApp.UsePostgres(s, TestApp.NewPostgresDatabaseAsync().GetAwaiter().GetResult().ConnectionString, folder), copyTemplate: false)
            : await AppServer.StartAsync();
        await app.AddUserAsync("dir", "Segura123", Roles.DireccionComercial);
        await PetitionsBenchmark.SeedAsync(app, total, open);
        if (postgres)
        {
            // What autovacuum does on its own a while after a bulk load: statistics and the visibility map (the count
            // behind every page of the list is an index-only scan only with it).
            await using var db = app.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }
        var secret = (await app.Get<ApiTokens>().CreateAsync(Actor.System, "Benchmark", "dir", [.. ApiScopes.All.Select(s => s.Key)], null)).Secret;
        int type;
        await using (var db = app.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        }
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        async Task<double> ListAsync(int page)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync($"api/v1/peticiones?pagina={page}&tamano=50");
            var body = await response.Content.ReadAsStringAsync();
            var ms = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK || !body.Contains("\"folio\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"GET /api/v1/peticiones respondió {(int)response.StatusCode}: {body}");
            }
            return ms;
        }
        for (var i = 0; i < 20; i++) await ListAsync(1 + i % 20); // warm-up: JIT and EF's query compilation
        var actor = await app.Get<Actors>().ForUserAsync(await UserIdAsync(app, "dir"));
        var queries = app.Get<Ventanilla.Features.Petitions.PetitionQueries>();
        var alone = await PetitionsBenchmark.TimeAsync(40, () => queries.ListAsync(actor, new Ventanilla.Features.Petitions.PetitionFilter(), 1 + Random.Shared.Next(20), 50,
            order: Ventanilla.Features.Petitions.PetitionOrder.Registered));
        var urgency = await PetitionsBenchmark.TimeAsync(40, () => queries.ListAsync(actor, new Ventanilla.Features.Petitions.PetitionFilter(), 1 + Random.Shared.Next(20), 50));
        var sequential = new List<double>();
        for (var i = 0; i < 40; i++) sequential.Add(await ListAsync(1 + i % 20));

        // Open-loop: request i leaves at i/perSecond seconds after the start.
        var start = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var calls = new List<Task<double>>();
        for (var i = 0; i < perSecond * seconds; i++)
        {
            var due = interval * i;
            if (start.Elapsed < due) await Task.Delay(due - start.Elapsed);
            calls.Add(ListAsync(1 + i % 20));
        }
        var list = await Task.WhenAll(calls);
        var achieved = list.Length / start.Elapsed.TotalSeconds;

        // Every registration is also a webhook to a receiver on this machine: from the API's answer to its arrival.
        await using var receiver = await Ventanilla.Tests.TestInfrastructure.WebhookReceiver.StartAsync();
        await app.Get<Ventanilla.Features.Webhooks.WebhookSubscriptions>().CreateAsync(Actor.WithEveryRole("Benchmark"), "Receptor", receiver.Url,
            [Ventanilla.Features.Webhooks.WebhookEvents.PetitionRegistered], allowPrivateNetwork: true);
        var hooks = new List<double>();
        var register = new List<double>();
        var received = app.Get<OfficeClock>().Now().DateTime.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:ss");
        for (var i = 0; i < registrations + 5; i++)
        {
            var json = $$"""{"tipo":{{type}},"asunto":"Fuga en la toma {{i}}","solicitante":"Ana Núñez","folioOficialia":"API-BENCH-{{i}}","recibida":"{{received}}","cuenta":"01-234-5678","telefono":"5512345678"}""";
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsync("api/v1/peticiones", new StringContent(json, Encoding.UTF8, "application/json"));
            var ms = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST /api/v1/peticiones respondió {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var answered = watch.Elapsed;
            var folio = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("folio").GetString()!;
            while (!receiver.Received.Any(r => r.Body.Contains(folio, StringComparison.Ordinal)))
            {
                if (watch.Elapsed - answered > TimeSpan.FromSeconds(30)) throw new InvalidOperationException($"El webhook de {folio} no llegó en 30 s.");
                await Task.Delay(1);
            }
            if (i >= 5)
            {
                register.Add(ms); // the first ones warm up
                hooks.Add((watch.Elapsed - answered).TotalMilliseconds);
            }
        }

        Console.WriteLine($"  una a la vez: la llamada completa {Timings.Of(sequential)}; solo la consulta del servicio {Timings.Of(alone)}; en orden de urgencia (orden=urgencia), la consulta {Timings.Of(urgency)}");
        return Timings.Report($"API REST{(postgres ? " en PostgreSQL" : "")}: {total:N0} peticiones en la base ({open:N0} abiertas); lista a {achieved:0.0} solicitudes/s durante {seconds} s:",
        [
            ("GET /api/v1/peticiones (50 por página, páginas 1 a 20)", Timings.Of(list), ListBudgetMs),
            ("POST /api/v1/peticiones (registrar una petición por escrito)", Timings.Of(register), RegisterBudgetMs),
            ("Webhook «peticion.registrada»: de la respuesta de la API a su llegada al receptor", Timings.Of(hooks), WebhookBudgetMs),
        ]);
    }

    private static async Task<string> UserIdAsync(AppServer app, string userName)
    {
        await using var db = app.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}
