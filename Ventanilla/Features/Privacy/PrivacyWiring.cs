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
        services.AddSingleton<Anonymizer>();
        services.AddSingleton<Arco.ArcoRequests>();
        services.AddSingleton<Arco.PersonSearch>();
        services.AddSingleton<Arco.PersonalDataEdits>();
        services.AddSingleton<Arco.PersonalDataExport>();
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
        // The chosen records of an ARCO search, as one ZIP: /arco/{folio}/datos.zip?registros=P12,V40,D7
        app.MapGet("/arco/{folio}/datos.zip", async (string folio, string? registros, HttpContext http, Arco.PersonalDataExport export, Actors actors) =>
        {
            // Refusals come before the first byte, so they are still answered as problems.
            var actor = await actors.ForRequestAsync(http);
            var (name, records, request) = await export.PrepareAsync(actor, folio, Arco.RecordKey.ParseList(registros), ReadPlace.Of(http), http.RequestAborted);
            http.Response.ContentType = "application/zip";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
            http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
            await export.WriteAsync(http.Response.BodyWriter.AsStream(), request, records, http.RequestAborted);
        }).RequireAuthorization(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { Roles = Arco.ArcoRequests.HandlerRoles });
        return app;
    }
}
