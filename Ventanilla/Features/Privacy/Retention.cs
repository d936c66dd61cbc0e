namespace Ventanilla.Features.Privacy;

/// <summary>The retention periods as the page edits them (days).</summary>
public sealed record RetentionSettings(int VisitDataDays, int AppointmentDataDays, int AccessLogDays, bool Automatic, long Version, int DocumentDays = AppSettings.DefaultRetainDocumentDays)
{
    public const int MinDays = 30;
    public const int MaxDays = 3650;

    public static RetentionSettings From(AppSettings s)
        => new(s.RetainVisitDataDays, s.RetainAppointmentDataDays, s.RetainAccessLogDays, s.RetentionAutomatic, s.Version, s.RetainDocumentDays);
}

/// <summary>What a run found (a preview) or cleared (applied), with the dates it cut at.</summary>
/// <param name="Petitions">Closed files whose archive retention ended with «baja documental» (their date is each file's own).</param>
public sealed record RetentionReport(DateOnly VisitsBefore, int Visits, DateOnly AppointmentsBefore, int Appointments, DateOnly AccessBefore, int AccessLines,
    int Petitions = 0, DateOnly DocumentsBefore = default, int Documents = 0);

/// <summary>A run as the page's history lists it.</summary>
public sealed record RetentionRunRow(long Id, DateTime StartedLocal, DateTime? FinishedLocal, bool DryRun, string By, int VisitDataDays, int AppointmentDataDays,
    int AccessLogDays, int Visits, int Appointments, int AccessLines, string? Error, int DocumentDays = 0, int Petitions = 0, int Documents = 0);

