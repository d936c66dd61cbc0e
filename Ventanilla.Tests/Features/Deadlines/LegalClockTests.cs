using Microsoft.Extensions.Time.Testing;

namespace Ventanilla.Tests.Features.Deadlines;

public class LegalClockTests
{
    private static readonly TimeZoneInfo Mexico = OfficeClock.FindZone("America/Mexico_City");

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static LegalClock Clock(string today = "2026-11-27 10:00", params OrganismoDay[] organismo)
    {
        var local = DateTime.Parse(today, System.Globalization.CultureInfo.InvariantCulture);
        var time = new FakeTimeProvider(new DateTimeOffset(local, Mexico.GetUtcOffset(local)));
        return new LegalClock(new BusinessCalendar(organismo), new ClockTerms(15, 3, 5, new TimeOnly(9, 0), new TimeOnly(17, 0)), Mexico, time);
    }

    // Hand-checked: (received local time, expected due date for 15 business days).
    [Theory]
    [InlineData("2026-11-13 09:00", "2026-12-07")] // Nov 16 is the Revolution holiday (issue's example)
    [InlineData("2026-11-13 16:59", "2026-12-07")] // one minute before closing: still Nov 13
    [InlineData("2026-11-13 17:00", "2026-12-08")] // at closing: counts from Tue Nov 17
    [InlineData("2026-11-14 10:00", "2026-12-08")] // a Saturday: day 0 is Tue Nov 17
    [InlineData("2026-12-18 10:00", "2027-01-12")] // across the year end, Dec 25 and Jan 1
    [InlineData("2026-03-13 12:00", "2026-04-06")] // long weekend of Mar 16
    [InlineData("2025-11-10 12:00", "2025-12-02")] // 2025: Nov 17
    [InlineData("2030-09-24 12:00", "2030-10-16")] // Oct 1 2030, inauguration
    public void Due_dates_match_hand_checked_answers(string received, string due)
    {
        var clock = Clock();
        var dayZero = clock.DayZero(DateTime.Parse(received, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(D(due), clock.DueDate(dayZero));
    }

    [Fact]
    public void Holy_week_as_an_organismo_range_moves_the_due_date()
    {
        var clock = Clock(organismo: new OrganismoDay(D("2026-03-30"), D("2026-04-03"), "Vacaciones de Semana Santa"));
        Assert.Equal(D("2026-04-13"), clock.DueDate(D("2026-03-13")));
    }

    [Fact]
    public void Adding_an_organismo_day_inside_the_window_moves_the_due_date_one_business_day()
    {
        Assert.Equal(D("2026-12-07"), Clock().DueDate(D("2026-11-13")));
        var changed = Clock(organismo: new OrganismoDay(D("2026-12-07"), D("2026-12-07"), "Día del organismo"));
        Assert.Equal(D("2026-12-08"), changed.DueDate(D("2026-11-13")));
    }

    [Fact]
    public void A_pause_that_spans_a_holiday_moves_the_due_date_by_the_paused_business_days_only()
    {
        var clock = Clock();
        Assert.Equal(D("2026-12-02"), clock.DueDate(D("2026-11-10")));
        // Requirement delivered Thu Nov 12, proof received Wed Nov 18: Nov 13, 17 and 18 do not count (16 is a holiday anyway).
        var paused = clock.DueDate(D("2026-11-10"), pauses: [new ClockPause(D("2026-11-12"), D("2026-11-18"))]);
        Assert.Equal(D("2026-12-07"), paused);
        Assert.Equal(3, clock.Calendar.CountBusinessDays(D("2026-12-02"), paused));
    }

    [Fact]
    public void A_pause_resumed_the_same_day_changes_nothing()
    {
        var clock = Clock();
        Assert.Equal(D("2026-12-02"), clock.DueDate(D("2026-11-10"), pauses: [new ClockPause(D("2026-11-12"), D("2026-11-12"))]));
    }

    [Fact]
    public void An_open_pause_counts_as_paused_through_today()
    {
        // Today Fri Nov 27; paused since Mon Nov 23: Nov 24, 25, 26, 27 do not count.
        var clock = Clock("2026-11-27 10:00");
        var due = clock.DueDate(D("2026-11-10"), pauses: [new ClockPause(D("2026-11-23"), null)]);
        Assert.Equal(4, clock.Calendar.CountBusinessDays(D("2026-12-02"), due));
        Assert.Equal(TrafficLight.Pausada, clock.Light(due, paused: true));
    }

    [Fact]
    public void The_ownership_proof_term_counts_from_the_next_business_day()
    {
        var clock = Clock();
        Assert.Equal(D("2026-11-19"), clock.ProofDueDate(D("2026-11-13"))); // Fri 13 → Tue 17, Wed 18, Thu 19
        Assert.Equal(D("2026-11-27"), clock.ProofDueDate(D("2026-11-24")));
    }

    [Theory]
    [InlineData("2026-11-27", 6, TrafficLight.Verde)]
    [InlineData("2026-11-30", 5, TrafficLight.Amarillo)]
    [InlineData("2026-12-07", 0, TrafficLight.Amarillo)]
    [InlineData("2026-12-08", -1, TrafficLight.Rojo)]
    [InlineData("2026-12-14", -5, TrafficLight.Rojo)]
    public void Days_left_and_light_follow_the_due_date(string today, int daysLeft, TrafficLight light)
    {
        var clock = Clock($"{today} 12:00");
        Assert.Equal(daysLeft, clock.DaysLeft(D("2026-12-07")));
        Assert.Equal(light, clock.Light(D("2026-12-07"), paused: false));
    }

    [Theory]
    [InlineData("2026-11-28 12:00", 15)] // Saturday, the day it came: the term has not started, 15 left, not 16
    [InlineData("2026-11-27 18:00", 15)] // received Friday after closing: the same
    [InlineData("2026-11-30 12:00", 15)] // Monday, day 0
    [InlineData("2026-12-01 12:00", 14)] // Tuesday, day 1
    public void Days_left_never_count_day_0(string now, int daysLeft)
    {
        var clock = Clock(now);
        var dayZero = D("2026-11-30");
        var due = clock.DueDate(dayZero, 15);

        Assert.Equal(daysLeft, clock.DaysLeft(due, dayZero: dayZero));
        Assert.Equal(daysLeft, new BusinessDayIndex(clock.Calendar, clock.Today(), due).DaysLeft(due, clock.Today(), dayZero));
    }

    [Fact]
    public void Today_is_the_office_date_not_the_UTC_date()
    {
        // 23:30 in Mexico City on Nov 27 is already Nov 28 in UTC.
        var clock = Clock("2026-11-27 23:30");
        Assert.Equal(D("2026-11-27"), clock.Today());
    }

    [Fact]
    public void Elapsed_business_days_leave_out_pauses()
    {
        var clock = Clock("2026-11-20 12:00");
        Assert.Equal(7, clock.ElapsedBusinessDays(D("2026-11-10")));
        Assert.Equal(4, clock.ElapsedBusinessDays(D("2026-11-10"), [new ClockPause(D("2026-11-12"), D("2026-11-18"))]));
    }

    [Fact]
    public void On_time_means_delivered_on_or_before_the_due_date()
    {
        Assert.True(LegalClock.IsOnTime(D("2026-12-07"), D("2026-12-07")));
        Assert.False(LegalClock.IsOnTime(D("2026-12-08"), D("2026-12-07")));
    }

    [Fact]
    public void The_explanation_lists_every_day_with_its_reason()
    {
        var days = Clock().CountedDays(D("2026-11-13"), 15);
        Assert.Equal(D("2026-11-14"), days[0].Date);
        Assert.Equal("Descanso obligatorio: Día de la Revolución", days.Single(d => d.Date == D("2026-11-16")).Reason);
        Assert.Equal("Fin de semana (Sábado)", days[0].Reason);
        Assert.Equal(15, days.Count(d => d.Counted));
        Assert.Equal("Día hábil 15", days[^1].Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_term_of_zero_or_less_is_refused(int term)
        => Assert.Throws<ArgumentOutOfRangeException>(() => Clock().DueDate(D("2026-11-13"), term));

    [Fact]
    public void Property_due_dates_are_business_days_with_exactly_the_term_counted_and_never_move_earlier()
    {
        var clock = Clock();
        var random = new Random(15);
        for (var i = 0; i < 300; i++)
        {
            var dayZero = D("2025-01-01").AddDays(random.Next(0, 365 * 3));
            var term = random.Next(1, 30);
            var due = clock.DueDate(dayZero, term);
            Assert.True(clock.Calendar.IsBusinessDay(due));
            Assert.Equal(term, clock.Calendar.CountBusinessDays(dayZero, due));
            Assert.True(clock.DueDate(dayZero.AddDays(1), term) >= due);
        }
    }
}
