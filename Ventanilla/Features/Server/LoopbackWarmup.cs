using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;

namespace Ventanilla.Features.Server;

/// <summary>
/// What rendering the pages in-process at start-up (<see cref="PageWarmup"/>) cannot reach: the HTTP pipeline itself.
/// Once the server listens, two anonymous requests go to it over the loopback (the sign-in page, static, and the
/// citizen's <c>/consulta</c>, prerendered for an interactive circuit like every staff page), and the signed-in part of
/// a request is run once in-process (a sign-in cookie's ticket written and read back, a page's role check). Before
/// this, the first person's first page after a restart took 45–50 ms against 5 ms for the next. Nothing is written and
/// nobody is signed in; a step that fails is logged and skipped.
/// </summary>
internal static class LoopbackWarmup
{
    private static readonly string[] Paths = ["/Account/Login", "/consulta"];

    public static async Task<int> RunAsync(IServiceProvider services, ILogger logger, CancellationToken ct)
    {
        var done = 0;
        if (Address(services) is { } address)
        {
            using var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                // Its own certificate, over the loopback: a self-signed one (the office's usual) is not in this machine's store.
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            };
            using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            // With AllowedHosts set, a request for 127.0.0.1 would be refused: it asks for a host the office allows.
            if (AllowedHost(services.GetRequiredService<IConfiguration>()) is { } host) http.DefaultRequestHeaders.Host = host;
            foreach (var path in Paths)
            {
                try
                {
                    using var response = await http.GetAsync(path, ct);
                    await response.Content.ReadAsStringAsync(ct);
                    if (response.IsSuccessStatusCode) done++;
                    else logger.LogDebug("La petición de calentamiento a {Ruta} respondió {Codigo}.", path, (int)response.StatusCode);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    logger.LogDebug(ex, "La petición de calentamiento a {Ruta} no se completó.", path);
                }
            }
        }
        if (await SignedInAsync(services)) done++;
        return done;
    }

    /// <summary>The address to reach this server on: HTTPS when it listens there (plain HTTP may only redirect), over the loopback.</summary>
    internal static Uri? Address(IServiceProvider services)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (chosen is null) return null;
        // «http://+:5000», «http://*:5000», «http://0.0.0.0:5000» and «http://[::]:5000» listen everywhere, the loopback included.
        var normalized = System.Text.RegularExpressions.Regex.Replace(chosen, @"://(\+|\*|0\.0\.0\.0|\[::\])(?=[:/]|$)", "://127.0.0.1");
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri) ? uri : null;
    }

    /// <summary>The first host named in <c>AllowedHosts</c> (a wildcard's domain under a made-up name), or null when any host is allowed.</summary>
    internal static string? AllowedHost(IConfiguration configuration)
    {
        var first = (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        if (first is null or "*") return null;
        return first.StartsWith("*.", StringComparison.Ordinal) ? "ventanilla" + first[1..] : first;
    }

    /// <summary>A staff request's own steps: the sign-in cookie's ticket protected and read back, and a page's role check.</summary>
    private static async Task<bool> SignedInAsync(IServiceProvider services)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        if (options.TicketDataFormat is null) return false;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "calentamiento"), new Claim(ClaimTypes.Role, Accounts.Roles.Administrador)], IdentityConstants.ApplicationScheme);
        var principal = new ClaimsPrincipal(identity);
        var ticket = options.TicketDataFormat.Unprotect(options.TicketDataFormat.Protect(new AuthenticationTicket(principal, IdentityConstants.ApplicationScheme)));
        var policy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Accounts.Roles.Administrador).Build();
        var result = await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(ticket?.Principal ?? principal, null, policy);
        return result.Succeeded;
    }
}
