using Microsoft.AspNetCore.Authorization;

namespace Ventanilla.Features.Archive;

public static class ArchiveWiring
{
    /// <summary>The classification chart, the classification of closed files and the archive's registers.</summary>
    public static IServiceCollection AddArchive(this IServiceCollection services)
    {
        services.AddSingleton<ArchiveCatalog>();
        services.AddSingleton<ArchiveClassification>();
        services.AddHostedService(sp => sp.GetRequiredService<ArchiveClassification>());
        services.AddSingleton<ArchiveRegisters>();
        return services;
    }

    /// <summary>
    /// <c>/archivo/inventario.csv</c> and <c>/archivo/transferencia.csv?desde=aaaa-mm-dd&amp;hasta=aaaa-mm-dd</c> (by default
    /// from the first of January to the last of December of this year).
    /// </summary>
    public static IEndpointRouteBuilder MapArchiveEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/archivo").RequireAuthorization(new AuthorizeAttribute { Roles = ArchiveCatalog.ReadRoles });
        group.MapGet("/inventario.csv", async (HttpContext http, ArchiveRegisters registers, Actors actors, OfficeClock office) =>
        {
            var actor = await actors.ForRequestAsync(http);
            return Results.Stream(output => registers.WriteInventoryAsync(actor, output, http.RequestAborted), "text/csv; charset=utf-8",
                $"inventario-de-archivo-{office.Today():yyyy-MM-dd}.csv");
        });
        group.MapGet("/transferencia.csv", async (string? desde, string? hasta, HttpContext http, ArchiveRegisters registers, Actors actors, OfficeClock office) =>
        {
            var actor = await actors.ForRequestAsync(http);
            var year = office.Today().Year;
            var (from, to) = (HtmlInputs.Date(desde, "Desde", new DateOnly(year, 1, 1)), HtmlInputs.Date(hasta, "Hasta", new DateOnly(year, 12, 31)));
            ArchiveRegisters.Check(from, to);
            return Results.Stream(output => registers.WriteTransferAsync(actor, output, from, to, http.RequestAborted), "text/csv; charset=utf-8",
                $"transferencia-de-archivo-{from:yyyy-MM-dd}-a-{to:yyyy-MM-dd}.csv");
        });
        return app;
    }
}
