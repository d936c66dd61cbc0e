namespace Ventanilla.Features.Deadlines;

/// <summary>One of a person's in-app notices, as «Avisos» lists it.</summary>
public sealed record StaffNoticeRow(long Id, string Folio, string Title, string Body, DateTime CreatedLocal, bool Read);

/// <summary>A staff member's own notices (the escalations addressed to them): the list, the unread count, marking read.</summary>
public sealed class StaffNotices(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office, LiveUpdates live)
{
    public const int PageSize = 100;

    public async Task<IReadOnlyList<StaffNoticeRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.StaffNotifications.AsNoTracking().Where(n => n.UserId == actor.UserId).OrderByDescending(n => n.Id).Take(PageSize)
            .Select(n => new { n.Id, n.Folio, n.Title, n.Body, n.CreatedAtUtc, n.ReadAtUtc }).ToListAsync(ct);
        return [.. rows.Select(n => new StaffNoticeRow(n.Id, n.Folio, n.Title, n.Body, office.ToLocal(n.CreatedAtUtc), n.ReadAtUtc is not null))];
    }

    public Task<int> UnreadAsync(Actor actor, CancellationToken ct = default) => UnreadAsync(actor.UserId, ct);

    /// <summary>The menu's count, by the signed-in account's id alone (the menu is on every page; no roles needed to count).</summary>
    public async Task<int> UnreadAsync(string? userId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(userId)) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StaffNotifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null, ct);
    }

    /// <summary>Marks the actor's own notices read (all of them, or one); another person's are not touched.</summary>
    public async Task MarkReadAsync(Actor actor, long? id = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = office.UtcNow();
        await db.StaffNotifications.Where(n => n.UserId == actor.UserId && n.ReadAtUtc == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
        live.Publish(LiveTopic.StaffNotices);
    }
}
