using Microsoft.AspNetCore.Authorization;

namespace Ventanilla.Features.Admin;

public static class CalendarEndpoints
{
    /// <summary>The organismo's days as a CSV download for the calendar page (administrators only).</summary>
    public static void MapCalendarEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/calendario/dias-inhabiles.csv", async (CalendarService calendar, OfficeClock office, CancellationToken ct)
                => Results.File(await calendar.ExportOrganismoDaysAsync(ct), "text/csv; charset=utf-8", $"dias-inhabiles-organismo-{office.Today():yyyy-MM-dd}.csv"))
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Administrador });
    }
}
