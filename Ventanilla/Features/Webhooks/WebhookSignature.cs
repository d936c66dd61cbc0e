using System.Security.Cryptography;
using System.Text;

namespace Ventanilla.Features.Webhooks;

/// <summary>
/// How a receiver knows a delivery is the office's and fresh: <c>X-Ventanilla-Firma: sha256=HEX</c>, the HMAC-SHA256
/// with the subscription's secret of <c>«X-Ventanilla-Fecha».«body»</c>, where the date is Unix seconds when it was
/// sent. A receiver recomputes it, compares in constant time, and refuses a date more than <see cref="ReplayWindow"/>
/// away from its own clock.
/// </summary>
public static class WebhookSignature
{
    public const string EventHeader = "X-Ventanilla-Evento";
    public const string EventIdHeader = "X-Ventanilla-Id";
    public const string DeliveryHeader = "X-Ventanilla-Entrega";
    public const string TimestampHeader = "X-Ventanilla-Fecha";
    public const string SignatureHeader = "X-Ventanilla-Firma";

    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, string body)
        => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    /// <summary>What a receiver does: the signature matches and the date is within the window.</summary>
    public static bool Verify(string secret, string? timestamp, string body, string? signature, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, out var seconds) || signature is null) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > ReplayWindow) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, seconds, body)), Encoding.ASCII.GetBytes(signature));
    }
}
