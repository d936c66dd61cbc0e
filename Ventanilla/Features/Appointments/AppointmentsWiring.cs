namespace Ventanilla.Features.Appointments;

public static class AppointmentsWiring
{
    /// <summary>Appointments: what can be booked, the bookings, their e-mails and the reminders the day before.</summary>
    public static IServiceCollection AddAppointments(this IServiceCollection services)
    {
        services.AddSingleton<AppointmentCalendar>();
        services.AddSingleton<AppointmentBooking>();
        services.AddSingleton<AppointmentOffers>();
        services.AddSingleton<AppointmentNotices>();
        services.AddSingleton<AppointmentReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<AppointmentReminders>());
        return services;
    }
}
