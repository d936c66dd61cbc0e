using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Citizen;

/// <summary>One line of the administrator's log of e-mail notices.</summary>
public sealed record NoticeRow(
    int Id, string? Folio, string Kind, string To, string Subject, NoticeStatus Status, int Attempts,
    DateTime CreatedAtLocal, DateTime? SentAtLocal, DateTime? NextAttemptLocal, string? LastError, long Version);

/// <summary>A page of the log and how many there are of each status.</summary>
public sealed record NoticePage(IReadOnlyList<NoticeRow> Rows, int Total, int Pending, int Sent, int Failed);

/// <summary>
/// The administrator's view of the outbox: what was sent, what waits and what failed (with the server's reason), a
/// failed notice sent again, and a test message to check the settings.
/// </summary>
public sealed class NoticeLog(IDbContextFactory<AppDbContext> dbFactory, SmtpMailer mailer, SettingsService settings, OfficeClock office, LiveUpdates live)
{
    public const int PageSize = 50;

    public async Task<NoticePage> ListAsync(NoticeStatus? status, int page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Notices.GroupBy(n => n.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var query = db.Notices.AsNoTracking().Where(n => status == null || n.Status == status);
        var total = status is { } s ? counts.GetValueOrDefault(s) : counts.Values.Sum();
        var rows = await query.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Skip(Math.Max(0, page) * PageSize).Take(PageSize)
            .Select(n => new
            {
                n.Id, Folio = db.Petitions.Where(p => p.Id == n.PetitionId).Select(p => p.Folio).FirstOrDefault(), n.Kind, n.To, n.Subject, n.Status,
                n.Attempts, n.CreatedAtUtc, n.SentAtUtc, n.NextAttemptUtc, n.LastError, n.Version,
            })
            .ToListAsync(ct);
        return new NoticePage(
            [.. rows.Select(r => new NoticeRow(r.Id, r.Folio, r.Kind, r.To, r.Subject, r.Status, r.Attempts, office.ToLocal(r.CreatedAtUtc),
                r.SentAtUtc is { } sent ? office.ToLocal(sent) : null, r.Status == NoticeStatus.Pending ? office.ToLocal(r.NextAttemptUtc) : null,
                r.LastError, r.Version))],
            total, counts.GetValueOrDefault(NoticeStatus.Pending), counts.GetValueOrDefault(NoticeStatus.Sent), counts.GetValueOrDefault(NoticeStatus.Failed));
    }

    /// <summary>A failed notice goes back to the outbox with its attempts counted from zero (after the server is fixed, say).</summary>
    public async Task RetryAsync(int id, long version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var notice = await db.Notices.SingleOrDefaultAsync(n => n.Id == id, ct) ?? throw new RuleException("Ese aviso ya no existe.");
        if (notice.Version != version) throw new RuleException("El aviso cambió mientras lo veía (el envío lo intentó de nuevo); se recargó la lista.");
        if (notice.Status != NoticeStatus.Failed) throw new RuleException("Solo se reintenta un aviso que falló.");
        (notice.Status, notice.Attempts, notice.NextAttemptUtc) = (NoticeStatus.Pending, 0, office.UtcNow());
        await db.SaveOrStaleAsync("El aviso cambió mientras lo veía; se recargó la lista.", ct);
        live.Publish(LiveTopic.Notices);
    }

    /// <summary>
    /// Sends a test message now, to the address given, and says plainly what failed if it did. It is kept in the log like
    /// any notice (sent, or failed with the reason), so the history of the mail settings shows it too.
    /// </summary>
    public async Task SendTestAsync(string? to, CancellationToken ct = default)
    {
        var errors = new List<string>();
        var address = VisitorRules.Email(to, errors, "Enviar prueba a");
        if (address is null && errors.Count == 0) errors.Add("Enviar prueba a: escriba una dirección de correo.");
        RuleException.ThrowIfAny(errors);
        var text = NoticeTexts.Test(settings.Current);
        var now = office.UtcNow();
        var notice = new Notice
        {
            Kind = text.Kind, To = address!, Subject = text.Subject, Body = text.Body, Attempts = 1, CreatedAtUtc = now, NextAttemptUtc = now,
        };
        try
        {
            await mailer.SendAsync(address!, text.Subject, text.Body, ct);
            (notice.Status, notice.SentAtUtc) = (NoticeStatus.Sent, office.UtcNow());
        }
        catch (RuleException ex)
        {
            (notice.Status, notice.LastError) = (NoticeStatus.Failed, ex.Message);
            await RecordAsync(notice, ct);
            throw;
        }
        await RecordAsync(notice, ct);
    }

    private async Task RecordAsync(Notice notice, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Notices.Add(notice);
        await db.SaveChangesAsync(ct);
        live.Publish(LiveTopic.Notices);
    }
}
