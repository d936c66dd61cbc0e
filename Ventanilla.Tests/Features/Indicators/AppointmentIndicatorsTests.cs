using Ventanilla.Features.Appointments;
using Ventanilla.Features.Citizen;
using Ventanilla.Features.Indicators;

namespace Ventanilla.Tests.Features.Indicators;

/// <summary>
/// Appointments in the month's indicators, against a generated October: every booking of the month's days counted once
/// by what became of it (attended, cancelled, no-show, late; checked in but absent at the desk is not attended), the
/// punctuality of the attended ones (|first call − slot| in minutes: median and 90th percentile), by category and by the
/// desk that served them; a September booking stays out; the CSV and the office filter say the same.
/// </summary>
public class AppointmentIndicatorsTests : AppServiceTest
{
    private static readonly DateOnly October = new(2026, 10, 1);
    /// <summary>Minutes from the slot to the first call of each attended booking, desk 1 then desk 2.</summary>
    private static readonly int[] Offsets = [-4, 0, 2, 3, 5, 6, 9, 12, 25, 1];

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        var a = await db.ServiceCategories.SingleAsync(c => c.Letter == "A");
        var b = await db.ServiceCategories.SingleAsync(c => c.Letter == "B");
        var desks = await db.Desks.OrderBy(d => d.Number).Take(2).ToListAsync();
        var n = 0;
        Appointment Booking(ServiceCategory category, DateTime slotLocal, AppointmentStatus status)
        {
            var code = AppointmentBooking.NewCode();
            var booking = new Appointment
            {
                ServiceCategoryId = category.Id, Day = DateOnly.FromDateTime(slotLocal), StartMinute = slotLocal.Hour * 60 + slotLocal.Minute, SlotMinutes = 30,
                StartUtc = PetitionRows.Utc(slotLocal), Code = code, CodeHash = PublicCodes.Hash(code), Name = "Ana Confidencial", Phone = $"55{++n:00000000}",
                PrivacyNoticeVersion = "prueba", CreatedAtUtc = PetitionRows.Utc(slotLocal.AddDays(-3)), RequestId = Guid.NewGuid(), Status = status,
            };
            db.Appointments.Add(booking);
            return booking;
        }
        // Ten attended in A (the first six at desk 1, the rest at desk 2), each called Offsets[i] minutes from its slot.
        for (var i = 0; i < Offsets.Length; i++)
        {
            var slot = new DateTime(2026, 10, 5 + i, 10, 0, 0);
            var booking = Booking(a, slot, AppointmentStatus.CheckedIn);
            booking.Visit = Served(a, i < 6 ? desks[0] : desks[1], slot.AddMinutes(-10), slot.AddMinutes(Offsets[i]), VisitOutcome.Information);
        }
        // Checked in, then absent when called: not attended.
        Booking(a, new(2026, 10, 20, 12, 0, 0), AppointmentStatus.CheckedIn).Visit =
            Served(a, desks[0], new(2026, 10, 20, 11, 55, 0), new(2026, 10, 20, 12, 1, 0), VisitOutcome.NoShow);
        Booking(a, new(2026, 10, 21, 9, 0, 0), AppointmentStatus.Cancelled);
        Booking(a, new(2026, 10, 21, 9, 30, 0), AppointmentStatus.NoShow);
        Booking(b, new(2026, 10, 22, 9, 0, 0), AppointmentStatus.NoShow);
        Booking(b, new(2026, 10, 22, 9, 30, 0), AppointmentStatus.Late);
        Booking(b, new(2026, 10, 31, 9, 30, 0), AppointmentStatus.Cancelled);
        Booking(a, new(2026, 9, 30, 9, 0, 0), AppointmentStatus.NoShow); // September's
        await db.SaveChangesAsync();
    }

    private static Visit Served(ServiceCategory category, Desk desk, DateTime arrivedLocal, DateTime calledLocal, VisitOutcome outcome) => new()
    {
        ArrivedAtUtc = PetitionRows.Utc(arrivedLocal), ServiceDate = DateOnly.FromDateTime(arrivedLocal), ServiceCategoryId = category.Id, DeskId = desk.Id,
        CalledAtUtc = PetitionRows.Utc(calledLocal), ServiceStartedAtUtc = PetitionRows.Utc(calledLocal.AddMinutes(1)),
        FinishedAtUtc = PetitionRows.Utc(calledLocal.AddMinutes(12)), Outcome = outcome,
    };

    [Fact]
    public async Task The_month_counts_each_booking_by_what_became_of_it_and_how_punctually_it_was_called()
    {
        var month = (await App.Get<IndicatorService>().GetMonthAsync(October)).Appointments;

        var total = month.Total;
        Assert.Equal((16, 10, 2, 2, 1), (total.Booked, total.Attended, total.Cancelled, total.NoShows, total.Late));
        // |offsets| sorted: 0 1 2 3 4 5 6 9 12 25 → median (4 + 5) / 2, 90th percentile the 9th of ten.
        Assert.Equal(4.5, total.MedianOffMinutes);
        Assert.Equal(12.0, total.P90OffMinutes);
        Assert.Equal(100.0 * 2 / 14, total.NoShowPercent!.Value, 6);

        Assert.Equal([("A · Pagos y liquidaciones", 13, 10, 1, 1, 0), ("B · Aclaraciones y facturación", 3, 0, 1, 1, 1)],
            month.ByCategory.Select(c => (c.Group, c.Booked, c.Attended, c.Cancelled, c.NoShows, c.Late)));
        Assert.Null(month.ByCategory[1].MedianOffMinutes);
        // Desk 1: 4 0 2 3 5 6 → median 3.5; desk 2: 9 12 25 1 → median 10.5.
        Assert.Equal([("Módulo 1", 6, 3.5), ("Módulo 2", 4, 10.5)], month.ByDesk.Select(d => (d.Group, d.Attended, d.MedianOffMinutes!.Value)));
    }

    [Fact]
    public async Task The_appointments_download_as_their_tables_and_an_office_without_bookings_shows_none()
    {
        var indicators = App.Get<IndicatorService>();
        var month = await indicators.GetMonthAsync(October);

        var byCategory = IndicatorCsv.Table(month, IndicatorCsv.AppointmentsByCategory);
        Assert.Equal(["Categoría", "Agendadas", "Atendidas", "Canceladas", "Ausentes", "% ausentes", "Llegaron tarde",
            "Puntualidad mediana (min de la hora)", "Puntualidad percentil 90 (min)"], byCategory.Header);
        Assert.Equal("Total|16|10|2|2|14.3|1|4.5|12.0", string.Join("|", byCategory.Rows[^1]));
        Assert.Equal("Módulo 2", IndicatorCsv.Table(month, IndicatorCsv.AppointmentsByDesk).Rows[1][0]);

        var elsewhere = await indicators.GetMonthAsync(October, officeId: Office.MainId + 1000);
        Assert.Equal(0, elsewhere.Appointments.Total.Booked);
        Assert.Single(IndicatorCsv.Table(elsewhere, IndicatorCsv.AppointmentsByCategory).Rows);
    }
}
