using Ventanilla.Features.Shared;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;
using Ventanilla.Features.Citizen;
using Ventanilla.Features.Reception;

namespace Ventanilla.Benchmarks;

/// <summary>
/// The citizen's pages (issue 12), against the real app over Kestrel:
/// <list type="bullet">
/// <item>the status lookup <c>/consulta</c> answers with p95 ≤ 50 ms at 50 requests a second over 50,000 petitions (the
/// form posted as a browser posts it, antiforgery token included; right codes, wrong codes and unknown folios mixed);</item>
/// <item>a call reaches 100 open phone pages (their live streams, <c>/turno/{code}/eventos</c>) with p95 ≤ 500 ms.</item>
/// </list>
/// </summary>
public static class CitizenBenchmark
{
    public const double LookupBudgetMs = 50;
    public const double CallBudgetMs = 500;

    public static async Task<bool> RunAsync(int petitions = 50_000, int lookupsPerSecond = 50, int seconds = 20, int phones = 100, int calls = 20)
    {
        var lookup = await LookupAsync(petitions, lookupsPerSecond, seconds);
        var call = await CallAsync(phones, calls);
        return Timings.Report("Páginas del ciudadano:", [
            ($"/consulta a {lookupsPerSecond} por segundo durante {seconds} s con {petitions:N0} peticiones", lookup, LookupBudgetMs),
            ($"un llamado llega a {phones} teléfonos abiertos en /turno (cada teléfono por llamado)", call, CallBudgetMs),
        ]);
    }

    private static async Task<Timings> LookupAsync(int petitions, int perSecond, int seconds)
    {
        await using var app = await AppServer.StartAsync(s => s["Citizen:LookupsPerMinute"] = "1000000");
        await PetitionsBenchmark.SeedAsync(app, petitions, open: petitions / 5);
        await using var db = app.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var known = await db.Petitions.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Folio, p.PublicCode }).Take(2_000).ToListAsync();

        // Ten phones, each with its own antiforgery cookie and token, as ten people would have.
        var clients = new List<(HttpClient Http, Dictionary<string, string> Form)>();
        for (var i = 0; i < 10; i++)
        {
            var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
            clients.Add((http, PetitionsBenchmark.HiddenFields(await http.GetStringAsync("consulta"))));
        }
        async Task<double> AskAsync(int n)
        {
            var (http, hidden) = clients[n % clients.Count];
            var petition = known[n * 7 % known.Count];
            // One in three is a wrong code, one in six a folio that does not exist: both take the same path.
            var (folio, code) = (n % 6) switch
            {
                0 => ("AU-1999-99999", "ABC123"),
                1 or 2 => (petition.Folio, "ZZZZZZ"),
                _ => (petition.Folio, petition.PublicCode!),
            };
            var form = new Dictionary<string, string>(hidden) { ["Folio"] = folio, ["Codigo"] = code };
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsync("consulta", new FormUrlEncodedContent(form));
            var html = await response.Content.ReadAsStringAsync();
            var elapsed = watch.Elapsed.TotalMilliseconds;
            var expected = n % 6 >= 3 ? "data-testid=\"status-result\"" : "data-testid=\"status-not-found\"";
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains(expected))
            {
                throw new InvalidOperationException($"/consulta no respondió lo esperado ({response.StatusCode}).");
            }
            return elapsed;
        }

        for (var i = 0; i < 50; i++) await AskAsync(i); // warm-up: JIT, EF's compiled query, SQLite's cache
        var times = new ConcurrentBag<double>();
        var pending = new List<Task>();
        using var ticker = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / perSecond));
        for (var n = 0; n < perSecond * seconds && await ticker.WaitForNextTickAsync(); n++)
        {
            var number = n;
            // Each request starts on time whether or not the previous one answered: a steady 50 a second.
            pending.Add(Task.Run(async () => times.Add(await AskAsync(number))));
        }
        await Task.WhenAll(pending);
        foreach (var (http, _) in clients) http.Dispose();
        return Timings.Of(times);
    }

    private static async Task<Timings> CallAsync(int phones, int calls)
    {
        await using var app = await AppServer.StartAsync();
        await using var db = app.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var category = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
        var desk = await db.Desks.Where(d => d.Categories.Any(c => c.ServiceCategoryId == category)).Select(d => d.Id).FirstAsync();
        var queue = app.Get<QueueService>();
        var turns = new List<IssuedTurn>();
        for (var i = 0; i < phones; i++) turns.Add(await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category)));

        // Each phone: its live stream, read as the page's EventSource reads it, every message stamped when it arrives.
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var received = turns.Select(_ => new ConcurrentQueue<(double At, string State)>()).ToList();
        var readers = turns.Select((turn, i) => Task.Run(async () =>
        {
            try
            {
                await using var stream = await http.GetStreamAsync($"turno/{turn.PublicCode}/eventos", stop.Token);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    if (!line.StartsWith("data: ")) continue;
                    using var json = JsonDocument.Parse(line[6..]);
                    received[i].Enqueue((clock.Elapsed.TotalMilliseconds, json.RootElement.GetProperty("state").GetString()!));
                }
            }
            catch (OperationCanceledException)
            {
                // The benchmark is over.
            }
        })).ToList();
        await WaitUntilAsync(() => received.All(r => !r.IsEmpty), "los teléfonos no recibieron su primer estado");

        var latencies = new List<double>();
        DeskTicket? current = null;
        for (var c = 0; c < calls; c++)
        {
            if (current is not null) await queue.FinishAsync(Actor.System, desk, current.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
            await Task.Delay(400); // what finishing changed reaches the phones before the call is timed
            var counts = received.Select(r => r.Count).ToList();
            var waiting = Enumerable.Range(0, phones).Where(i => i >= c).ToList(); // the phones whose turn has not come yet
            var start = clock.Elapsed.TotalMilliseconds;
            current = await queue.CallNextAsync(Actor.System, desk);
            // Every waiting phone hears of it: the one called, and everyone behind with one person less ahead.
            await WaitUntilAsync(() => waiting.All(i => received[i].Count > counts[i]), $"el llamado {c + 1} no llegó a todos los teléfonos");
            latencies.AddRange(waiting.Select(i => received[i].Skip(counts[i]).First().At - start));
            if (received[c].Last().State != nameof(TurnState.Called)) throw new InvalidOperationException($"El teléfono {c + 1} no supo que lo llamaron.");
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        return Timings.Of(latencies);
    }

    private static async Task WaitUntilAsync(Func<bool> done, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"Tras 30 s, {what}.");
            await Task.Delay(2);
        }
    }
}
