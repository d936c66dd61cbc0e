using System.Text.Json;
using Ventanilla.Features.Archive;
using Ventanilla.Features.Expediente;
using Ventanilla.Features.Indicators;
using Ventanilla.Features.Privacy;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Privacy;

/// <summary>
/// Retention of personal data on the fake clock («today» is 27/11/2026): a preview first, then only what is past each
/// period is cleared, in whole records, the indicators stay the same, a second run finds nothing, and the daily run
/// waits until the administrator turns it on after a preview.
/// </summary>
public class RetentionTests : PetitionTestBase
{
    private Retention Retention => App.Get<Retention>();
    private SettingsService Settings => App.Get<SettingsService>();
    private static readonly Actor Admin = TestActors.Named("Ana");

    private async Task<int> VisitAsync(DateOnly day, string name)
    {
        await using var db = App.CreateDb();
        var category = await db.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
        var arrived = PetitionRows.Utc(day.ToDateTime(new TimeOnly(10, 0)));
        var visit = new Visit
        {
            ArrivedAtUtc = arrived, ServiceDate = day, ServiceCategoryId = category, VisitorName = name, Phone = "5512345678", AccountNumber = "01-234-5678",
            CalledAtUtc = arrived.AddMinutes(12), ServiceStartedAtUtc = arrived.AddMinutes(13), FinishedAtUtc = arrived.AddMinutes(25),
            Outcome = VisitOutcome.Information, OutcomeNote = $"Se le explicó el recibo a {name}",
        };
        db.Visits.Add(visit);
        await db.SaveChangesAsync();
        return visit.Id;
    }

    private Task<int> AppointmentAsync(DateOnly day, string name)
        => TestAppointments.AddAsync(App, day, name, AppointmentStatus.CheckedIn, phone: "55" + Random.Shared.Next(10_000_000, 99_999_999));

    private async Task<string> IndicatorsAsync(DateOnly month) => JsonSerializer.Serialize(await App.Get<IndicatorService>().GetMonthAsync(month));

    [Fact]
    public async Task A_preview_counts_then_applying_clears_only_what_is_past_each_period_and_the_indicators_stay_the_same()
    {
        var old = await VisitAsync(D(10, 15, 2025), "Ana Antigua");
        var recent = await VisitAsync(D(11, 20), "Beto Reciente");
        var oldAppointment = await AppointmentAsync(D(9, 1, 2025), "Carla Antigua");
        var recentAppointment = await AppointmentAsync(D(11, 2), "Dora Reciente");
        await using (var db = App.CreateDb())
        {
            // A read two years and two months ago (the log keeps 730 days), written as the log wrote it then.
            db.PersonalDataReads.Add(new PersonalDataRead
            {
                AtUtc = new DateTime(2024, 10, 1, 16, 0, 0, DateTimeKind.Utc), UserName = "rosa", Kind = PersonalDataKind.Peticion, Subject = "AU-2024-00001",
                Folio = "AU-2024-00001", Source = "/peticiones/AU-2024-00001", Address = "192.0.2.1",
            });
            await db.SaveChangesAsync();
        }
        await App.Get<AccessLog>().RecordAsync(_clerk, new PersonalRead(PersonalDataKind.Peticion, "AU-2026-00001", "AU-2026-00001"), new ReadPlace("/peticiones/AU-2026-00001", "192.0.2.1"));
        var before = await IndicatorsAsync(D(10, 1, 2025));

        var refused = await Assert.ThrowsAsync<RuleException>(() => Retention.ApplyAsync(Admin));
        Assert.StartsWith("Depurar: revise primero la vista previa", refused.Message);

        var preview = await Retention.PreviewAsync(Admin);
        Assert.Equal((D(11, 27, 2025), 1, D(11, 27, 2025), 1, D(11, 27, 2024), 1),
            (preview.VisitsBefore, preview.Visits, preview.AppointmentsBefore, preview.Appointments, preview.AccessBefore, preview.AccessLines));
        await using (var db = App.CreateDb())
        {
            Assert.Equal("Ana Antigua", (await db.Visits.SingleAsync(v => v.Id == old)).VisitorName);
        }

        var applied = await Retention.ApplyAsync(Admin);
        Assert.Equal((1, 1, 1), (applied.Visits, applied.Appointments, applied.AccessLines));
        await using (var db = App.CreateDb())
        {
            var cleared = await db.Visits.SingleAsync(v => v.Id == old);
            Assert.Equal((null, null, null, null), (cleared.VisitorName, cleared.Phone, cleared.AccountNumber, cleared.OutcomeNote));
            Assert.Equal((VisitOutcome.Information, D(10, 15, 2025)), (cleared.Outcome, cleared.ServiceDate));
            Assert.Equal("Beto Reciente", (await db.Visits.SingleAsync(v => v.Id == recent)).VisitorName);
            var anonymous = await db.Appointments.SingleAsync(a => a.Id == oldAppointment);
            Assert.Equal((Retention.AnonymousName, null, null, AppointmentStatus.CheckedIn), (anonymous.Name, anonymous.Phone, anonymous.Email, anonymous.Status));
            Assert.Equal("Dora Reciente", (await db.Appointments.SingleAsync(a => a.Id == recentAppointment)).Name);
            Assert.Equal(["AU-2026-00001"], await db.PersonalDataReads.Select(r => r.Folio!).ToListAsync());
        }
        Assert.Equal(before, await IndicatorsAsync(D(10, 1, 2025)));

        // Nothing is left for a second run; both runs and the preview are recorded.
        Assert.Equal((0, 0, 0), (await Retention.ApplyAsync(Admin)) is var again ? (again.Visits, again.Appointments, again.AccessLines) : default);
        var runs = await Retention.RunsAsync();
        Assert.Equal([false, false, true], runs.Select(r => r.DryRun));
        Assert.All(runs, r => Assert.Equal(("Ana", 365, 365, 730, null), (r.By, r.VisitDataDays, r.AppointmentDataDays, r.AccessLogDays, r.Error)));
    }

