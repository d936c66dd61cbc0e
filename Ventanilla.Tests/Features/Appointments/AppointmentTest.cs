using Ventanilla.Features.Appointments;

namespace Ventanilla.Tests.Features.Appointments;

/// <summary>
/// The office every appointment test starts from. «Now» is Friday 27/11/2026, 10:00 at the office (9:00–17:00).
/// Category A offers 30-minute slots with half of each desk's time kept for walk-ins, and its three desks take one
/// booking per slot each: desk 2 books the even slots (9:00, 10:00, …), desks 1 and 3 the odd ones (9:30, 10:30, …).
/// </summary>
public abstract class AppointmentTest : AppServiceTest
{
    protected static readonly DateOnly Monday = new(2026, 11, 30);
    protected static readonly DateOnly Friday = new(2026, 11, 27);
    protected const int Nine = 9 * 60, NineThirty = 9 * 60 + 30, TenThirty = 10 * 60 + 30;
    protected int CategoryA { get; private set; }

    protected AppointmentBooking Booking => App.Get<AppointmentBooking>();
    protected AppointmentCalendar Calendar => App.Get<AppointmentCalendar>();

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        CategoryA = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
        var desks = await db.DeskCategories.Where(d => d.ServiceCategoryId == CategoryA).Select(d => d.DeskId).ToListAsync();
        await App.Get<AppointmentOffers>().SaveAsync(TestActors.Named("Admin"),
            new OfferInput(CategoryA, true, 30, 15, 50, desks.ToDictionary(d => d, _ => 1), 0));
    }

    protected BookingRequest Request(int startMinute, string phone = "5512345678", string? email = null, DateOnly? day = null, string name = "María López")
        => new(Guid.NewGuid(), CategoryA, day ?? Monday, startMinute, name, phone, email, AcceptedPrivacyNotice: true);
}
