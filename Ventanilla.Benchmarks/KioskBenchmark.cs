using Ventanilla.Features.Shared;
using Microsoft.EntityFrameworkCore;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Ventanilla.Data;
using Ventanilla.Features.Reception;

namespace Ventanilla.Benchmarks;

/// <summary>
/// Budget: issuing a turn ≤ 50 ms server time at 10 registrations a second. The kiosk's service call is timed
/// on a database that already holds months of visits, while three desks keep calling and finishing turns.
/// </summary>
public static class KioskBenchmark
{
    public const double BudgetMs = 50;

    public static async Task<bool> RunAsync(TimeSpan duration, bool postgres = false)
    {
        await using var app = await TestApp.CreateAsync(postgres: postgres);
        if (postgres) await SeedHistoryOnPostgresAsync(app, days: 120, visitsPerDay: 300);
        else await SeedHistoryAsync(app.DatabasePath, days: 120, visitsPerDay: 300);
        var queue = app.Get<QueueService>();
        var desks = (await app.Get<ReceptionCatalogService>().ListDesksAsync()).Select(d => d.Id).ToList();
        var categories = desks.Count == 0 ? [] : (await app.Get<ReceptionCatalogService>().ListDesksAsync())[0].CategoryIds;

        // Warm-up (JIT, EF's compiled queries, SQLite's page cache) is not what the office lives with all day.
        for (var i = 0; i < 20; i++) await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), categories[i % categories.Count]));

        var timings = new System.Collections.Concurrent.ConcurrentBag<double>();
        using var stop = new CancellationTokenSource(duration);
        var deskLoops = desks.Select(desk => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var ticket = await queue.CallNextAsync(Actor.System, desk);
                    await queue.FinishAsync(Actor.System, desk, ticket.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
                }
                catch (Ventanilla.Features.Shared.RuleException)
                {
                    // Empty line for a moment: the desk waits like a person would.
                }
                await Task.Delay(300);
            }
        })).ToList();

        // Ten registrations a second, each started on time whether or not the previous one finished.
        var registrations = new List<Task>();
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var n = 0;
        while (!stop.IsCancellationRequested && await ticker.WaitForNextTickAsync())
        {
            var category = categories[n++ % categories.Count];
            registrations.Add(Task.Run(async () =>
            {
                var watch = Stopwatch.StartNew();
                await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category, Name: "Visitante de prueba", Phone: "5512345678"));
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }));
        }
        await Task.WhenAll(registrations);
        await Task.WhenAll(deskLoops);

        var result = Timings.Of(timings);
        var ok = result.P95 <= BudgetMs;
        Console.WriteLine($"Quiosco{(postgres ? " en PostgreSQL" : "")}, emitir turno a 10 por segundo ({duration.TotalSeconds:0} s, 3 módulos atendiendo, 36,000 visitas previas):");
        Console.WriteLine($"  {result}");
        Console.WriteLine($"  presupuesto p95 ≤ {BudgetMs} ms: {(ok ? "CUMPLE" : "NO CUMPLE")}");
        return ok;
    }

    /// <summary>The same months of past visits on PostgreSQL, written by the server itself in one statement.</summary>
    private static async Task SeedHistoryOnPostgresAsync(TestApp app, int days, int visitsPerDay)
    {
        await using var db = app.CreateDb();
        var first = new DateOnly(2026, 11, 27).AddDays(-days);
        await db.Database.ExecuteSqlAsync($"""
            WITH slots AS (
                SELECT ({first}::date + d) AS day, i, (({first}::date + d) + TIME '15:00' + i * INTERVAL '1 minute') AT TIME ZONE 'UTC' AS at
                FROM generate_series(0, {days - 1}) AS d, generate_series(1, {visitsPerDay}) AS i),
            visits AS (
                INSERT INTO "Visits" ("ArrivedAtUtc", "ServiceDate", "ServiceCategoryId", "Preferential", "CalledAtUtc", "FinishedAtUtc", "Outcome", "Version")
                SELECT at, day, 1, 0, at, at, 4, 1 FROM slots
                RETURNING "Id", "ServiceDate", "ArrivedAtUtc")
            INSERT INTO "QueueTickets" ("VisitId", "ServiceDate", "ServiceCategoryId", "Number", "Code", "IsPreferential", "Status", "IssuedAtUtc", "CallCount", "Version")
            SELECT "Id", "ServiceDate", 1, n, 'A-' || lpad(n::text, 3, '0'), false, 3, "ArrivedAtUtc", 1, 1
            FROM (SELECT *, row_number() OVER (PARTITION BY "ServiceDate" ORDER BY "Id") AS n FROM visits) AS numbered
            """);
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    /// <summary>Months of past visits, so the queries run against a realistic register.</summary>
    private static async Task SeedHistoryAsync(string databasePath, int days, int visitsPerDay)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var visit = connection.CreateCommand();
        visit.CommandText = """
            INSERT INTO Visits (ArrivedAtUtc, ServiceDate, ServiceCategoryId, Preferential, CalledAtUtc, FinishedAtUtc, Outcome, Version)
            VALUES ($at, $date, 1, 0, $at, $at, 4, 1);
            INSERT INTO QueueTickets (VisitId, ServiceDate, ServiceCategoryId, Number, Code, IsPreferential, Status, IssuedAtUtc, CallCount, Version)
            VALUES (last_insert_rowid(), $date, 1, $number, $code, 0, 3, $at, 1, 1);
            """;
        var at = visit.Parameters.Add("$at", SqliteType.Text);
        var date = visit.Parameters.Add("$date", SqliteType.Text);
        var number = visit.Parameters.Add("$number", SqliteType.Integer);
        var code = visit.Parameters.Add("$code", SqliteType.Text);
        var first = new DateOnly(2026, 11, 27).AddDays(-days);
        for (var d = 0; d < days; d++)
        {
            var day = first.AddDays(d);
            for (var i = 1; i <= visitsPerDay; i++)
            {
                at.Value = day.ToDateTime(new TimeOnly(15, 0)).AddSeconds(i * 60).ToString("yyyy-MM-dd HH:mm:ss");
                date.Value = day.ToString("yyyy-MM-dd");
                number.Value = i;
                code.Value = $"A-{i:000}";
                await visit.ExecuteNonQueryAsync();
            }
        }
        await tx.CommitAsync();
    }
}
