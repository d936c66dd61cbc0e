using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;
using Ventanilla.Features.Privacy;
using Ventanilla.Features.Shared;

namespace Ventanilla.Benchmarks;

/// <summary>
/// Budget: a retention run over 200,000 visits (and 50,000 appointments, 500,000 access-log lines, 50,000 closed files
/// at the end of their archive retention with a stored document each, and 10,000 withdrawn documents), all past their
/// periods, finishes in minutes with flat memory. The real services over SQLite on disk; the memory is the process's
/// working set, sampled every 100 ms during the run, against the one before it.
/// </summary>
public static class RetentionBenchmark
{
    public static readonly TimeSpan TimeBudget = TimeSpan.FromMinutes(5);
    public const long GrowthBudgetBytes = 100L * 1024 * 1024;

    public static async Task<bool> RunAsync(int visits = 200_000, int appointments = 50_000, int accessLines = 500_000, int files = 50_000, int withdrawn = 10_000)
    {
        await using var app = await AppServer.StartAsync();
        await SeedAsync(app, visits, appointments, accessLines);
        await SeedFilesAsync(app, files, withdrawn);
        var admin = Actor.WithEveryRole("Benchmark");
        var retention = app.Get<Retention>();

        await using var memory = WorkingSet.Sample();
        var preview = Stopwatch.StartNew();
        var found = await retention.PreviewAsync(admin);
        preview.Stop();
        var apply = Stopwatch.StartNew();
        var done = await retention.ApplyAsync(admin);
        apply.Stop();
        await memory.StopAsync();
        var (startBytes, peak) = (memory.StartBytes, memory.PeakBytes);

        var growth = peak - startBytes;
        var ok = done.Visits == visits && done.Appointments == appointments && done.AccessLines == accessLines && done.Petitions == files && done.Documents == withdrawn
            && apply.Elapsed <= TimeBudget && growth <= GrowthBudgetBytes;
        Console.WriteLine($"Conservación: {visits:N0} visitas, {appointments:N0} citas, {accessLines:N0} líneas de bitácora, {files:N0} expedientes cerrados " +
            $"(con un documento cada uno) y {withdrawn:N0} documentos retirados, vencidos (SQLite en disco).");
        Console.WriteLine($"  vista previa: {preview.Elapsed.TotalSeconds:0.0} s ({found.Visits:N0} · {found.Appointments:N0} · {found.AccessLines:N0} · {found.Petitions:N0} · {found.Documents:N0})");
        Console.WriteLine($"  depuración: {apply.Elapsed.TotalSeconds:0.0} s ({done.Visits:N0} · {done.Appointments:N0} · {done.AccessLines:N0} · {done.Petitions:N0} · {done.Documents:N0})  presupuesto ≤ {TimeBudget.TotalMinutes} min");
        Console.WriteLine($"  memoria: {startBytes / 1048576} MB al empezar, máximo {peak / 1048576} MB (+{growth / 1048576} MB)  presupuesto ≤ +{GrowthBudgetBytes / 1048576} MB");
        Console.WriteLine($"  {(ok ? "CUMPLE" : "NO CUMPLE")}");
        return ok;
    }

    /// <summary>
    /// Closed files, classified in the default series (baja documental) with their semi-active period over, each with one
    /// stored document; and withdrawn documents past the documents' period. Files are small (a JPEG's header and a few
    /// bytes) but real: the run erases them from the store.
    /// </summary>
    private static async Task SeedFilesAsync(AppServer app, int files, int withdrawn)
    {
        var factory = app.Get<IDbContextFactory<AppDbContext>>();
        var store = app.Get<Ventanilla.Features.Expediente.AttachmentStore>();
        var today = app.Get<OfficeClock>().Today();
        int type, series;
        await using (var db = factory.CreateDbContext())
        {
            type = await db.PetitionTypes.Where(t => t.ArcoRight == null).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
            series = await db.ArchiveSeries.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        }
        var closedDay = today.AddYears(-8);
        for (var first = 0; first < files + withdrawn; first += 5_000)
        {
            await using var db = factory.CreateDbContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var last = Math.Min(files + withdrawn, first + 5_000);
            var petitions = new List<Petition>();
            for (var i = first; i < last; i++)
            {
                var received = closedDay.AddDays(-20).ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc);
                petitions.Add(new Petition
                {
                    Folio = $"BR-{closedDay.Year}-{i:000000}", FolioYear = closedDay.Year, FolioNumber = i + 1, ReceivedAtUtc = received, DayZero = closedDay.AddDays(-20),
                    PetitionerName = $"Solicitante {i}", SearchName = $"solicitante {i}", Phone = "5512345678", Address = "Calle 1", AccountNumber = $"{i:00-000-0000}",
                    PetitionTypeId = type, Subject = "Cobro", Status = PetitionStatus.Cerrada, DueDate = closedDay, ResponseDate = closedDay, OnTime = true,
                    ClosedAtUtc = closedDay.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc), CreatedAtUtc = received,
                    // The withdrawn documents' files are younger: still in their archive period.
                    ArchiveSeriesId = series, ArchiveActiveUntil = i < files ? closedDay.AddYears(2) : today.AddYears(1), ArchiveSemiActiveUntil = i < files ? closedDay.AddYears(7) : today.AddYears(6),
                });
            }
            db.Petitions.AddRange(petitions);
            await db.SaveChangesAsync();
            for (var i = first; i < last; i++)
            {
                // A JPEG's first bytes and something of its own: one stored file per document.
                byte[] bytes = [0xFF, 0xD8, 0xFF, 0xE0, .. BitConverter.GetBytes(i), .. new byte[64]];
                var received = await store.ReceiveAsync(new MemoryStream(bytes), 1 << 20, "ine.jpg", default);
                store.Keep(received);
                var p = petitions[i - first];
                db.Attachments.Add(new Attachment
                {
                    PetitionId = p.Id, Kind = AttachmentKind.Identificacion, FileName = "ine.jpg", ContentType = received.Type.ContentType, Sha256 = received.Sha256,
                    Bytes = received.Bytes, UploadedAtUtc = p.ReceivedAtUtc, UploadedByName = "Persona",
                    WithdrawnAtUtc = i < files ? null : today.AddDays(-400).ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc),
                    WithdrawnByName = i < files ? null : "Persona", WithdrawnReason = i < files ? null : "Ilegible",
                });
            }
            await db.SaveChangesAsync();
        }
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
