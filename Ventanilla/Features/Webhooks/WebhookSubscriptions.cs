using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Ventanilla.Features.Webhooks;

/// <summary>A subscription as the administrator's list shows it (never its secret).</summary>
public sealed record WebhookRow(
    int Id, string Name, string Url, IReadOnlyList<string> Events, bool AllowPrivateNetwork, DateTime CreatedLocal, string CreatedBy,
    DateTime? PausedLocal, string? PausedReason, int ConsecutiveFailures, int Pending, int Failed, long Version)
{
    public bool Paused => PausedLocal is not null;
}

/// <summary>A subscription just created: its signing secret is shown this once.</summary>
public sealed record NewWebhook(WebhookRow Subscription, string Secret);

/// <summary>One line of the delivery log.</summary>
public sealed record WebhookDeliveryRow(
    long Id, int SubscriptionId, string Subscription, Guid EventId, string Event, DateTime CreatedLocal, WebhookDeliveryStatus Status, int Attempts,
    int? LastStatusCode, string? LastError, DateTime? DeliveredLocal, DateTime? NextAttemptLocal);

/// <summary>
/// The webhook subscriptions (Administración → API para otros sistemas): created with the events wanted and an address
/// checked by <see cref="WebhookTargets"/>, paused and resumed, removed (kept for the log), and their delivery log,
/// from which a delivery is sent again. Only administrators.
/// </summary>
public sealed class WebhookSubscriptions(IDbContextFactory<AppDbContext> dbFactory, IDataProtectionProvider protection, OfficeClock office, LiveUpdates live)
{
    public const int MaxNameLength = 80;
    public const int LogShown = 50;
    private IDataProtector Protector => protection.CreateProtector("Ventanilla.Webhooks.Secret");

    public async Task<NewWebhook> CreateAsync(Actor actor, string? name, string? url, IEnumerable<string>? events, bool allowPrivateNetwork, CancellationToken ct = default)
    {
        actor.Require("Crear un webhook", Roles.Administrador);
        var errors = new List<string>();
        var cleanName = name?.Trim() ?? "";
        if (cleanName.Length == 0) errors.Add("Nombre: escriba qué sistema recibe los avisos.");
        else if (cleanName.Length > MaxNameLength) errors.Add(RuleException.TooLong("Nombre", MaxNameLength, cleanName.Length));
        var uri = WebhookTargets.Check(url, allowPrivateNetwork, errors);
        IReadOnlyList<string> kinds = [];
        try { kinds = WebhookEvents.Parse(events); }
        catch (RuleException ex) { errors.Add(ex.Message); }
        if (errors.Count == 0 && !allowPrivateNetwork && await WebhookTargets.PrivateNameAsync(uri, ct) is { } inside) errors.Add(inside);
        RuleException.ThrowIfAny(errors);

        var secret = "whsec_" + RandomNumberGenerator.GetString(Citizen.PublicCodes.Alphabet + "abcdefghijkmnpqrstuvwxyz", 40);
        var subscription = new WebhookSubscription
        {
            Name = cleanName, Url = uri.ToString(), Events = string.Join(' ', kinds), ProtectedSecret = Protector.Protect(secret),
            AllowPrivateNetwork = allowPrivateNetwork, CreatedAtUtc = office.UtcNow(), CreatedBy = actor.UserName,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return new NewWebhook(Row(subscription, 0, 0), secret);
    }

    public async Task<IReadOnlyList<WebhookRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require("Ver los webhooks", Roles.Administrador);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.RemovedAtUtc == null).OrderBy(s => s.Name).ToListAsync(ct);
        var counts = await db.WebhookDeliveries.AsNoTracking().Where(d => d.Status != WebhookDeliveryStatus.Delivered)
            .GroupBy(d => new { d.SubscriptionId, d.Status }).Select(g => new { g.Key.SubscriptionId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        int Count(int id, WebhookDeliveryStatus status) => counts.Where(c => c.SubscriptionId == id && c.Status == status).Sum(c => c.Count);
        return [.. rows.Select(s => Row(s, Count(s.Id, WebhookDeliveryStatus.Pending), Count(s.Id, WebhookDeliveryStatus.Failed)))];
    }

    /// <summary>Stops sending to it (its deliveries wait), or sends again: resuming sends what waited, at once.</summary>
    public async Task SetPausedAsync(Actor actor, int id, long version, bool paused, CancellationToken ct = default)
    {
        actor.Require(paused ? "Pausar un webhook" : "Reanudar un webhook", Roles.Administrador);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var s = await FindAsync(db, id, version, ct);
        var now = office.UtcNow();
        if (paused)
        {
            (s.PausedAtUtc, s.PausedReason) = (now, $"Pausado por {actor.UserName}.");
        }
        else
        {
            (s.PausedAtUtc, s.PausedReason, s.ConsecutiveFailures) = (null, null, 0);
            await db.WebhookDeliveries.Where(d => d.SubscriptionId == id && d.Status == WebhookDeliveryStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptUtc, now), ct);
        }
        await db.SaveOrStaleAsync(Stale.Message("este webhook"), ct);
        await tx.CommitAsync(ct);
        live.Publish(LiveTopic.Webhooks);
    }

