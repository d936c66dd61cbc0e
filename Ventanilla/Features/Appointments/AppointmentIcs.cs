using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Ventanilla.Features.Appointments;

/// <summary>
/// The booking as an iCalendar file (RFC 5545, written by Ical.Net) for the citizen's phone calendar: the service and
/// office, the slot in UTC (every calendar shows it in the phone's own time), the code, the booking's address, and an
/// alarm an hour before.
/// </summary>
public static class AppointmentIcs
{
    public static string For(BookingView booking, string link, AppSettings settings)
    {
        var calendarEvent = new CalendarEvent
        {
            Uid = $"cita-{booking.Id}@ventanilla",
            Summary = $"Cita: {booking.ServiceName} · {booking.OfficeName}",
            Location = booking.OfficeName,
            Description = $"Código de su cita: {AppointmentBooking.Display(booking.Code)}. {AppointmentCheckIns.HowTo(settings)} Su cita: {link}",
            Start = new CalDateTime(DateTime.SpecifyKind(booking.StartUtc, DateTimeKind.Utc), CalDateTime.UtcTzId),
            End = new CalDateTime(DateTime.SpecifyKind(booking.StartUtc.AddMinutes(booking.SlotMinutes), DateTimeKind.Utc), CalDateTime.UtcTzId),
            Url = new Uri(link),
        };
        calendarEvent.Alarms.Add(new Alarm { Action = AlarmAction.Display, Description = calendarEvent.Summary, Trigger = new Trigger("-PT1H") });
        var calendar = new Calendar { ProductId = "-//Ventanilla//Citas//ES" };
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
