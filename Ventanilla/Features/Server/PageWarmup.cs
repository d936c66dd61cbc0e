using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Ventanilla.Components.Layout;

namespace Ventanilla.Features.Server;

/// <summary>
/// The staff pages rendered once to HTML at start-up, in their layouts, as an account of the office sees them: the
/// first render of a page type pays for its components' first use (their parameter setters, MudBlazor's styles,
/// whatever the JIT still had to compile), so the first person after a restart does not. Nothing is sent anywhere and
/// nothing is written: the pages only read on their first render. A page that cannot render this way is skipped.
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
        foreach (var (type, route) in pages)
        {
            var parameters = new Dictionary<string, object?>();
            if (route!.Contains("{Folio}", StringComparison.Ordinal))
            {
                if (folio is null) continue;
                parameters["Folio"] = folio;
            }
            try
            {
                await RenderPageAsync(services, principal, type, route.Replace("{Folio}", folio, StringComparison.Ordinal), parameters);
                rendered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "La página {Ruta} no se preparó al arrancar.", route);
            }
        }
        return rendered;
    }

    /// <summary>The newest petition's folio (the petition page and its queries are prepared with it), or null.</summary>
    public static async Task<string?> LatestFolioAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        return await db.Petitions.AsNoTracking().OrderByDescending(p => p.Id).Select(p => p.Folio).FirstOrDefaultAsync(ct);
    }

    /// <summary>An active account holding the most roles (the administrator's pages and the staff's render for it).</summary>
    private static async Task<ClaimsPrincipal?> AccountAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.IsActive)
            .Select(u => new { u.Id, u.UserName, Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, l => l.RoleId, r => r.Id, (_, r) => r.Name!).ToList() })
            .OrderByDescending(u => u.Roles.Count).FirstOrDefaultAsync(ct);
        if (user is null) return null;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName ?? "")], "Warmup");
        identity.AddClaims(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(identity);
    }

    private static async Task RenderPageAsync(IServiceProvider root, ClaimsPrincipal principal, Type page, string path, Dictionary<string, object?> parameters)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        const string baseUri = "http://localhost/";
        if (services.GetRequiredService<NavigationManager>() is IHostEnvironmentNavigationManager navigation) navigation.Initialize(baseUri, baseUri + path.TrimStart('/'));
        if (services.GetRequiredService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider authentication)
        {
            authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        }
        var layout = page.GetCustomAttribute<LayoutAttribute>()?.LayoutType ?? typeof(MainLayout);
        RenderFragment content = builder =>
        {
            builder.OpenComponent(0, page);
            foreach (var (name, value) in parameters) builder.AddComponentParameter(1, name, value);
            builder.CloseComponent();
        };
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<LayoutView>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(LayoutView.Layout)] = layout,
                [nameof(LayoutView.ChildContent)] = content,
            }));
            await output.QuiescenceTask;
        });
    }
}
