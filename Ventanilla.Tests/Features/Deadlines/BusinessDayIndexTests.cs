using Microsoft.Extensions.Time.Testing;

namespace Ventanilla.Tests.Features.Deadlines;

/// <summary>The constant-time counter must answer exactly what the legal clock answers day by day.</summary>
public class BusinessDayIndexTests
{
    private static readonly BusinessCalendar Calendar = new([
        new OrganismoDay(new(2026, 3, 30), new(2026, 4, 3), "Semana Santa"),
        new OrganismoDay(new(2026, 11, 2), new(2026, 11, 2), "Día de muertos"),
    ]);

    private static LegalClock Clock(DateOnly today)
        => new(Calendar, new ClockTerms(), OfficeClock.FindZone("America/Mexico_City"),
            new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(-6))));

    [Fact]
    public void Counts_match_the_calendar_inside_and_outside_the_span()
    {
        var index = new BusinessDayIndex(Calendar, new(2026, 1, 1), new(2026, 12, 31));
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var from = new DateOnly(2025, 10, 1).AddDays(random.Next(0, 560));
            var to = from.AddDays(random.Next(-5, 120));
            Assert.Equal(Calendar.CountBusinessDays(from, to), index.Count(from, to));
        }
        // Hand-checked: November 2026 has 21 weekdays, less the 2nd (organismo) and the 16th (federal).
        Assert.Equal(19, index.Count(new(2026, 10, 31), new(2026, 11, 30)));
    }

    [Fact]
    public void Elapsed_days_with_pauses_match_the_legal_clock()
    {
        var index = new BusinessDayIndex(Calendar, new(2026, 1, 1), new(2026, 12, 31));
        var random = new Random(5);
        for (var i = 0; i < 1_000; i++)
        {
            var dayZero = new DateOnly(2026, 1, 5).AddDays(random.Next(0, 300));
            var asOf = dayZero.AddDays(random.Next(0, 60));
            var pauses = new List<ClockPause>();
            var start = dayZero;
            for (var p = random.Next(0, 3); p > 0; p--)
            {
                start = start.AddDays(random.Next(0, 15));
                DateOnly? end = random.Next(4) == 0 ? null : start.AddDays(random.Next(0, 12));
                pauses.Add(new ClockPause(start, end));
                if (end is null) break;
                start = end.Value;
            }
            var expected = Clock(asOf).ElapsedBusinessDays(dayZero, pauses, asOf);
            Assert.Equal(expected, index.Elapsed(dayZero, pauses, asOf));
        }
    }

    [Fact]
    public void Days_left_are_negative_when_overdue()
    {
        var index = new BusinessDayIndex(Calendar, new(2026, 11, 1), new(2026, 12, 31));
        var today = new DateOnly(2026, 11, 27);
        Assert.Equal(-5, index.DaysLeft(new(2026, 11, 20), today)); // 23..27
        Assert.Equal(0, index.DaysLeft(today, today));
        Assert.Equal(2, index.DaysLeft(new(2026, 12, 1), today)); // 30/11, 01/12
        Assert.Equal(Clock(today).DaysLeft(new(2026, 10, 15)), index.DaysLeft(new(2026, 10, 15), today)); // before the span
    }
}
