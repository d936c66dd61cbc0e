using Ventanilla.Features.Citizen;

namespace Ventanilla.Features.Appointments;

/// <summary>
/// The booking's calendar file (<c>POST /cita/calendario</c>, the code in the form's body, never in the address, so it
/// stays out of logs and proxies). A wrong code answers 404 with a Spanish page; the request counts against the same
/// per-client limit as the booking's other forms.
/// </summary>
public static class AppointmentEndpoints
{
    public static IEndpointRouteBuilder MapAppointmentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/cita/calendario", CalendarFileAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> CalendarFileAsync(HttpContext http, AppointmentBooking booking, PublicLinks links, SettingsService settings)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var found = await booking.FindAsync(form["Codigo"], http.RequestAborted);
        if (found is null)
        {
            return Results.Content("<!DOCTYPE html><html lang=\"es-MX\"><meta charset=\"utf-8\"><title>Cita no encontrada</title>" +
                "<p>No encontramos una cita con ese código.</p></html>", "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }
        var request = http.Request;
        var link = links.Appointment(found.Code, Microsoft.AspNetCore.Http.Extensions.UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, "/"));
        return Results.File(System.Text.Encoding.UTF8.GetBytes(AppointmentIcs.For(found, link, settings.Current)), "text/calendar; charset=utf-8", $"cita-{found.Day:yyyy-MM-dd}.ics");
    }
}
