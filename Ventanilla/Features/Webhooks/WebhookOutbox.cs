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
    {
        var subscriptions = await WantingAsync(db, ct);
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
        if (lines.Count == 0) return;
        foreach (var line in lines)
        {
            foreach (var kind in WebhookEvents.Of(line))
            {
                await AddAsync(db, kind, new { folio = petition.Folio, estado = petition.Status.ToString(), vence = petition.DueDate, historia = line.Kind }, ct);
            }
        }
    }

    private static async Task<List<(int Id, HashSet<string> Events)>> WantingAsync(AppDbContext db, CancellationToken ct)
        => [.. (await db.WebhookSubscriptions.AsNoTracking().Where(s => s.RemovedAtUtc == null).Select(s => new { s.Id, s.Events }).ToListAsync(ct))
            .Select(s => (s.Id, s.Events.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet()))];
}
