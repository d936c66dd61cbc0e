namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>Appointments written straight into the database, for the tests of what happens to them later (retention, ARCO).</summary>
public static class TestAppointments
{
    /// <summary>A booking at 10:00 (office time) on <paramref name="day"/> in the first category, with the contact given.</summary>
    public static async Task<int> AddAsync(TestApp app, DateOnly day, string name, AppointmentStatus status, string? phone = null, string? email = "persona@example.com")
    {
        await using var db = app.CreateDb();
        var category = await db.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
        var appointment = new Appointment
        {
            ServiceCategoryId = category, Day = day, StartMinute = 600, SlotMinutes = 15, StartUtc = PetitionRows.Utc(day.ToDateTime(new TimeOnly(10, 0))),
            Code = Guid.NewGuid().ToString("N")[..8], CodeHash = Guid.NewGuid().ToString("N"), Name = name, Phone = phone, Email = email, Status = status,
            CreatedAtUtc = PetitionRows.Utc(day.AddDays(-20).ToDateTime(new TimeOnly(8, 0))), RequestId = Guid.NewGuid(), PrivacyNoticeVersion = "1",
        };
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Id;
    }
}
