using Microsoft.AspNetCore.Authorization;
using Ventanilla.Features.Privacy;

namespace Ventanilla.Features.Petitions;

public static class PetitionEndpoints
{
    /// <summary><c>/peticiones/exportar.csv</c>: the whole Control de Peticiones, as <c>export petitions</c> writes it.</summary>
    public static void MapPetitionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Streamed as it is read: a register of a hundred thousand petitions costs no more memory than one of ten.
        endpoints.MapGet("/peticiones/exportar.csv", async (PetitionExport export, OfficeClock office, HttpContext http, Actors actors, AccessLog log, CancellationToken ct) =>
        {
            await log.RecordAsync(await actors.ForRequestAsync(http), PetitionExport.Read, ReadPlace.Of(http), ct);
            return Results.Stream(output => export.WriteAsync(output, new PetitionFilter(), ct), "text/csv; charset=utf-8",
                $"control-de-peticiones-{office.Today():yyyy-MM-dd}.csv");
        }).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Attention });
    }
}
