using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;
using Ventanilla.Features.Privacy;
using Ventanilla.Features.Shared;

namespace Ventanilla.Benchmarks;

/// <summary>
/// Budget: a retention run over 200,000 visits (and 50,000 appointments and 500,000 access-log lines), all past their
/// periods, finishes in minutes with flat memory. The real services over SQLite on disk; the memory is the process's
/// working set, sampled every 100 ms during the run, against the one before it.
/// </summary>
public static class RetentionBenchmark
{
    public static readonly TimeSpan TimeBudget = TimeSpan.FromMinutes(5);
    public const long GrowthBudgetBytes = 100L * 1024 * 1024;

    public static async Task<bool> RunAsync(int visits = 200_000, int appointments = 50_000, int accessLines = 500_000)
    {
        await using var app = await AppServer.StartAsync();
        await SeedAsync(app, visits, appointments, accessLines);
        var admin = Actor.WithEveryRole("Benchmark");
        var retention = app.Get<Retention>();

        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var startBytes = process.WorkingSet64;
        var peak = startBytes;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                try { await Task.Delay(100, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var preview = Stopwatch.StartNew();
        var found = await retention.PreviewAsync(admin);
        preview.Stop();
        var apply = Stopwatch.StartNew();
        var done = await retention.ApplyAsync(admin);
        apply.Stop();
        await sampling.CancelAsync();
        await sampler;

        var growth = peak - startBytes;
        var ok = done.Visits == visits && done.Appointments == appointments && done.AccessLines == accessLines && apply.Elapsed <= TimeBudget && growth <= GrowthBudgetBytes;
        Console.WriteLine($"Conservación: {visits:N0} visitas, {appointments:N0} citas y {accessLines:N0} líneas de bitácora vencidas (SQLite en disco).");
        Console.WriteLine($"  vista previa: {preview.Elapsed.TotalSeconds:0.0} s ({found.Visits:N0} · {found.Appointments:N0} · {found.AccessLines:N0})");
        Console.WriteLine($"  depuración: {apply.Elapsed.TotalSeconds:0.0} s ({done.Visits:N0} · {done.Appointments:N0} · {done.AccessLines:N0})  presupuesto ≤ {TimeBudget.TotalMinutes} min");
        Console.WriteLine($"  memoria: {startBytes / 1048576} MB al empezar, máximo {peak / 1048576} MB (+{growth / 1048576} MB)  presupuesto ≤ +{GrowthBudgetBytes / 1048576} MB");
        Console.WriteLine($"  {(ok ? "CUMPLE" : "NO CUMPLE")}");
        return ok;
    }

    private static async Task SeedAsync(AppServer app, int visits, int appointments, int accessLines)
    {
        var factory = app.Get<IDbContextFactory<AppDbContext>>();
        var today = app.Get<OfficeClock>().Today();
        int category;
        await using (var db = factory.CreateDbContext()) category = await db.ServiceCategories.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        for (var first = 0; first < visits; first += 10_000)
        {
            await using var db = factory.CreateDbContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(visits, first + 10_000); i++)
            {
                var day = today.AddDays(-400 - i % 1000);
                var arrived = day.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc);
                db.Visits.Add(new Visit
                {
                    ArrivedAtUtc = arrived, ServiceDate = day, ServiceCategoryId = category, VisitorName = $"Visitante {i}", Phone = "5512345678",
                    AccountNumber = $"{i:00-000-0000}", FinishedAtUtc = arrived.AddMinutes(20), Outcome = VisitOutcome.Information, OutcomeNote = "Nota",
                });
            }
            await db.SaveChangesAsync();
        }
        for (var first = 0; first < appointments; first += 10_000)
        {
            await using var db = factory.CreateDbContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(appointments, first + 10_000); i++)
            {
                var day = today.AddDays(-400 - i % 1000);
                db.Appointments.Add(new Appointment
                {
                    ServiceCategoryId = category, Day = day, StartMinute = 540 + i % 480, SlotMinutes = 15, StartUtc = day.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc),
                    Code = $"B{i:0000000}", CodeHash = $"h{i}", Name = $"Persona {i}", Phone = $"55{i:00000000}", Status = AppointmentStatus.CheckedIn,
                    CreatedAtUtc = day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc), RequestId = Guid.NewGuid(), PrivacyNoticeVersion = "1",
                });
            }
            await db.SaveChangesAsync();
        }
        var start = DateTime.UtcNow.AddDays(-3650);
        for (var first = 0; first < accessLines; first += 20_000)
        {
            await using var db = factory.CreateDbContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = first; i < Math.Min(accessLines, first + 20_000); i++)
            {
                db.PersonalDataReads.Add(new PersonalDataRead
                {
                    AtUtc = start.AddSeconds(i * 60), UserName = "Persona", Kind = PersonalDataKind.Peticion, Subject = "AU-2020-00001", Folio = "AU-2020-00001",
                    Source = "/peticiones/AU-2020-00001", Address = "192.168.1.20",
                });
            }
            await db.SaveChangesAsync();
        }
    }
}
