using Ventanilla.Features.Appointments;

namespace Ventanilla.Tests.Features.Appointments;

/// <summary>
/// The day of the appointment on the real services and database: the check-in window (15 minutes before to 15 after),
/// one turn however often the code is used, the refusals that write nothing, the no-shows once the window closes, and
/// the call order that brings a checked-in booking to a desk at its slot, ahead of walk-ins who waited less than the
/// ceiling (30 minutes) and behind those who waited more. «Now» starts at Friday 27/11/2026, 10:00.
/// </summary>
public class AppointmentCheckInTests : AppointmentTest
{
    private AppointmentCheckIns CheckIns => App.Get<AppointmentCheckIns>();
    private QueueService Queue => App.Get<QueueService>();
    private static readonly Actor Kiosk = new("", "Quiosco", new HashSet<string> { Roles.Recepcion }, new HashSet<int>());

    private Task<BookingView> BookTodayAsync(int startMinute = TenThirty, string phone = "5512345678", string name = "María López")
        => Booking.BookAsync(Request(startMinute, phone, day: Friday, name: name));

    /// <summary>Moves the fake clock to <paramref name="hour"/>:<paramref name="minute"/> of Friday, office time.</summary>
    private void At(int hour, int minute)
    {
        var target = App.Get<OfficeClock>().ToUtc(new DateTime(2026, 11, 27, hour, minute, 0));
        App.Time.Advance(target - App.Time.GetUtcNow().UtcDateTime);
    }

    private async Task<int> TicketCountAsync()
    {
        await using var db = App.CreateDb();
        return await db.QueueTickets.CountAsync();
    }

    [Fact]
    public async Task Within_the_window_the_code_gives_one_turn_marked_with_its_slot_however_often_it_is_used()
    {
        var booking = await BookTodayAsync();
        At(10, 16);

        var first = await CheckIns.ByCodeAsync(Kiosk, AppointmentBooking.Display(booking.Code).ToLowerInvariant(), Office.MainId);
        var again = await CheckIns.ByCodeAsync(Kiosk, booking.Code, Office.MainId);

        Assert.Equal(CheckInOutcome.Issued, first.Outcome);
        Assert.Equal(new DateTime(2026, 11, 27, 10, 30, 0), first.Turn!.AppointmentAtLocal);
        Assert.Equal(first.Turn.TicketId, again.Turn!.TicketId);
        Assert.Equal(first.Turn.Code, again.Turn.Code);
        await using var db = App.CreateDb();
        var ticket = await db.QueueTickets.Include(t => t.Visit).SingleAsync();
        Assert.Equal(booking.StartUtc, ticket.AppointmentStartUtc);
        Assert.Equal(("María López", "5512345678"), (ticket.Visit!.VisitorName, ticket.Visit.Phone));
        var saved = await db.Appointments.SingleAsync();
        Assert.Equal((AppointmentStatus.CheckedIn, ticket.VisitId), (saved.Status, saved.VisitId));
        Assert.NotNull(saved.CheckedInAtUtc);
    }

    [Fact]
    public async Task Too_early_says_when_the_window_opens_and_writes_nothing()
    {
        var booking = await BookTodayAsync();

        var early = await CheckIns.ByCodeAsync(Kiosk, booking.Code, Office.MainId);

        Assert.Equal(CheckInOutcome.Early, early.Outcome);
        Assert.Equal(new DateTime(2026, 11, 27, 10, 15, 0), early.OpensAtLocal);
        Assert.Equal(0, await TicketCountAsync());
        Assert.Equal(AppointmentStatus.Booked, (await Booking.FindAsync(booking.Code))!.Status);
    }

    [Fact]
    public async Task Too_late_records_the_booking_as_late_and_issues_no_turn()
    {
        var booking = await BookTodayAsync();
        At(10, 46);

        var late = await CheckIns.ByCodeAsync(Kiosk, booking.Code, Office.MainId);
        var again = await CheckIns.ByCodeAsync(Kiosk, booking.Code, Office.MainId);

        Assert.Equal((CheckInOutcome.Late, CheckInOutcome.Late), (late.Outcome, again.Outcome));
        Assert.Equal(new DateTime(2026, 11, 27, 10, 45, 0), late.ClosesAtLocal);
        Assert.Equal(AppointmentStatus.Late, (await Booking.FindAsync(booking.Code))!.Status);
        Assert.Equal(0, await TicketCountAsync());
    }

    [Fact]
    public async Task A_forged_cancelled_other_day_or_other_office_code_is_told_in_Spanish_and_writes_nothing()
    {
        var cancelled = await BookTodayAsync(phone: "5511111111");
        await Booking.CancelAsync(cancelled.Code);
        var monday = await Booking.BookAsync(Request(Nine, phone: "5522222222"));
        var today = await BookTodayAsync(phone: "5533333333");
        At(10, 20);

        var forged = await Assert.ThrowsAsync<RuleException>(() => CheckIns.ByCodeAsync(Kiosk, "ABCD-2345", Office.MainId));
        var gone = await Assert.ThrowsAsync<RuleException>(() => CheckIns.ByCodeAsync(Kiosk, cancelled.Code, Office.MainId));
        var notToday = await Assert.ThrowsAsync<RuleException>(() => CheckIns.ByCodeAsync(Kiosk, monday.Code, Office.MainId));
        var elsewhere = await Assert.ThrowsAsync<RuleException>(() => CheckIns.ByCodeAsync(Kiosk, today.Code, Office.MainId + 1000));
        var empty = await Assert.ThrowsAsync<RuleException>(() => CheckIns.ByCodeAsync(Kiosk, "  ", Office.MainId));

        Assert.Contains("no corresponde a ninguna cita", forged.Message);
        Assert.Contains("cancelada", gone.Message);
        Assert.Contains("Su cita es el 30/11/2026 a las 09:00", notToday.Message);
        Assert.Contains("este quiosco es de otra oficina", elsewhere.Message);
        Assert.Contains("escríbalo como aparece", empty.Message);
        Assert.Equal(0, await TicketCountAsync());
    }

