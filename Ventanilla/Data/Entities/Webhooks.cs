namespace Ventanilla.Data;

/// <summary>
/// Another system's address that is told, by a signed HTTP POST, when something happens (a petition registered, a
/// turn called…). Its secret signs each delivery; it is kept encrypted with the app's data-protection keys (it must
/// be read back to sign) and shown once. A subscription that keeps failing pauses itself.
/// </summary>
public class WebhookSubscription : IVersioned
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    /// <summary>The event kinds, space-separated (<c>peticion.registrada turno.llamado</c>).</summary>
    public string Events { get; set; } = "";
    /// <summary>The signing secret, encrypted (<c>IDataProtector</c>).</summary>
    public string ProtectedSecret { get; set; } = "";
    /// <summary>Whether the address may be on the office's own network (private, loopback or link-local addresses).</summary>
    public bool AllowPrivateNetwork { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>Paused (by the administrator, or after failing <see cref="ConsecutiveFailures"/> times in a row): nothing is sent.</summary>
    public DateTime? PausedAtUtc { get; set; }
    public string? PausedReason { get; set; }
    public int ConsecutiveFailures { get; set; }
    /// <summary>Removed by the administrator: kept for its delivery log, never sent to again.</summary>
    public DateTime? RemovedAtUtc { get; set; }
    public long Version { get; set; }
}

public enum WebhookDeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    /// <summary>Given up after every attempt.</summary>
    Failed = 2,
}

/// <summary>
/// One event for one subscription: written in the same transaction as the change it tells (the outbox), sent by
/// the background sender with retries, and kept as the delivery log (status code, attempts, last error).
/// </summary>
public class WebhookDelivery : IVersioned
{
    public long Id { get; set; }
    public int SubscriptionId { get; set; }
    public WebhookSubscription? Subscription { get; set; }
    /// <summary>The event's own id (the same in every retry, so the receiver can drop a repeat).</summary>
    public Guid EventId { get; set; }
    public string Event { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public int Attempts { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredAtUtc { get; set; }
    public long Version { get; set; }
}
