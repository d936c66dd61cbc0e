namespace Ventanilla.Features.Privacy;

/// <summary>The retention periods as the page edits them (days).</summary>
public sealed record RetentionSettings(int VisitDataDays, int AppointmentDataDays, int AccessLogDays, bool Automatic, long Version)
{
    public const int MinDays = 30;
    public const int MaxDays = 3650;

    public static RetentionSettings From(AppSettings s) => new(s.RetainVisitDataDays, s.RetainAppointmentDataDays, s.RetainAccessLogDays, s.RetentionAutomatic, s.Version);
}

/// <summary>What a run found (a preview) or cleared (applied), with the dates it cut at.</summary>
public sealed record RetentionReport(DateOnly VisitsBefore, int Visits, DateOnly AppointmentsBefore, int Appointments, DateOnly AccessBefore, int AccessLines);

/// <summary>A run as the page's history lists it.</summary>
public sealed record RetentionRunRow(long Id, DateTime StartedLocal, DateTime? FinishedLocal, bool DryRun, string By, int VisitDataDays, int AppointmentDataDays,
    int AccessLogDays, int Visits, int Appointments, int AccessLines, string? Error);

/// <summary>
/// Retention of personal data: past the office's periods, what kiosk visitors typed and the desk's note are cleared
/// from the visits, an appointment's name and contact are replaced, and the access log's lines are removed. Visits,
/// appointments and their times stay, so every count and indicator is the same before and after. A preview counts
/// what would go and is recorded; applying requires a preview with the same periods, works in batches that each commit
/// whole (a run stopped half-way is finished by the next one; no record is left half-cleared) and records what it did.
/// Runs by itself every day once the administrator turns it on.
/// </summary>
public sealed class Retention(IDbContextFactory<AppDbContext> dbFactory, SettingsService settings, OfficeClock office, TimeProvider time, ILogger<Retention> logger)
    : PeriodicJob(time, logger)
{
    public const string AnonymousName = "(anonimizado)";
    private const int Batch = 1000;

    protected override TimeSpan Every => TimeSpan.FromDays(1);
    protected override string DoneMessage => "Datos personales depurados por la conservación";
    protected override string FailedMessage => "No se pudo completar la depuración de datos personales; se reintentará mañana.";

    protected override Task<int> RunOnceAsync(CancellationToken ct) => RunDailyAsync(ct);

    /// <summary>The day's run: nothing while the daily run is off; else what the periods in force say is past.</summary>
    public async Task<int> RunDailyAsync(CancellationToken ct = default)
    {
        if (!settings.Current.RetentionAutomatic) return 0;
        var done = await RunAsync(Actor.SystemName, dryRun: false, ct);
        return done.Visits + done.Appointments + done.AccessLines;
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
        RuleException.ThrowIfAny(errors);
        if (input.Automatic && !await PreviewedAsync(input.VisitDataDays, input.AppointmentDataDays, input.AccessLogDays, ct))
        {
            throw new RuleException("Depuración diaria: guarde primero los plazos y revise su vista previa; después enciéndala.");
        }
        await settings.SaveAsync(actor, input.Version, (_, row) =>
            (row.RetainVisitDataDays, row.RetainAppointmentDataDays, row.RetainAccessLogDays, row.RetentionAutomatic) =
            (input.VisitDataDays, input.AppointmentDataDays, input.AccessLogDays, input.Automatic), ct);
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
        if (!await PreviewedAsync(s.RetainVisitDataDays, s.RetainAppointmentDataDays, s.RetainAccessLogDays, ct))
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
            r.VisitDataDays, r.AppointmentDataDays, r.AccessLogDays, r.Visits, r.Appointments, r.AccessLines, r.Error))];
    }

    private async Task<bool> PreviewedAsync(int visitDays, int appointmentDays, int accessDays, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RetentionRuns.AnyAsync(r => r.DryRun && r.FinishedAtUtc != null
            && r.VisitDataDays == visitDays && r.AppointmentDataDays == appointmentDays && r.AccessLogDays == accessDays, ct);
    }

    private async Task<RetentionReport> RunAsync(string by, bool dryRun, CancellationToken ct)
    {
        var s = settings.Current;
        var today = office.Today();
        var (visitsBefore, appointmentsBefore, accessBefore) = (today.AddDays(-s.RetainVisitDataDays), today.AddDays(-s.RetainAppointmentDataDays), today.AddDays(-s.RetainAccessLogDays));
        var accessBeforeUtc = office.DaysUtc(accessBefore, null).FromUtc!.Value;
        var run = new RetentionRun
        {
            StartedAtUtc = office.UtcNow(), DryRun = dryRun, By = by,
            VisitDataDays = s.RetainVisitDataDays, AppointmentDataDays = s.RetainAppointmentDataDays, AccessLogDays = s.RetainAccessLogDays,
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
            }
            run.FinishedAtUtc = office.UtcNow();
            return new RetentionReport(visitsBefore, run.Visits, appointmentsBefore, run.Appointments, accessBefore, run.AccessLines);
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
