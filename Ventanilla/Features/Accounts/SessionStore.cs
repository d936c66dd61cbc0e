using System.Security.Claims;
using System.Security.Cryptography;

namespace Ventanilla.Features.Accounts;

/// <summary>
/// The server-side record of who is signed in where (<see cref="UserSession"/>). Signing out ends the session;
/// resetting a password or deactivating an account ends all of that user's sessions. A cookie is only good while its
/// session exists: checked on every request, and pushed at once to the live pages of this server (<see cref="Ended"/>).
/// </summary>
public sealed class SessionStore(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The claim of the sign-in cookie that names its session.</summary>
    public const string ClaimType = "ventanilla:session";

    /// <summary>Sessions not renewed for this long are gone anyway (the longest cookie lasts 30 days); their rows are pruned.</summary>
    public static readonly TimeSpan PruneAfter = TimeSpan.FromDays(120);

    /// <summary>Raised with the session ids that just ended, for the live pages signed in with them.</summary>
    public event Action<IReadOnlyCollection<string>>? Ended;

    public static string? IdOf(ClaimsPrincipal? principal) => principal?.FindFirst(ClaimType)?.Value;

    public async Task<string> StartAsync(string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.UserSessions.Add(new UserSession { Id = id, UserId = userId, CreatedAtUtc = now, LastSeenUtc = now });
        await db.SaveChangesAsync(ct);
        await db.UserSessions.Where(s => s.LastSeenUtc < now - PruneAfter).ExecuteDeleteAsync(ct);
        return id;
    }

    public async Task<bool> IsActiveAsync(string sessionId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId, ct);
    }

    /// <summary>The cookie was renewed: the session is still in use.</summary>
    public async Task TouchAsync(string sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenUtc, now), ct);
    }

    public async Task EndAsync(string sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.UserSessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(ct);
        Ended?.Invoke([sessionId]);
    }

    /// <summary>Ends every session of the user (a password reset, a deactivation), returning how many there were.</summary>
    public async Task<int> EndAllAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.UserSessions.Where(s => s.UserId == userId).Select(s => s.Id).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
        Ended?.Invoke(ids);
        return ids.Count;
    }
}
