using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;

namespace Ventanilla.Features.Server;

/// <summary>
/// The staff pages rendered once at start-up through their own endpoints (the same request delegate a browser's GET
/// reaches, with the router, the authorization of the page, the layout and the prerendering for an interactive
/// circuit), in-process, as an account of the office sees them: the first render pays for its components' first use
/// and for the endpoint's own first steps, so the first person after a restart does not. Rendering the pages with a
/// bare HTML renderer left 35 ms of that to the first person's first page. Nothing is sent anywhere, nobody is signed
/// in and nothing is written: the pages only read on their first render. A page that cannot render this way is skipped.
/// </summary>
internal static class PageWarmup
{
    private static readonly string[] StaticRoutes = ["/consulta", "/turno/", "/Error", "/not-found"];

    /// <summary>Renders every staff page; returns how many rendered (none on a new installation, with nobody to render for).</summary>
    public static async Task<int> RenderAsync(IServiceProvider services, ILogger logger, CancellationToken ct)
    {
        if (await AccountAsync(services, ct) is not { } principal)
        {
            logger.LogDebug("Ninguna cuenta activa todavía: las pantallas se prepararán con su primera visita.");
            return 0;
        }
        var folio = await LatestFolioAsync(services, ct);
        var pages = typeof(PageWarmup).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t)
                && (t.Namespace?.StartsWith("Ventanilla.Features", StringComparison.Ordinal) == true || t.Namespace == "Ventanilla.Components.Pages"))
            .Select(t => (Type: t, Route: t.GetCustomAttributes<RouteAttribute>().FirstOrDefault()?.Template))
            // The staff's pages: the citizen's public ones and the error pages are static and already light.
            .Where(p => p.Route is not null && !StaticRoutes.Any(r => p.Route.StartsWith(r, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        logger.LogDebug("Pantallas por preparar: {Count}.", pages.Count);
        var rendered = 0;
        var endpoints = services.GetRequiredService<PageEndpoints>().Components();
        foreach (var (type, route) in pages)
        {
            if (route!.Contains("{Folio}", StringComparison.Ordinal) && folio is null) continue;
            if (!endpoints.TryGetValue(type, out var endpoint))
            {
                logger.LogDebug("La página {Ruta} no se preparó: no se encontró su ruta.", route);
                continue;
            }
            try
            {
                if (await RenderPageAsync(services, principal, endpoint, route, folio)) rendered++;
                else logger.LogDebug("La página {Ruta} no se preparó: no respondió 200 o no la autorizó.", route);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "La página {Ruta} no se preparó al arrancar.", route);
            }
        }
        return rendered;
    }

    /// <summary>
    /// The folio the petition page and its queries are prepared with, or null: the newest petition routed to an area
    /// (the state most petitions are opened in, with its routings, follow-ups and actions drawn), else the newest one.
    /// </summary>
    public static async Task<string?> LatestFolioAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        var petitions = db.Petitions.AsNoTracking();
        return await petitions.Where(p => p.Status == PetitionStatus.Turnada).OrderByDescending(p => p.Id).Select(p => p.Folio).FirstOrDefaultAsync(ct)
            ?? await petitions.OrderByDescending(p => p.Id).Select(p => p.Folio).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// An active account (the one holding the most roles), with every role for the warm-up: each page renders through
    /// its own authorization, and a page none of the account's roles opens would only draw the access notice.
    /// </summary>
    private static async Task<ClaimsPrincipal?> AccountAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.IsActive)
            .OrderByDescending(u => db.UserRoles.Count(r => r.UserId == u.Id)).Select(u => new { u.Id, u.UserName }).FirstOrDefaultAsync(ct);
        if (user is null) return null;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName ?? "")], "Warmup");
        identity.AddClaims(Accounts.Roles.All.Select(r => new Claim(ClaimTypes.Role, r.Key)));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// One GET of <paramref name="route"/> (its folio filled in) through its endpoint, as <paramref name="principal"/>,
    /// into memory; true when the page itself rendered (not an error, the access notice or «no existe la petición»).
    /// </summary>
    private static async Task<bool> RenderPageAsync(IServiceProvider root, ClaimsPrincipal principal, Endpoint endpoint, string route, string? folio)
    {
        await using var scope = root.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = principal };
        context.Request.Method = HttpMethods.Get;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = route.Replace("{Folio}", folio, StringComparison.Ordinal);
        // The page's parameters come from the route values routing would have matched, not from the path.
        if (route.Contains("{Folio}", StringComparison.Ordinal)) context.Request.RouteValues["Folio"] = folio;
        await using var body = new MemoryStream();
        context.Response.Body = body;
        context.SetEndpoint(endpoint);
        await endpoint.RequestDelegate!(context);
        if (context.Response.StatusCode != StatusCodes.Status200OK || body.Length == 0) return false;
        // The router's access notice, or the petition page's «no existe», instead of the page: it was not rendered.
        var html = System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        return !html.Contains("data-testid=\"access-denied\"", StringComparison.Ordinal) && !html.Contains("data-testid=\"petition-missing\"", StringComparison.Ordinal);
    }
}

/// <summary>
/// The app's endpoints as mapped (<see cref="VentanillaHosting.MapVentanilla"/> hands them over): the warm-up renders
/// each staff page through its own. The container's own endpoint source does not list the app's routes.
/// </summary>
public sealed class PageEndpoints
{
    private ICollection<EndpointDataSource> _sources = [];

    public void Use(ICollection<EndpointDataSource> sources) => _sources = sources;

    /// <summary>Each routable component's endpoint, by the component's type.</summary>
    internal IReadOnlyDictionary<Type, Endpoint> Components()
    {
        var found = new Dictionary<Type, Endpoint>();
        foreach (var endpoint in _sources.SelectMany(s => s.Endpoints))
        {
            if (endpoint.RequestDelegate is not null
                && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is { } component)
            {
                found.TryAdd(component.Type, endpoint);
            }
        }
        return found;
    }
}
