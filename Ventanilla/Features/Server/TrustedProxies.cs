using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Ventanilla.Features.Server;

/// <summary>
/// Behind a reverse proxy (nginx in front of several instances) every request comes from the proxy's address, so the
/// per-device limits (sign-in, <c>/consulta</c>, <c>/turno</c>) would be one shared limit for the whole city. With
/// <c>Proxy:KnownProxies</c> (the proxies' addresses, comma-separated) the client address and scheme are taken from
/// <c>X-Forwarded-For</c>/<c>-Proto</c>, but only from those addresses: anybody else's header is ignored, so nobody
/// can dodge a limit by writing the header themselves. Without the setting nothing changes.
/// </summary>
public static class TrustedProxies
{
    public const string SettingKey = "Proxy:KnownProxies";

    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var configured = app.Configuration[SettingKey];
        if (string.IsNullOrWhiteSpace(configured)) return app;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var text in configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPAddress.TryParse(text, out var address))
            {
                throw new ServerSetupException($"{SettingKey}: «{text}» no es una dirección IP (escriba las de los proxies separadas por comas).");
            }
            options.KnownProxies.Add(address);
        }
        app.UseForwardedHeaders(options);
        return app;
    }
}