    [Fact]
    public async Task A_booking_not_checked_in_when_its_window_closes_becomes_a_no_show_once_and_late_if_they_come_after_all()
    {
        var missed = await BookTodayAsync(phone: "5511111111");
        var later = await BookTodayAsync(11 * 60 + 30, phone: "5522222222");
        var noShows = App.Get<AppointmentNoShows>();

        At(10, 45);
        Assert.Equal(0, await noShows.MarkDueAsync()); // the window is still open at 10:45
        At(10, 46);
        Assert.Equal(1, await noShows.MarkDueAsync());
        Assert.Equal(0, await noShows.MarkDueAsync());

        Assert.Equal(AppointmentStatus.NoShow, (await Booking.FindAsync(missed.Code))!.Status);
        Assert.Equal(AppointmentStatus.Booked, (await Booking.FindAsync(later.Code))!.Status);
        // Coming after all, later still: recorded as late and offered a walk-in turn, like anyone past the window.
        Assert.Equal(CheckInOutcome.Late, (await CheckIns.ByCodeAsync(Kiosk, missed.Code, Office.MainId)).Outcome);
        Assert.Equal(AppointmentStatus.Late, (await Booking.FindAsync(missed.Code))!.Status);
        Assert.Equal(0, await TicketCountAsync());
    }

    [Fact]
    public async Task A_checked_in_booking_is_called_at_its_slot_ahead_of_walk_ins_who_waited_less_than_the_ceiling()
    {
        var booking = await BookTodayAsync();
        int desk;
        await using (var db = App.CreateDb())
        {
            desk = await db.Desks.Where(d => d.Categories.Any(c => c.ServiceCategoryId == CategoryA)).OrderBy(d => d.Number).Select(d => d.Id).FirstAsync();
        }
        var early = await Queue.IssueTurnAsync(Kiosk, new KioskRequest(Guid.NewGuid(), CategoryA));   // 10:00
        At(10, 5);
        var recent = await Queue.IssueTurnAsync(Kiosk, new KioskRequest(Guid.NewGuid(), CategoryA));  // 10:05
        At(10, 20);
        var appointment = (await CheckIns.ByCodeAsync(Kiosk, booking.Code, Office.MainId)).Turn!;
        Assert.Equal(2, appointment.Ahead); // before its slot, the walk-ins present go first
        At(10, 25);
        var preferential = await Queue.IssueTurnAsync(Kiosk, new KioskRequest(Guid.NewGuid(), CategoryA, PreferentialReason.OlderAdult));

        // 10:31: the slot has come; the 10:00 walk-in has waited past the ceiling, the 10:05 one has not.
        At(10, 31);
        var called = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var turn = await Queue.CallNextAsync(Actor.System, desk);
            called.Add(turn.TicketId);
            if (turn.TicketId == appointment.TicketId) Assert.True(turn.IsAppointment);
            await Queue.FinishAsync(Actor.System, desk, turn.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
        }
        Assert.Equal([preferential.TicketId, early.TicketId, appointment.TicketId, recent.TicketId], called);
    }

    [Fact]
    public async Task A_desk_checks_in_someone_who_lost_the_code_and_other_roles_may_not()
    {
        var booking = await BookTodayAsync();
        At(10, 20);
        var oficialia = new Actor("", "Olga", new HashSet<string> { Roles.OficialiaPartes }, new HashSet<int>());
        var clerk = new Actor("", "Rosa", new HashSet<string> { Roles.AtencionUsuarios }, new HashSet<int>());

        await Assert.ThrowsAsync<RuleException>(() => CheckIns.ByIdAsync(oficialia, booking.Id));
        var result = await CheckIns.ByIdAsync(clerk, booking.Id);

        Assert.Equal(CheckInOutcome.Issued, result.Outcome);
        Assert.StartsWith("A-", result.Turn!.Code);
        Assert.Equal(1, await TicketCountAsync());
    }

    [Fact]
    public async Task The_phone_checks_in_with_the_code_alone_and_the_window_is_the_administrator_s()
    {
        var admin = TestActors.Named("Admin");
        var settings = App.Get<SettingsService>();
        await settings.SaveAppointmentRulesAsync(admin, new AppointmentRules(40, 5, 20, settings.Current.Version));
        var booking = await BookTodayAsync();
        var bad = await Assert.ThrowsAsync<RuleException>(() => settings.SaveAppointmentRulesAsync(admin, new AppointmentRules(-1, 500, 1, settings.Current.Version)));
        Assert.Equal(3, bad.Message.Split('\n').Length);

        // The booking's page, mail and calendar file tell the office's window.
        Assert.Contains("desde 40 minutos antes de su hora y hasta 5 después", AppointmentIcs.For(booking, "https://ejemplo.mx/cita", settings.Current).Replace("\r\n ", ""));

        var result = await CheckIns.ByCodeAsync(AppointmentCheckIns.CitizenWithCode, booking.Code, officeId: null); // 10:00, 40 minutes before 10:30

        Assert.Equal(CheckInOutcome.Issued, result.Outcome);
        Assert.NotNull(result.Turn!.PublicCode);
        At(10, 36);
        var late = await BookTodayAsync(11 * 60 + 30, phone: "5599999999");
        Assert.Equal(new DateTime(2026, 11, 27, 11, 35, 0), (await CheckIns.ByCodeAsync(Kiosk, late.Code, Office.MainId)).ClosesAtLocal);
    }
}