/// <summary>
/// Retention of personal data: past the office's periods, what kiosk visitors typed and the desk's note are cleared
/// from the visits, an appointment's name and contact are replaced, the access log's lines are removed, documents no
/// file needs (a visit's that never became a petition, ones staff withdrew) are erased, and a closed file whose archive
/// series ends in «baja documental» has its personal data replaced and its documents erased once its semi-active period
/// is over (<see cref="Anonymizer"/>). Visits, appointments, petitions and their times stay, so every count and
/// indicator is the same before and after. A preview counts
/// what would go and is recorded; applying requires a preview with the same periods, works in batches that each commit
/// whole (a run stopped half-way is finished by the next one; no record is left half-cleared) and records what it did.
/// Runs by itself every day once the administrator turns it on.
/// </summary>
public sealed class Retention(
    IDbContextFactory<AppDbContext> dbFactory, SettingsService settings, OfficeClock office, Anonymizer anonymizer, TimeProvider time, ILogger<Retention> logger)
    : PeriodicJob(time, logger)
{
    public const string AnonymousName = Anonymizer.AnonymousName;
    private const int Batch = 1000;
    /// <summary>A file touches its deliveries, notices, documents and history: fewer per transaction.</summary>
    private const int PetitionBatch = 200;

    protected override TimeSpan Every => TimeSpan.FromDays(1);
    protected override string DoneMessage => "Datos personales depurados por la conservación";
    protected override string FailedMessage => "No se pudo completar la depuración de datos personales; se reintentará mañana.";

    protected override Task<int> RunOnceAsync(CancellationToken ct) => RunDailyAsync(ct);

    /// <summary>The day's run: nothing while the daily run is off; else what the periods in force say is past.</summary>
    public async Task<int> RunDailyAsync(CancellationToken ct = default)
    {
        if (!settings.Current.RetentionAutomatic) return 0;
        var done = await RunAsync(Actor.SystemName, dryRun: false, ct);
        return done.Visits + done.Appointments + done.AccessLines + done.Petitions + done.Documents;
    }

    /// <summary>Changes the periods (and the daily run); turning the daily run on needs a preview with these periods.</summary>
    public async Task SaveSettingsAsync(Actor actor, RetentionSettings input, CancellationToken ct = default)
    {
        actor.Require("Cambiar la conservación de datos personales", Roles.Administrador);
        var errors = new List<string>();
        void Check(int days, string field)
        {
            if (days is < RetentionSettings.MinDays or > RetentionSettings.MaxDays)
            {
                errors.Add($"{field}: de {RetentionSettings.MinDays} a {RetentionSettings.MaxDays:N0} días; se recibió {days}.");
            }
        }
        Check(input.VisitDataDays, "Datos de las visitas");
        Check(input.AppointmentDataDays, "Datos de las citas");
        Check(input.AccessLogDays, "Bitácora de accesos");
        Check(input.DocumentDays, "Documentos sin expediente o retirados");
        RuleException.ThrowIfAny(errors);
        if (input.Automatic && !await PreviewedAsync(input.VisitDataDays, input.AppointmentDataDays, input.AccessLogDays, input.DocumentDays, ct))
        {
            throw new RuleException("Depuración diaria: guarde primero los plazos y revise su vista previa; después enciéndala.");
        }
        await settings.SaveAsync(actor, input.Version, (_, row) =>
            (row.RetainVisitDataDays, row.RetainAppointmentDataDays, row.RetainAccessLogDays, row.RetainDocumentDays, row.RetentionAutomatic) =
            (input.VisitDataDays, input.AppointmentDataDays, input.AccessLogDays, input.DocumentDays, input.Automatic), ct);
    }

    /// <summary>Counts what the periods in force would clear today, changing nothing, and records the preview.</summary>
    public Task<RetentionReport> PreviewAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require("Revisar la conservación de datos personales", Roles.Administrador);
        return RunAsync(actor.UserName, dryRun: true, ct);
    }

    /// <summary>Clears now what the periods in force say is past; refused without a preview of those periods.</summary>
    public async Task<RetentionReport> ApplyAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require("Depurar datos personales", Roles.Administrador);
        var s = settings.Current;
        if (!await PreviewedAsync(s.RetainVisitDataDays, s.RetainAppointmentDataDays, s.RetainAccessLogDays, s.RetainDocumentDays, ct))
        {
            throw new RuleException("Depurar: revise primero la vista previa con los plazos en vigor.");
        }
        return await RunAsync(actor.UserName, dryRun: false, ct);
    }

    public async Task<IReadOnlyList<RetentionRunRow>> RunsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.RetentionRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);
        return [.. rows.Select(r => new RetentionRunRow(r.Id, office.ToLocal(r.StartedAtUtc), r.FinishedAtUtc is { } f ? office.ToLocal(f) : null, r.DryRun, r.By,
            r.VisitDataDays, r.AppointmentDataDays, r.AccessLogDays, r.Visits, r.Appointments, r.AccessLines, r.Error, r.DocumentDays, r.Petitions, r.Documents))];
    }

    private async Task<bool> PreviewedAsync(int visitDays, int appointmentDays, int accessDays, int documentDays, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RetentionRuns.AnyAsync(r => r.DryRun && r.FinishedAtUtc != null
            && r.VisitDataDays == visitDays && r.AppointmentDataDays == appointmentDays && r.AccessLogDays == accessDays && r.DocumentDays == documentDays, ct);
    }

    private async Task<RetentionReport> RunAsync(string by, bool dryRun, CancellationToken ct)
    {
        var s = settings.Current;
        var today = office.Today();
        var (visitsBefore, appointmentsBefore, accessBefore) = (today.AddDays(-s.RetainVisitDataDays), today.AddDays(-s.RetainAppointmentDataDays), today.AddDays(-s.RetainAccessLogDays));
        var accessBeforeUtc = office.DaysUtc(accessBefore, null).FromUtc!.Value;
        var documentsBefore = today.AddDays(-s.RetainDocumentDays);
        var documentsBeforeUtc = office.DaysUtc(documentsBefore, null).FromUtc!.Value;
        var run = new RetentionRun
        {
            StartedAtUtc = office.UtcNow(), DryRun = dryRun, By = by,
            VisitDataDays = s.RetainVisitDataDays, AppointmentDataDays = s.RetainAppointmentDataDays, AccessLogDays = s.RetainAccessLogDays,
            DocumentDays = s.RetainDocumentDays,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.RetentionRuns.Add(run);
            await db.SaveChangesAsync(ct);
        }
        try
        {
            if (dryRun)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                run.Visits = await VisitsPast(db, visitsBefore, 0).CountAsync(ct);
                run.Appointments = await AppointmentsPast(db, appointmentsBefore, 0).CountAsync(ct);
                run.AccessLines = await db.PersonalDataReads.CountAsync(r => r.AtUtc < accessBeforeUtc, ct);
                run.Petitions = await FilesPast(db, today, 0).CountAsync(ct);
                run.Documents = await DocumentsPast(db, documentsBefore, documentsBeforeUtc, 0).CountAsync(ct);
            }
            else
            {
                run.Visits = await InBatchesAsync(async (db, after, c) =>
                {
                    var ids = await VisitsPast(db, visitsBefore, after).OrderBy(v => v.Id).Select(v => v.Id).Take(Batch).ToListAsync(c);
                    await db.Visits.Where(v => ids.Contains(v.Id)).ExecuteUpdateAsync(u => u.SetProperty(v => v.VisitorName, (string?)null)
                        .SetProperty(v => v.AccountNumber, (string?)null).SetProperty(v => v.Phone, (string?)null)
                        .SetProperty(v => v.OutcomeNote, (string?)null).SetProperty(v => v.DraftSubject, (string?)null), c);
                    return [.. ids.Select(x => (long)x)];
                }, ct);
                run.Appointments = await InBatchesAsync(async (db, after, c) =>
                {
                    var ids = await AppointmentsPast(db, appointmentsBefore, after).OrderBy(a => a.Id).Select(a => a.Id).Take(Batch).ToListAsync(c);
                    var now = office.UtcNow();
                    await db.Appointments.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(u => u.SetProperty(a => a.Name, AnonymousName)
                        .SetProperty(a => a.Phone, (string?)null).SetProperty(a => a.Email, (string?)null).SetProperty(a => a.AccountNumber, (string?)null)
                        .SetProperty(a => a.AnonymizedAtUtc, now), c);
                    return [.. ids.Select(x => (long)x)];
                }, ct);
                run.AccessLines = await InBatchesAsync(async (db, after, c) =>
                {
                    var ids = await db.PersonalDataReads.Where(r => r.Id > after && r.AtUtc < accessBeforeUtc).OrderBy(r => r.Id).Select(r => r.Id).Take(Batch).ToListAsync(c);
                    await db.PersonalDataReads.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(c);
                    return ids;
                }, ct);
                var why = new Anonymizer.Reason(by, office.UtcNow(), PersonalDataAction.Conservacion, null, "Fin de su conservación");
                var erase = new List<string>();
                run.Petitions = await InBatchesAsync(async (db, after, c) =>
                {
                    var ids = await FilesPast(db, today, after).OrderBy(p => p.Id).Select(p => p.Id).Take(PetitionBatch).ToListAsync(c);
                    erase.AddRange(await anonymizer.PetitionsAsync(db, ids, why, Petitions.PetitionEvents.RetentionEnded, c));
                    await db.SaveChangesAsync(c);
                    return [.. ids.Select(x => (long)x)];
                }, ct);
                run.Documents = await InBatchesAsync(async (db, after, c) =>
                {
                    var ids = await DocumentsPast(db, documentsBefore, documentsBeforeUtc, after).OrderBy(a => a.Id).Select(a => a.Id).Take(Batch).ToListAsync(c);
                    erase.AddRange(await anonymizer.DocumentsAsync(db, db.Attachments.Where(a => ids.Contains(a.Id)), why, c));
                    await db.SaveChangesAsync(c);
                    return [.. ids.Select(x => (long)x)];
                }, ct);
                // Also the files an earlier run marked erased but could not remove then.
                erase.AddRange(await ErasedHashesAsync(ct));
                await anonymizer.EraseFilesAsync(dbFactory, erase, ct);
            }
            run.FinishedAtUtc = office.UtcNow();
            return new RetentionReport(visitsBefore, run.Visits, appointmentsBefore, run.Appointments, accessBefore, run.AccessLines, run.Petitions, documentsBefore, run.Documents);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            run.Error = TextLimits.Clip(ex.Message, 1000);
            throw;
        }
        finally
        {
            // What the run did (or how far it got) is recorded whatever happened.
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            db.RetentionRuns.Update(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>Visits before the cut that still hold something a visitor typed or a desk wrote.</summary>
    private static IQueryable<Visit> VisitsPast(AppDbContext db, DateOnly before, long after)
        => db.Visits.Where(v => v.Id > after && v.ServiceDate < before
            && (v.VisitorName != null || v.AccountNumber != null || v.Phone != null || v.OutcomeNote != null || v.DraftSubject != null));

    /// <summary>Closed files past their semi-active period in a series whose final destination is «baja documental», not anonymised yet.</summary>
    private static IQueryable<Petition> FilesPast(AppDbContext db, DateOnly today, long after)
        => db.Petitions.Where(p => p.Id > after && p.AnonymizedAtUtc == null && p.ArchiveSemiActiveUntil < today
            && db.ArchiveSeries.Any(s => s.Id == p.ArchiveSeriesId && s.Disposal == ArchiveDisposal.Baja));

    /// <summary>Documents no file needs, past the documents' period: a visit's that never became a petition, and withdrawn ones.</summary>
    private static IQueryable<Attachment> DocumentsPast(AppDbContext db, DateOnly before, DateTime beforeUtc, long after)
        => db.Attachments.Where(a => a.Id > after && a.ErasedAtUtc == null
            && ((a.PetitionId == null && a.Visit!.ServiceDate < before) || a.WithdrawnAtUtc < beforeUtc));

    private async Task<List<string>> ErasedHashesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Attachments.Where(a => a.ErasedAtUtc != null).Select(a => a.Sha256).Distinct().ToListAsync(ct);
    }

    private static IQueryable<Appointment> AppointmentsPast(AppDbContext db, DateOnly before, long after)
        => db.Appointments.Where(a => a.Id > after && a.Day < before && a.AnonymizedAtUtc == null);

    /// <summary>
    /// Runs <paramref name="batch"/> (which changes the next rows after an id and returns their ids) until nothing is left,
    /// each batch in its own transaction and walking up the ids (a row done is not read again), so memory stays flat and a
    /// run stopped half-way loses no batch and leaves no row half-done.
    /// </summary>
    private async Task<int> InBatchesAsync(Func<AppDbContext, long, CancellationToken, Task<List<long>>> batch, CancellationToken ct)
    {
        var done = 0;
        long last = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ids = await batch(db, last, ct);
            if (ids.Count == 0) return done;
            await tx.CommitAsync(ct);
            done += ids.Count;
            last = ids[^1];
        }
    }
}
