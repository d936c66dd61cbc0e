namespace Ventanilla.Features.Appointments;

public static class AppointmentsWiring
{
    /// <summary>
    /// Appointments: what can be booked, the bookings, their e-mails and the reminders the day before, the check-ins and
    /// the no-shows once a window closes.
    /// </summary>
    public static IServiceCollection AddAppointments(this IServiceCollection services)
    {
        services.AddSingleton<AppointmentCalendar>();
        services.AddSingleton<AppointmentBooking>();
        services.AddSingleton<AppointmentOffers>();
        services.AddSingleton<AppointmentNotices>();
        services.AddSingleton<AppointmentReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<AppointmentReminders>());
        services.AddSingleton<AppointmentCheckIns>();
        services.AddSingleton<AppointmentNoShows>();
        services.AddHostedService(sp => sp.GetRequiredService<AppointmentNoShows>());
        return services;
    }
}
