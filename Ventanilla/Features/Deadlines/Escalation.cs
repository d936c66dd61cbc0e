using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Deadlines;

/// <summary>
/// Staged escalation on the legal clock: when a still-open petition reaches each configured share of its term (by
/// default 50 %, 80 % and 100 % of the 15 business days, counted as the clock counts them: day 0 excluded, holidays and
/// paused days left out), the staff who should act are told once — first the liaisons of the areas holding it (Atención a
/// Usuarios when no area holds it), then Atención a Usuarios, then the Dirección Comercial — in the app and by e-mail
/// when they have an address. A petition waiting on the citizen does not escalate; on the last day of a third party's
/// proof term Atención a Usuarios is told. Each stage is recorded under a unique key first, so no stage is ever sent
/// twice, across restarts and instances.
/// </summary>
public sealed class Escalation(
    IDbContextFactory<AppDbContext> dbFactory, CalendarService calendar, SettingsService settings, OfficeClock office, LiveUpdates live,
    TimeProvider time, ILogger<Escalation> logger) : PeriodicJob(time, logger)
{
    protected override TimeSpan Every => TimeSpan.FromMinutes(10);
    protected override string DoneMessage => "Avisos de escalamiento enviados";
    protected override string FailedMessage => "No se pudieron enviar los avisos de escalamiento; se reintentará.";
    protected override Task<int> RunOnceAsync(CancellationToken ct) => RunAsync(ct);

    /// <summary>The stage number of the ownership proof's last day.</summary>
    public const int ProofLastDay = 0;

    private static readonly PetitionStatus[] Running = [PetitionStatus.Registrada, PetitionStatus.Turnada, PetitionStatus.EnRespuesta, PetitionStatus.EnRevision];

    /// <summary>«50,80,100» → [50, 80, 100]: 1 to 3 shares from 1 to 100, ascending; null for anything else.</summary>
    public static IReadOnlyList<int>? ParseStages(string? text)
    {
        var parsed = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, out var n) ? n : -1).ToList();
        return parsed.Count is > 0 and <= 3 && parsed.All(n => n is >= 1 and <= 100) && parsed.SequenceEqual(parsed.Order().Distinct()) ? parsed : null;
    }

    /// <summary>The stages in force; a stored text that no longer reads falls back to the default.</summary>
    public static IReadOnlyList<int> Stages(string? text) => ParseStages(text) ?? ParseStages(AppSettings.DefaultEscalationStages)!;

    /// <summary>The day a petition reaches <paramref name="percent"/> of its term: the date of its counted day ⌈term × share⌉.</summary>
    public static DateOnly StageDate(LegalClock clock, DateOnly dayZero, int termDays, int percent, IReadOnlyCollection<ClockPause>? pauses)
        => clock.DueDate(dayZero, Math.Max(1, (int)Math.Ceiling(termDays * percent / 100.0)), pauses);

    /// <summary>Sends every stage due today and not sent before; returns how many stages were sent.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var clock = calendar.Clock();
        var today = office.Today();
        var stages = Stages(settings.Current.EscalationStages);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var last = stages[^1];
        // Open petitions with a stage still to send (one that told its last stage is not read again): the running ones,
        // and the third parties whose proof term ends today.
        var pending = db.Petitions.Where(p =>
            Running.Contains(p.Status) && !db.EscalationsSent.Any(e => e.PetitionId == p.Id && e.Stage == last)
            || p.Status == PetitionStatus.EsperandoUsuario && p.ProofDueDate == today && !db.EscalationsSent.Any(e => e.PetitionId == p.Id && e.Stage == ProofLastDay));
        var open = await pending.AsNoTracking()
            .Select(p => new { p.Id, p.Folio, p.Status, p.DayZero, p.TermDays, p.DueDate, p.ProofDueDate })
            .ToListAsync(ct);
        if (open.Count == 0) return 0;
        // Their stages sent and their pauses, each by a join on the same condition (not a list of a city's ids as a parameter).
        var sent = (await db.EscalationsSent.AsNoTracking().Join(pending, e => e.PetitionId, p => p.Id, (e, p) => new { e.PetitionId, e.Stage }).ToListAsync(ct))
            .Select(e => (e.PetitionId, e.Stage)).ToHashSet();
        var pauses = (await db.PetitionPauses.AsNoTracking().Join(pending, x => x.PetitionId, p => p.Id, (x, p) => new { x.PetitionId, x.StartDate, x.EndDate }).ToListAsync(ct))
            .ToLookup(x => x.PetitionId, x => new ClockPause(x.StartDate, x.EndDate));

        var due = new List<(int Id, string Folio, int Stage, int Step, DateOnly DueDate)>();
        foreach (var p in open)
        {
            if (p.Status == PetitionStatus.EsperandoUsuario)
            {
                if (!sent.Contains((p.Id, ProofLastDay))) due.Add((p.Id, p.Folio, ProofLastDay, 1, p.ProofDueDate!.Value));
                continue;
            }
            var paused = pauses.Contains(p.Id) ? pauses[p.Id].ToList() : null;
            // Only the highest stage reached is sent: a petition found late (the server was off) tells the last one due.
            var reached = stages.Select((percent, step) => (percent, step)).LastOrDefault(s => StageDate(clock, p.DayZero, p.TermDays, s.percent, paused) <= today);
            if (reached.percent == 0 || sent.Contains((p.Id, reached.percent))) continue;
            due.Add((p.Id, p.Folio, reached.percent, reached.step, p.DueDate));
        }
        var count = 0;
        foreach (var stage in due)
        {
            if (await SendAsync(stage.Id, stage.Folio, stage.Stage, stage.Step, stage.DueDate, stages, ct)) count++;
        }
        if (count > 0) live.Publish(LiveTopic.StaffNotices | LiveTopic.Notices);
        return count;
    }

    private async Task<bool> SendAsync(int petitionId, string folio, int stage, int step, DateOnly dueDate, IReadOnlyList<int> stages, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = office.UtcNow();
        // The stage and every lower one are marked sent first: a unique key, so another instance's insert fails and it sends nothing.
        var already = await db.EscalationsSent.Where(e => e.PetitionId == petitionId).Select(e => e.Stage).ToListAsync(ct);
        if (already.Contains(stage)) return false;
        foreach (var s in stage == ProofLastDay ? [stage] : stages.Where(s => s <= stage && !already.Contains(s)))
        {
            db.EscalationsSent.Add(new EscalationSent { PetitionId = petitionId, Stage = s, SentAtUtc = now });
        }
        var recipients = await RecipientsAsync(db, petitionId, stage == ProofLastDay ? 1 : Math.Min(step, 2), ct);
        var (title, body) = stage == ProofLastDay
            ? ($"{folio}: hoy vence el plazo para acreditar la propiedad",
               $"La petición {folio} espera que el tercero acredite la propiedad; el plazo vence hoy ({dueDate:dd/MM/yyyy}). Mañana se cierra sin acreditación si no llega.")
            : ($"{folio}: {(stage >= 100 ? "vence hoy su plazo legal" : $"lleva el {stage} % de su plazo legal")}",
               $"La petición {folio} sigue abierta y {(stage >= 100 ? "hoy vence" : "vence el")} {dueDate:dd/MM/yyyy} su plazo de respuesta. Revise su avance.");
        foreach (var (userId, email) in recipients)
        {
            db.StaffNotifications.Add(new StaffNotification { UserId = userId, PetitionId = petitionId, Folio = folio, Title = title, Body = body, CreatedAtUtc = now });
            if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrWhiteSpace(settings.Current.SmtpHost))
            {
                db.Notices.Add(Notice.Pending("Escalamiento", email, title, $"{body}\n\nVentanilla · Atención a Usuarios", now, petitionId));
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance sent this stage a moment ago.
            return false;
        }
    }

    /// <summary>Who is told at each step: 0 the liaisons of the areas holding it (or Atención a Usuarios), 1 Atención a Usuarios, 2 the Dirección Comercial.</summary>
    private static async Task<List<(string UserId, string? Email)>> RecipientsAsync(AppDbContext db, int petitionId, int step, CancellationToken ct)
    {
        var active = db.Users.Where(u => u.IsActive);
        if (step == 0)
        {
            var areas = await db.Routings.Where(r => r.PetitionId == petitionId && r.Status == RoutingStatus.Pending).Select(r => r.AreaId).ToListAsync(ct);
            if (areas.Count > 0)
            {
                var liaisons = await (from u in active
                                      where db.UserAreas.Any(a => a.UserId == u.Id && areas.Contains(a.AreaId))
                                      select new { u.Id, u.Email }).ToListAsync(ct);
                if (liaisons.Count > 0) return [.. liaisons.Select(l => (l.Id, l.Email))];
            }
        }
        var role = step == 2 ? Roles.DireccionComercial : Roles.AtencionUsuarios;
        var users = await (from u in active
                           join link in db.UserRoles on u.Id equals link.UserId
                           join r in db.Roles on link.RoleId equals r.Id
                           where r.Name == role
                           select new { u.Id, u.Email }).Distinct().ToListAsync(ct);
        return [.. users.Select(u => (u.Id, u.Email))];
    }
}
