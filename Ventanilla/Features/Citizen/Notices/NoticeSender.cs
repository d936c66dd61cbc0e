namespace Ventanilla.Features.Citizen;

/// <summary>
/// Sends the outbox (<see cref="CitizenNotices"/>) in the background, so the office's work never waits on the mail
/// server. Woken at once when a notice is queued (through the notifier), and every half minute besides for retries. A
/// notice is claimed before it is sent (its next attempt moved ahead, saved with its version), so two senders never
/// send it twice; a failed attempt is retried after 1, 5, 15, 60 and 240 minutes and then given up, with its error
/// kept for the administrator.
/// </summary>
public sealed class NoticeSender(
    IDbContextFactory<AppDbContext> dbFactory, SmtpMailer mailer, LiveUpdates live, TimeProvider time, ILogger<NoticeSender> logger)
    : WakeableWorker(live, time, logger)
{
    public static readonly TimeSpan[] Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];

    /// <summary>Attempts before a notice is given up.</summary>
    public static readonly int MaxAttempts = Backoff.Length + 1;

    /// <summary>How long a claimed notice is left alone: a sender that died mid-send lets it go after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(30);

    private const int BatchSize = 20;

    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override LiveTopic Topics => LiveTopic.Notices | LiveTopic.Settings;

    protected override TimeSpan Poll => PollEvery;

    protected override string FailedMessage => "No se pudieron enviar los avisos por correo pendientes.";

    protected override Task RunOnceAsync(CancellationToken ct) => SendDueAsync(ct);

    /// <summary>Sends every notice that is due now; returns how many went out. Does nothing while mail is off.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        if (!mailer.IsConfigured) return 0;
        await _gate.WaitAsync(ct);
        try
        {
            var sent = 0;
            while (true)
            {
                var batch = await ClaimAsync(ct);
                if (batch.Count == 0) return sent;
                foreach (var notice in batch)
                {
                    if (await SendOneAsync(notice, ct)) sent++;
                }
                Live.Publish(LiveTopic.Notices);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The due notices, each claimed for <see cref="Lease"/>; one another sender claimed first is skipped.</summary>
    private async Task<List<Notice>> ClaimAsync(CancellationToken ct)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.Notices.Where(n => n.Status == NoticeStatus.Pending && n.NextAttemptUtc <= now)
            .OrderBy(n => n.NextAttemptUtc).ThenBy(n => n.Id).Take(BatchSize).ToListAsync(ct);
        var claimed = new List<Notice>();
        foreach (var notice in due)
        {
            notice.NextAttemptUtc = now + Lease;
            try
            {
                await db.SaveChangesAsync(ct);
                claimed.Add(notice);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(notice).State = EntityState.Detached;
            }
        }
        return claimed;
    }

    private async Task<bool> SendOneAsync(Notice notice, CancellationToken ct)
    {
        string? error = null;
        try
        {
            await mailer.SendAsync(notice.To, notice.Subject, notice.Body, ct);
        }
        catch (RuleException ex)
        {
            error = ex.Message;
        }
        var now = Time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var row = await db.Notices.SingleAsync(n => n.Id == notice.Id, CancellationToken.None);
        row.Attempts++;
        if (error is null)
        {
            (row.Status, row.SentAtUtc, row.LastError) = (NoticeStatus.Sent, now, null);
        }
        else
        {
            row.LastError = error.Length > 1000 ? error[..1000] : error;
            if (row.Attempts >= MaxAttempts) row.Status = NoticeStatus.Failed;
            else row.NextAttemptUtc = now + Backoff[row.Attempts - 1];
            logger.LogWarning("Aviso por correo {Id} ({Kind}) no enviado, intento {Attempt}: {Error}", row.Id, row.Kind, row.Attempts, error);
        }
        // Not cancelled with the host: what was sent must be written down, or it would be sent again.
        await db.SaveChangesAsync(CancellationToken.None);
        return error is null;
    }
}
