using Microsoft.AspNetCore.Authorization;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Shared;

namespace Ventanilla.Features.Reception;

public static class VisitEndpoints
{
    /// <summary><c>/visitas/exportar.csv?desde=…&amp;hasta=…</c>: the Control de Usuarios of a period (today by default).</summary>
    public static void MapVisitEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/visitas/exportar.csv", async (string? desde, string? hasta, VisitRegisterService register, OfficeClock office, CancellationToken ct) =>
        {
            var today = office.Today();
            if (!TryDate(desde, today, out var from) || !TryDate(hasta, today, out var to))
            {
                return Results.BadRequest("Desde y hasta deben ser fechas aaaa-mm-dd.");
            }
            try
            {
                var bytes = await register.ExportAsync(new VisitFilter(from, to), ct);
                var name = from == to ? $"control-de-usuarios-{from:yyyy-MM-dd}.csv" : $"control-de-usuarios-{from:yyyy-MM-dd}-a-{to:yyyy-MM-dd}.csv";
                return Results.File(bytes, "text/csv; charset=utf-8", name);
            }
            catch (RuleException ex)
            {
                return Results.BadRequest(ex.Message);
            }
        }).RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.AtencionUsuarios},{Roles.DireccionComercial}" });
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
