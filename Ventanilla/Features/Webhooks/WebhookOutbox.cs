using System.Text.Json;

namespace Ventanilla.Features.Webhooks;

/// <summary>
/// Writes the deliveries of an event into the caller's own transaction (the outbox): the delivery exists if and only
/// if the change does. The sender (<see cref="WebhookSender"/>) is woken by the change's own notice to the live views.
/// </summary>
public sealed class WebhookOutbox(OfficeClock office)
{
    /// <summary>The body every receiver gets: <c>{"id","evento","fecha","datos"}</c>, fixed at the change so retries send the same bytes.</summary>
    public string Body(Guid id, string kind, object data)
        => JsonSerializer.Serialize(new { id, evento = kind, fecha = office.ToLocal(office.UtcNow()).ToString("yyyy-MM-ddTHH:mm:ss"), datos = data }, BodyJson);

    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One delivery of <paramref name="kind"/> per subscription that wants it and is not removed (paused ones wait).</summary>
    public async Task AddAsync(AppDbContext db, string kind, object data, CancellationToken ct)
        => Add(db, await WantingAsync(db, ct), kind, data);

    private void Add(AppDbContext db, List<(int Id, HashSet<string> Events)> subscriptions, string kind, object data)
    {
        var now = office.UtcNow();
        var id = Guid.NewGuid();
        string? body = null;
        foreach (var s in subscriptions.Where(s => s.Events.Contains(kind)))
        {
            body ??= Body(id, kind, data);
            db.WebhookDeliveries.Add(new WebhookDelivery { SubscriptionId = s.Id, EventId = id, Event = kind, Payload = body, CreatedAtUtc = now, NextAttemptUtc = now });
        }
    }

    /// <summary>The events of the history lines this change adds to <paramref name="petition"/>.</summary>
    public async Task AddForPetitionAsync(AppDbContext db, Petition petition, CancellationToken ct)
    {
        var lines = db.ChangeTracker.Entries<PetitionEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var kinds = lines.SelectMany(line => WebhookEvents.Of(line).Select(kind => (line, kind))).ToList();
        if (kinds.Count == 0) return;
        // The subscriptions once per change, not once per event it causes.
        var subscriptions = await WantingAsync(db, ct);
        if (subscriptions.Count == 0) return;
        foreach (var (line, kind) in kinds)
        {
            Add(db, subscriptions, kind, new { folio = petition.Folio, estado = petition.Status.ToString(), vence = petition.DueDate, historia = line.Kind });
        }
    }

    private static async Task<List<(int Id, HashSet<string> Events)>> WantingAsync(AppDbContext db, CancellationToken ct)
        => [.. (await db.WebhookSubscriptions.AsNoTracking().Where(s => s.RemovedAtUtc == null).Select(s => new { s.Id, s.Events }).ToListAsync(ct))
            .Select(s => (s.Id, s.Events.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet()))];
}
