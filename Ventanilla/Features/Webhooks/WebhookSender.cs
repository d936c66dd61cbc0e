using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Ventanilla.Features.Webhooks;

public sealed class WebhookOptions
{
    /// <summary>How long a receiver has to answer one delivery.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Failed attempts in a row (across deliveries) after which a subscription pauses itself.</summary>
    public int PauseAfterFailures { get; set; } = 10;

    /// <summary>Days a delivered or failed delivery stays in the log.</summary>
    public int KeepDays { get; set; } = 30;
}

/// <summary>
/// Sends the webhook outbox in the background: woken by the change that queued a delivery (a petition, a turn, an
/// appointment, or a redelivery), and every 5 seconds for retries. A delivery is claimed before it is sent (its next
/// attempt moved ahead, saved with its version) so two instances never send it twice; it is signed
/// (<see cref="WebhookSignature"/>) at the moment it leaves; a 2xx answer delivers it; anything else is retried after
/// 10 s, 1, 5 and 30 minutes, 2 and 6 hours, then given up. A subscription failing
/// <see cref="WebhookOptions.PauseAfterFailures"/> times in a row pauses itself; its deliveries wait for it.
/// </summary>
public sealed class WebhookSender(
    IDbContextFactory<AppDbContext> dbFactory, WebhookSubscriptions subscriptions, LiveUpdates live, TimeProvider time, IOptions<WebhookOptions> options,
    ILogger<WebhookSender> logger) : WakeableWorker(live, time, logger)
{
    public static readonly TimeSpan[] Backoff =
        [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6)];

    public static readonly int MaxAttempts = Backoff.Length + 1;

    /// <summary>How long a claimed delivery is left alone: a sender that died mid-send lets it go after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private const int BatchSize = 20;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lazy<HttpClient> _public = new(() => WebhookTargets.Client(false, TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds))));
    private readonly Lazy<HttpClient> _private = new(() => WebhookTargets.Client(true, TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds))));

    protected override LiveTopic Topics => LiveTopic.Petitions | LiveTopic.Queue | LiveTopic.Appointments | LiveTopic.Webhooks;

    protected override TimeSpan Poll => TimeSpan.FromSeconds(5);

    protected override string FailedMessage => "No se pudieron enviar las entregas de webhooks pendientes.";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await SendDueAsync(ct);
        if (Time.GetUtcNow() - _lastPurge >= TimeSpan.FromHours(1)) await PurgeAsync(ct);
    }

    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    /// <summary>Removes from the log the deliveries done (delivered or given up) longer ago than <see cref="WebhookOptions.KeepDays"/>.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct = default)
    {
        _lastPurge = Time.GetUtcNow();
        var before = Time.GetUtcNow().UtcDateTime - TimeSpan.FromDays(Math.Max(1, options.Value.KeepDays));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookDeliveries.Where(d => d.Status != WebhookDeliveryStatus.Pending && d.CreatedAtUtc < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>Sends every delivery due now (of subscriptions neither paused nor removed); returns how many were delivered.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var delivered = 0;
            while (true)
            {
                var batch = await ClaimAsync(ct);
                if (batch.Count == 0) return delivered;
                var paused = new HashSet<int>();
                foreach (var delivery in batch)
                {
                    // A subscription that paused itself in this batch keeps the rest of its deliveries for later.
                    if (paused.Contains(delivery.SubscriptionId))
                    {
                        await ReleaseAsync(delivery.Id, ct);
                        continue;
                    }
                    var (sent, pausedNow) = await SendOneAsync(delivery, ct);
                    if (sent) delivered++;
                    if (pausedNow) paused.Add(delivery.SubscriptionId);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<WebhookDelivery>> ClaimAsync(CancellationToken ct)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.WebhookDeliveries.Include(d => d.Subscription)
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptUtc <= now
                        && d.Subscription!.PausedAtUtc == null && d.Subscription.RemovedAtUtc == null)
            .OrderBy(d => d.NextAttemptUtc).ThenBy(d => d.Id).Take(BatchSize).ToListAsync(ct);
        var claimed = new List<WebhookDelivery>();
        foreach (var delivery in due)
        {
            delivery.NextAttemptUtc = now + Lease;
            try
            {
                await db.SaveChangesAsync(ct);
                claimed.Add(delivery);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(delivery).State = EntityState.Detached;
            }
        }
        return claimed;
    }

    /// <summary>Gives a claimed delivery back, due at once (it waits for its subscription to be resumed).</summary>
    private async Task ReleaseAsync(long id, CancellationToken ct)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.WebhookDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptUtc, now), ct);
    }

    private async Task<(bool Sent, bool Paused)> SendOneAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        var subscription = delivery.Subscription!;
        int? status = null;
        string? error = null;
        try
        {
            var timestamp = Time.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
            {
                Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Ventanilla-Webhooks", "1"));
            request.Headers.Add(WebhookSignature.EventHeader, delivery.Event);
            request.Headers.Add(WebhookSignature.EventIdHeader, delivery.EventId.ToString());
            request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(subscriptions.SecretOf(subscription), timestamp, delivery.Payload));
            using var response = await (subscription.AllowPrivateNetwork ? _private : _public).Value.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) error = $"El receptor respondió HTTP {status}.";
        }
        catch (HttpRequestException ex)
        {
            error = $"No se pudo conectar: {ex.Message}";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"El receptor no respondió en {options.Value.TimeoutSeconds} s.";
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            error = "No se pudo leer el secreto de la suscripción (¿cambiaron las llaves de la carpeta de datos?): créela de nuevo.";
        }

        var now = Time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var row = await db.WebhookDeliveries.SingleAsync(d => d.Id == delivery.Id, CancellationToken.None);
        var owner = await db.WebhookSubscriptions.SingleAsync(s => s.Id == delivery.SubscriptionId, CancellationToken.None);
        row.Attempts++;
        row.LastStatusCode = status;
        var pausedNow = false;
        if (error is null)
        {
            (row.Status, row.DeliveredAtUtc, row.LastError) = (WebhookDeliveryStatus.Delivered, now, null);
            owner.ConsecutiveFailures = 0;
        }
        else
        {
            row.LastError = TextLimits.Clip(error, 1000);
            if (row.Attempts >= MaxAttempts) row.Status = WebhookDeliveryStatus.Failed;
            else row.NextAttemptUtc = now + Backoff[row.Attempts - 1];
            owner.ConsecutiveFailures++;
            var limit = Math.Max(1, options.Value.PauseAfterFailures);
            pausedNow = owner.ConsecutiveFailures >= limit && owner.PausedAtUtc is null;
            if (pausedNow)
            {
                (owner.PausedAtUtc, owner.PausedReason) = (now, $"Se pausó sola: {limit} intentos fallidos seguidos (el último: {row.LastError}).");
                logger.LogWarning("Webhook {Name} pausado tras {Count} intentos fallidos seguidos: {Error}", owner.Name, limit, row.LastError);
            }
        }
        // Not cancelled with the host: what was sent must be written down, or it would be sent again.
        await db.SaveChangesAsync(CancellationToken.None);
        return (error is null, pausedNow);
    }
}
