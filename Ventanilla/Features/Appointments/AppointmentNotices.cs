using Ventanilla.Features.Citizen;

namespace Ventanilla.Features.Appointments;

/// <summary>
/// The e-mails about a booking, added to the mail outbox (<see cref="Notice"/>) in the booking's own transaction, so a
/// message exists exactly when the change does: confirmation, change, cancellation and the reminder the day before.
/// Nothing is written while mail is not set up or the booking has no address. They say the service, the office, the
/// day and time and the booking code, with the address of the booking's page; never anything else about the person.
/// </summary>
public sealed class AppointmentNotices(SettingsService settings, PublicLinks links, OfficeClock office)
{
    /// <summary>The kinds as the administrator's mail log shows them.</summary>
    public const string BookedKind = "Cita agendada";
    public const string MovedKind = "Cita cambiada";
    public const string CancelledKind = "Cita cancelada";
    public const string ReminderKind = "Recordatorio de cita";

    public bool Enabled => !string.IsNullOrWhiteSpace(settings.Current.SmtpHost);

    public void Booked(AppDbContext db, Appointment a, BookableService service)
        => Add(db, a, BookedKind, $"Su cita quedó agendada: {When(a)}",
            $"Agendamos su cita para {service.Name} en {service.OfficeName}.", Details(a),
            AppointmentCheckIns.HowTo(settings.Current),
            $"Para cambiarla o cancelarla, o descargarla a su calendario:\n{links.Appointment(a.Code)}");

    public void Moved(AppDbContext db, Appointment a, BookableService service)
        => Add(db, a, MovedKind, $"Su cita cambió: {When(a)}",
            $"Cambiamos su cita para {service.Name} en {service.OfficeName}.", Details(a), $"Su página de cita:\n{links.Appointment(a.Code)}");

    public void Cancelled(AppDbContext db, Appointment a, string serviceName)
        => Add(db, a, CancelledKind, $"Su cita del {a.Day:dd/MM/yyyy} fue cancelada",
            $"La cita para {serviceName} del {When(a)} (código {AppointmentBooking.Display(a.Code)}) quedó cancelada.",
            $"Si necesita otra, puede agendarla en {links.BaseUrl()}cita");

    /// <summary>The reminder the day before (sent by <see cref="AppointmentReminders"/>).</summary>
    public bool Remind(AppDbContext db, Appointment a, string serviceName, string officeName)
        => Add(db, a, ReminderKind, $"Recordatorio: su cita es mañana, {When(a)}",
            $"Le recordamos su cita para {serviceName} en {officeName}.", Details(a), AppointmentCheckIns.HowTo(settings.Current),
            $"Si ya no puede acudir, cancélela para que alguien más use el horario:\n{links.Appointment(a.Code)}");

    private static string When(Appointment a)
        => $"{a.Day.ToString("dddd d 'de' MMMM", System.Globalization.CultureInfo.GetCultureInfo("es-MX"))} a las {TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(a.StartMinute)):HH\\:mm}";

    private static string Details(Appointment a)
        => $"Día y hora: {When(a)}\nCódigo de su cita: {AppointmentBooking.Display(a.Code)}" + (a.Folio is null ? "" : $"\nFolio de su petición: {a.Folio}");

    private bool Add(AppDbContext db, Appointment a, string kind, string subject, params string[] paragraphs)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(a.Email)) return false;
        var body = string.Join("\n\n", new[] { "Estimada usuaria, estimado usuario:" }.Concat(paragraphs)
            .Append("Atención a Usuarios\nEste es un mensaje automático; por favor no lo responda."));
        db.Notices.Add(Notice.Pending(kind, a.Email, subject, body, office.UtcNow(), appointmentId: a.Id));
        return true;
    }
}
