using Microsoft.AspNetCore.Authorization;
using Ventanilla.Features.Privacy;

namespace Ventanilla.Features.Reception;

public static class VisitEndpoints
{
    /// <summary><c>/visitas/exportar.csv?desde=…&amp;hasta=…[&amp;oficina=N]</c>: the Control de Usuarios of a period (today by default).</summary>
    public static void MapVisitEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/visitas/exportar.csv", async (string? desde, string? hasta, int? oficina, HttpContext http, VisitRegisterService register, OfficeClock office,
            Actors actors, CancellationToken ct) =>
        {
            // A clerk limited to some offices exports only theirs, whatever the address asks.
            var actor = await actors.ForRequestAsync(http);
            if (oficina is { } asked && !actor.WorksIn(asked)) throw new RuleException("Oficina: su cuenta no trabaja en esa oficina.", RuleKind.Forbidden);
            IReadOnlyCollection<int>? offices = oficina is { } one ? [one] : actor.OfficeIds is { Count: > 0 } mine ? mine : null;
            var today = office.Today();
            if (!TryDate(desde, today, out var from) || !TryDate(hasta, today, out var to))
            {
                throw new RuleException("Desde y hasta deben ser fechas aaaa-mm-dd.");
            }
            var filter = new VisitFilter(from, to, OfficeIds: offices);
            // Checked before the file starts, so a bad period is a 400 problem with its reason.
            VisitRegisterService.Check(filter);
            await http.RequestServices.GetRequiredService<AccessLog>().RecordAsync(actor, VisitRegisterService.ExportRead(filter), ReadPlace.Of(http), ct);
            var name = from == to ? $"control-de-usuarios-{from:yyyy-MM-dd}.csv" : $"control-de-usuarios-{from:yyyy-MM-dd}-a-{to:yyyy-MM-dd}.csv";
            return Results.Stream(output => register.WriteAsync(output, filter, ct), "text/csv; charset=utf-8", name);
        }).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Attention });
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            date = fallback;
            return true;
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", out date);
    }
}
