using Microsoft.AspNetCore.Authorization;

namespace Ventanilla.Features.Indicators;

public static class IndicatorEndpoints
{
    /// <summary><c>/indicadores/2026-10/peticiones-por-area.csv</c>: one table of the month's indicators as CSV.</summary>
    public static void MapIndicatorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // ?oficina=N: only what that office received and served.
        endpoints.MapGet("/indicadores/{month}/{table}.csv", async (string month, string table, int? oficina, IndicatorService indicators, CancellationToken ct) =>
        {
            // Refusals are thrown: ProblemResponses answers them as problems, like every endpoint's.
            if (IndicatorService.ParseMonth(month) is not { } first)
            {
                throw new RuleException($"Mes: «{month}» no es un mes válido; escríbalo como 2026-10.");
            }
            if (!IndicatorCsv.Slugs.Contains(table))
            {
                throw new RuleException($"No hay una tabla «{table}». Tablas: {string.Join(", ", IndicatorCsv.Slugs)}.", RuleKind.NotFound);
            }
            var data = await indicators.GetMonthAsync(first, ct, oficina);
            var csv = IndicatorCsv.Table(data, table);
            var bytes = await CsvFiles.ToBytesAsync(csv.Header, csv.Rows, ct);
            return Results.File(bytes, "text/csv; charset=utf-8", IndicatorCsv.FileName(data, table));
        }).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.IndicatorReaders });
    }
}