    [Fact]
    public async Task The_periods_are_checked_and_the_daily_run_starts_only_after_a_preview_with_them()
    {
        var bad = await Assert.ThrowsAsync<RuleException>(() => Retention.SaveSettingsAsync(Admin, new RetentionSettings(10, 4000, 365, false, Settings.Current.Version)));
        Assert.Equal("Datos de las visitas: de 30 a 3,650 días; se recibió 10.\nDatos de las citas: de 30 a 3,650 días; se recibió 4000.", bad.Message);
        await Retention.SaveSettingsAsync(Admin, new RetentionSettings(90, 180, 365, false, Settings.Current.Version));
        var notYet = await Assert.ThrowsAsync<RuleException>(() => Retention.SaveSettingsAsync(Admin, new RetentionSettings(90, 180, 365, true, Settings.Current.Version)));
        Assert.StartsWith("Depuración diaria: guarde primero los plazos y revise su vista previa", notYet.Message);
        var notAdmin = await Assert.ThrowsAsync<RuleException>(() => Retention.PreviewAsync(_clerk));
        Assert.Contains("Administrador", notAdmin.Message);

        var visit = await VisitAsync(D(6, 1), "Eva Junio");
        // Off: the daily run does nothing.
        Assert.Equal(0, await Retention.RunDailyAsync());
        await Retention.PreviewAsync(Admin);
        await Retention.SaveSettingsAsync(Admin, new RetentionSettings(90, 180, 365, true, Settings.Current.Version));
        Assert.Equal(1, await Retention.RunDailyAsync());
        await using var db = App.CreateDb();
        Assert.Null((await db.Visits.SingleAsync(v => v.Id == visit)).VisitorName);
        Assert.Equal(Actor.SystemName, (await Retention.RunsAsync())[0].By);
    }

    /// <summary>A document stored as an upload stores it (its bytes under their hash), belonging to a petition or a visit.</summary>
    private async Task<(int Id, string Sha)> DocumentAsync(int? petitionId, int? visitId, string text, DateTime? withdrawnUtc = null)
    {
        var store = App.Get<AttachmentStore>();
        var received = await store.ReceiveAsync(new MemoryStream(TestDocuments.Pdf(1, text)), 1 << 24, "escrito.pdf", default);
        store.Keep(received);
        await using var db = App.CreateDb();
        var a = new Attachment
        {
            PetitionId = petitionId, VisitId = visitId, Kind = AttachmentKind.Identificacion, FileName = $"INE de {text}.pdf", ContentType = received.Type.ContentType,
            Sha256 = received.Sha256, Bytes = received.Bytes, UploadedAtUtc = PetitionRows.Utc(new DateTime(2018, 5, 2, 10, 0, 0)), UploadedByName = "rosa",
            WithdrawnAtUtc = withdrawnUtc, WithdrawnByName = withdrawnUtc is null ? null : "rosa", WithdrawnReason = withdrawnUtc is null ? null : "Ilegible",
        };
        db.Attachments.Add(a);
        await db.SaveChangesAsync();
        return (a.Id, a.Sha256);
    }

