using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;
using Ventanilla.Features.Accounts;

namespace Ventanilla.Benchmarks;

/// <summary>
/// Budget: the access log adds ≤ 5 % to <c>/peticiones/{folio}</c> p95 and to the register exports. Measured on the
/// real app over Kestrel with 50,000 petitions and a log of 200,000 lines already: opening a different folio each time
/// (each writes a line) against opening the same folio again (the same read within two minutes writes nothing; the
/// page and its queries are otherwise the same), interleaved so both see the same machine; the exports likewise, with
/// a different address each time (a line) against the same one again (none).
/// </summary>
public static class AccessLogBenchmark
{
    public const double AddedPercentBudget = 5;

    public static async Task<bool> RunAsync(int petitions = 50_000, int logLines = 200_000, int rounds = 200, int exportRounds = 6)
    {
        await using var app = await AppServer.StartAsync();
        await app.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await PetitionsBenchmark.SeedAsync(app, petitions, 10_000);
        await SeedLogAsync(app, logLines);
        using var http = await PetitionsBenchmark.SignInAsync(app, "rosa", "Segura123");
        await using var db = app.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var folios = await db.Petitions.AsNoTracking().OrderByDescending(p => p.Id).Select(p => p.Folio).Take(rounds + 10).ToListAsync();

        // Warm-up of both paths.
        for (var i = 0; i < 10; i++) await GetAsync(http, $"peticiones/{folios[i]}");
        var logged = new List<double>();
        var repeated = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            logged.Add(await GetAsync(http, $"peticiones/{folios[10 + i]}"));
            repeated.Add(await GetAsync(http, $"peticiones/{folios[0]}"));
        }

        await GetAsync(http, "peticiones/exportar.csv");
        await GetAsync(http, "visitas/exportar.csv");
        var exportLogged = new List<double>();
        var exportRepeated = new List<double>();
        for (var i = 0; i < exportRounds; i++)
        {
            exportLogged.Add(await GetAsync(http, $"peticiones/exportar.csv?vez={i}"));
            exportRepeated.Add(await GetAsync(http, "peticiones/exportar.csv"));
        }
        var lines = await db.PersonalDataReads.CountAsync();

        var page = (With: Timings.Of(logged), Without: Timings.Of(repeated));
        var export = (With: Timings.Of(exportLogged), Without: Timings.Of(exportRepeated));
        var pageAdded = Added(page.With.P95, page.Without.P95);
        var exportAdded = Added(export.With.P95, export.Without.P95);
        Console.WriteLine($"Bitácora de accesos: {petitions:N0} peticiones, {lines:N0} líneas en la bitácora al terminar.");
        Console.WriteLine($"  /peticiones/{{folio}} escribiendo una línea: {page.With}");
        Console.WriteLine($"  /peticiones/{{folio}} sin línea (misma consulta): {page.Without}");
        Console.WriteLine($"  agrega al p95: {pageAdded:0.0} %  presupuesto ≤ {AddedPercentBudget} %: {(pageAdded <= AddedPercentBudget ? "CUMPLE" : "NO CUMPLE")}");
        Console.WriteLine($"  /peticiones/exportar.csv escribiendo una línea: {export.With}");
        Console.WriteLine($"  /peticiones/exportar.csv sin línea: {export.Without}");
        Console.WriteLine($"  agrega al p95: {exportAdded:0.0} %  presupuesto ≤ {AddedPercentBudget} %: {(exportAdded <= AddedPercentBudget ? "CUMPLE" : "NO CUMPLE")}");
        return pageAdded <= AddedPercentBudget && exportAdded <= AddedPercentBudget;
    }

    private static double Added(double with, double without) => (with - without) / without * 100;

    private static async Task<double> GetAsync(HttpClient http, string path)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"/{path}: {response.StatusCode}");
        return elapsed;
    }

    /// <summary>A year of an office's reads already in the log (the table and its indexes at a realistic size).</summary>
    private static async Task SeedLogAsync(AppServer app, int count)
    {
        var factory = app.Get<IDbContextFactory<AppDbContext>>();
        var start = DateTime.UtcNow.AddDays(-365);
        for (var first = 0; first < count; first += 10_000)
        {
            await using var db = factory.CreateDbContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(count, first + 10_000); i++)
            {
                var folio = $"AU-2026-{i % 40_000 + 1:00000}";
                db.PersonalDataReads.Add(new PersonalDataRead
                {
                    AtUtc = start.AddSeconds(i * 150), UserName = $"Persona {i % 12}", Kind = PersonalDataKind.Peticion, Subject = folio, Folio = folio,
                    Source = $"/peticiones/{folio}", Address = "192.168.1.20",
                });
            }
            await db.SaveChangesAsync();
        }
    }
}
