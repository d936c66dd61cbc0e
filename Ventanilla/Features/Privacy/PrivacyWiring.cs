using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Ventanilla.Features.Privacy;

public static class PrivacyWiring
{
    /// <summary>The access log to personal data, with the client address it records for live pages.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<AccessLog>();
        services.AddSingleton<PrivacyNotices>();
        services.AddSingleton<Retention>();
        services.AddHostedService(sp => sp.GetRequiredService<Retention>());
        services.AddHostedService(sp => sp.GetRequiredService<AccessLog>());
        services.AddHttpContextAccessor();
        services.AddScoped<ClientAddress>();
        services.AddScoped<CircuitHandler, ClientAddressCapture>();
        return services;
    }

    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/accesos/exportar.csv", async (string? persona, string? folio, string? desde, string? hasta, HttpContext http, AccessLog log, Actors actors, OfficeClock office) =>
        {
            var actor = await actors.ForRequestAsync(http);
            var filter = new AccessFilter(persona, folio, HtmlInputs.Date(desde, "Desde"), HtmlInputs.Date(hasta, "Hasta"));
            AccessLog.Check(filter);
            return Results.Stream(output => log.WriteCsvAsync(actor, output, filter, http.RequestAborted), "text/csv; charset=utf-8",
                $"bitacora-de-accesos-{office.Today():yyyy-MM-dd}.csv");
        }).RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Roles.Administrador });
        return app;
    }
}