    private async Task<int> ClosedFileAsync(string folio, DateTime closedLocal, int typeId, string name)
    {
        await using var db = App.CreateDb();
        var p = PetitionRows.Make(closedLocal.AddDays(-20), DateOnly.FromDateTime(closedLocal.AddDays(-20)), typeId, PetitionStatus.Cerrada);
        (p.Folio, p.ClosedAtUtc, p.PetitionerName, p.SearchName, p.Phone, p.Address) = (folio, PetitionRows.Utc(closedLocal), name, name.ToLowerInvariant(), "5512345678", "Calle Juárez 4");
        db.Petitions.Add(p);
        await db.SaveChangesAsync();
        return p.Id;
    }

    [Fact]
    public async Task Closed_files_whose_series_ends_in_disposal_lose_their_personal_data_and_documents_when_their_retention_ends_and_the_indicators_stay()
    {
        // A second type in a series kept for the historical archive.
        var catalog = App.Get<ArchiveCatalog>();
        int historic, otherType;
        await using (var db = App.CreateDb())
        {
            otherType = await db.PetitionTypes.Where(t => t.Id != _type && t.ArcoRight == null).OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        }
        historic = await catalog.SaveAsync(Admin, new SeriesInput(null, "AU.02", "Convenios de pago", 2, 5, ArchiveDisposal.Historico, true));
        var typeVersion = (await catalog.TypesAsync()).Single(t => t.TypeId == otherType).Version;
        await catalog.AssignAsync(Admin, otherType, historic, typeVersion);

        var disposed = await ClosedFileAsync("AR-2018-00001", new DateTime(2018, 6, 1, 12, 0, 0), _type, "Ana Antigua");
        var kept = await ClosedFileAsync("AR-2018-00002", new DateTime(2018, 6, 4, 12, 0, 0), otherType, "Beto Histórico");
        var recent = await ClosedFileAsync("AR-2024-00001", new DateTime(2024, 6, 3, 12, 0, 0), _type, "Carla Reciente");
        var visit = await VisitAsync(D(6, 1, 2025), "Dora Visita");
        var (_, disposedScan) = await DocumentAsync(disposed, null, "Ana");
        var (_, keptScan) = await DocumentAsync(kept, null, "Beto");
        var (_, recentScan) = await DocumentAsync(recent, null, "Carla");
        var (_, withdrawnScan) = await DocumentAsync(recent, null, "Carla ilegible", withdrawnUtc: new DateTime(2025, 1, 10, 16, 0, 0, DateTimeKind.Utc));
        var (_, visitScan) = await DocumentAsync(null, visit, "Dora");
        await App.Get<ArchiveClassification>().ClassifyPendingAsync();
        var before = await IndicatorsAsync(D(6, 1, 2018));

        var preview = await Retention.PreviewAsync(Admin);
        Assert.Equal((1, 2, D(11, 27, 2025)), (preview.Petitions, preview.Documents, preview.DocumentsBefore));
        var applied = await Retention.ApplyAsync(Admin);
        Assert.Equal((1, 2), (applied.Petitions, applied.Documents));

        var store = App.Get<AttachmentStore>();
        Assert.Equal((false, true, true, false, false),
            (store.Exists(disposedScan), store.Exists(keptScan), store.Exists(recentScan), store.Exists(withdrawnScan), store.Exists(visitScan)));
        await using (var db = App.CreateDb())
        {
            var p = await db.Petitions.SingleAsync(x => x.Id == disposed);
            Assert.Equal((Anonymizer.AnonymousName, null, null, "AR-2018-00001", PetitionStatus.Cerrada), (p.PetitionerName, p.Phone, p.Address, p.Folio, p.Status));
            Assert.Equal("Beto Histórico", await db.Petitions.Where(x => x.Id == kept).Select(x => x.PetitionerName).SingleAsync());
            Assert.Equal("Carla Reciente", await db.Petitions.Where(x => x.Id == recent).Select(x => x.PetitionerName).SingleAsync());
            Assert.Equal(3, await db.Attachments.CountAsync(a => a.ErasedAtUtc != null));
            var history = await db.PetitionEvents.Where(e => e.PetitionId == disposed).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
            Assert.Equal("Datos personales eliminados al terminar su conservación", history[^1]);
            var change = await db.PersonalDataChanges.SingleAsync(c => c.Record == "Petición AR-2018-00001");
            Assert.Equal((PersonalDataAction.Conservacion, null, "Ana"), (change.Action, change.ArcoFolio, change.By));
        }
        Assert.Equal(before, await IndicatorsAsync(D(6, 1, 2018)));
        var again = await Retention.ApplyAsync(Admin);
        Assert.Equal((0, 0), (again.Petitions, again.Documents));
    }
}
