using System.Net;
using System.Net.Sockets;

namespace Ventanilla.Features.Webhooks;

/// <summary>
/// Where deliveries may go: an http(s) address the administrator configured, never a user name and password in it,
/// and never an address of the office's own network (private, loopback, link-local, carrier-grade NAT) unless the
/// administrator allowed it for that subscription. Checked when the subscription is saved and again at every
/// connection (the name may resolve elsewhere later), and redirects are not followed.
/// </summary>
public static class WebhookTargets
{
    public static Uri Check(string? url, bool allowPrivate, List<string> errors)
    {
        var text = url?.Trim() ?? "";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add("Dirección: escriba una dirección http:// o https:// completa (por ejemplo https://ras.organismo.gob.mx/avisos).");
            return null!;
        }
        if (!string.IsNullOrEmpty(uri.UserInfo)) errors.Add("Dirección: no lleve usuario ni contraseña; la firma de cada entrega es la credencial.");
        if (text.Length > 500) errors.Add(RuleException.TooLong("Dirección", 500, text.Length));
        if (!allowPrivate && IPAddress.TryParse(uri.IdnHost, out var literal) && IsPrivate(literal))
        {
            errors.Add($"Dirección: {uri.Host} es de la red interna; marque «Es un sistema de la red de la oficina» si así debe ser.");
        }
        return uri;
    }

    /// <summary>Whether the name resolves to the office's own network (checked when saving, without the allowance).</summary>
    public static async Task<string?> PrivateNameAsync(Uri uri, CancellationToken ct)
    {
        if (IPAddress.TryParse(uri.IdnHost, out _)) return null;
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return $"Dirección: el nombre {uri.Host} no existe en el DNS de este servidor.";
        }
        return addresses.Any(IsPrivate)
            ? $"Dirección: {uri.Host} apunta a la red interna; marque «Es un sistema de la red de la oficina» si así debe ser."
            : null;
    }

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }
        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 127 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] >= 224;
    }

    /// <summary>
    /// A client that connects only where <paramref name="allowPrivate"/> permits, whatever the name resolves to at that
    /// moment, never follows a redirect and gives up after <paramref name="timeout"/>.
    /// </summary>
    public static HttpClient Client(bool allowPrivate, TimeSpan timeout) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            var allowed = addresses.Where(a => allowPrivate || !IsPrivate(a)).ToArray();
            if (allowed.Length == 0) throw new HttpRequestException($"{context.DnsEndPoint.Host} es de la red interna y esta suscripción no lo permite.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = timeout };
}
