using Microsoft.AspNetCore.Authorization;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Shared;

namespace Ventanilla.Features.Petitions;

public static class PetitionEndpoints
{
    /// <summary><c>/peticiones/exportar.csv</c>: the whole Control de Peticiones, as <c>export petitions</c> writes it.</summary>
    public static void MapPetitionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/peticiones/exportar.csv", async (PetitionExport export, OfficeClock office, CancellationToken ct) =>
        {
            var (bytes, _) = await export.ExportAsync(new PetitionFilter(), ct);
            return Results.File(bytes, "text/csv; charset=utf-8", $"control-de-peticiones-{office.Today():yyyy-MM-dd}.csv");
        }).RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.AtencionUsuarios},{Roles.DireccionComercial}" });
    }
}