    /// <summary>No more deliveries are made or sent to it; it stays in the log.</summary>
    public async Task RemoveAsync(Actor actor, int id, long version, CancellationToken ct = default)
    {
        actor.Require("Quitar un webhook", Roles.Administrador);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await FindAsync(db, id, version, ct);
        s.RemovedAtUtc = office.UtcNow();
        await db.SaveOrStaleAsync(Stale.Message("este webhook"), ct);
        live.Publish(LiveTopic.Webhooks);
    }

    /// <summary>The latest deliveries, of one subscription or of all, newest first.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> DeliveriesAsync(Actor actor, int? subscriptionId = null, CancellationToken ct = default)
    {
        actor.Require("Ver las entregas de los webhooks", Roles.Administrador);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.WebhookDeliveries.AsNoTracking();
        if (subscriptionId is { } only) query = query.Where(d => d.SubscriptionId == only);
        var rows = await query.OrderByDescending(d => d.Id).Take(LogShown)
            .Select(d => new { d, Name = d.Subscription!.Name }).ToListAsync(ct);
        return [.. rows.Select(r => new WebhookDeliveryRow(r.d.Id, r.d.SubscriptionId, r.Name, r.d.EventId, r.d.Event, office.ToLocal(r.d.CreatedAtUtc), r.d.Status,
            r.d.Attempts, r.d.LastStatusCode, r.d.LastError, r.d.DeliveredAtUtc is { } at ? office.ToLocal(at) : null,
            r.d.Status == WebhookDeliveryStatus.Pending ? office.ToLocal(r.d.NextAttemptUtc) : null))];
    }

    /// <summary>Sends a delivery again as a new line of the log (same event id and body, so the receiver may drop a repeat).</summary>
    public async Task<long> RedeliverAsync(Actor actor, long deliveryId, CancellationToken ct = default)
    {
        actor.Require("Reenviar una entrega", Roles.Administrador);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var original = await db.WebhookDeliveries.AsNoTracking().Include(d => d.Subscription).SingleOrDefaultAsync(d => d.Id == deliveryId, ct)
            ?? throw new RuleException("Esa entrega ya no existe.", RuleKind.NotFound);
        if (original.Subscription!.RemovedAtUtc is not null) throw new RuleException($"El webhook «{original.Subscription.Name}» se quitó; ya no se le envía nada.");
        var now = office.UtcNow();
        var again = new WebhookDelivery
        {
            SubscriptionId = original.SubscriptionId, EventId = original.EventId, Event = original.Event, Payload = original.Payload, CreatedAtUtc = now, NextAttemptUtc = now,
        };
        db.WebhookDeliveries.Add(again);
        await db.SaveChangesAsync(ct);
        live.Publish(LiveTopic.Webhooks);
        return again.Id;
    }

    /// <summary>The secret to sign with (for the sender only).</summary>
    internal string SecretOf(WebhookSubscription s) => Protector.Unprotect(s.ProtectedSecret);

    private static async Task<WebhookSubscription> FindAsync(AppDbContext db, int id, long version, CancellationToken ct)
    {
        var s = await db.WebhookSubscriptions.SingleOrDefaultAsync(x => x.Id == id && x.RemovedAtUtc == null, ct)
            ?? throw new RuleException("Ese webhook ya no existe.", RuleKind.NotFound);
        if (s.Version != version) throw Stale.Error("este webhook");
        return s;
    }

    private WebhookRow Row(WebhookSubscription s, int pending, int failed)
        => new(s.Id, s.Name, s.Url, s.Events.Split(' ', StringSplitOptions.RemoveEmptyEntries), s.AllowPrivateNetwork, office.ToLocal(s.CreatedAtUtc), s.CreatedBy,
            s.PausedAtUtc is { } p ? office.ToLocal(p) : null, s.PausedReason, s.ConsecutiveFailures, pending, failed, s.Version);
}
