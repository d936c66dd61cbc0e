namespace Ventanilla.Tests.Features.Deadlines;

public class BusinessCalendarTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    // Hand-checked against the official calendars (LFT art. 74, with the Monday rules and the 2024 reform).
    [Theory]
    [InlineData(2025, new[] { "2025-01-01", "2025-02-03", "2025-03-17", "2025-05-01", "2025-09-16", "2025-11-17", "2025-12-25" })]
    [InlineData(2026, new[] { "2026-01-01", "2026-02-02", "2026-03-16", "2026-05-01", "2026-09-16", "2026-11-16", "2026-12-25" })]
    [InlineData(2030, new[] { "2030-01-01", "2030-02-04", "2030-03-18", "2030-05-01", "2030-09-16", "2030-10-01", "2030-11-18", "2030-12-25" })]
    public void Federal_rest_days_match_the_official_calendar(int year, string[] expected)
        => Assert.Equal(expected.Select(D), BusinessCalendar.Federal(year).Keys.Order());

    [Theory]
    [InlineData("2024-10-01", true)]
    [InlineData("2025-10-01", false)]
    [InlineData("2026-10-01", false)]
    [InlineData("2030-10-01", true)]
    public void October_first_is_a_rest_day_only_every_six_years(string date, bool holiday)
        => Assert.Equal(holiday, BusinessCalendar.Federal(D(date).Year).ContainsKey(D(date)));

    [Fact]
    public void Days_are_described_in_Spanish_with_their_kind()
    {
        var calendar = new BusinessCalendar([new OrganismoDay(D("2026-11-02"), D("2026-11-02"), "Día de Muertos")]);
        Assert.Equal(new DayInfo(D("2026-11-16"), DayKind.Federal, "Día de la Revolución"), calendar.Describe(D("2026-11-16")));
        Assert.Equal(new DayInfo(D("2026-11-02"), DayKind.Organismo, "Día de Muertos"), calendar.Describe(D("2026-11-02")));
        Assert.Equal(DayKind.Weekend, calendar.Describe(D("2026-11-14")).Kind);
        Assert.Equal(DayKind.Business, calendar.Describe(D("2026-11-17")).Kind);
        Assert.Equal("Natalicio de Benito Juárez", calendar.Describe(D("2026-03-16")).Description);
        Assert.Equal("Día del Trabajo", calendar.Describe(D("2026-05-01")).Description);
        Assert.Equal("Transmisión del Poder Ejecutivo Federal", calendar.Describe(D("2030-10-01")).Description);
    }

    [Fact]
    public void An_organismo_range_covers_every_day_in_it()
    {
        var calendar = new BusinessCalendar([new OrganismoDay(D("2026-03-30"), D("2026-04-03"), "Semana Santa")]);
        for (var d = D("2026-03-30"); d <= D("2026-04-03"); d = d.AddDays(1))
        {
            Assert.False(calendar.IsBusinessDay(d));
        }
        Assert.True(calendar.IsBusinessDay(D("2026-04-06")));
        Assert.Equal(D("2026-04-06"), calendar.NextBusinessDay(D("2026-03-27")));
    }

    [Fact]
    public void Counting_and_adding_business_days_agree_across_years()
    {
        var calendar = BusinessCalendar.FederalOnly;
        var random = new Random(74);
        for (var i = 0; i < 500; i++)
        {
            var start = D("2024-01-01").AddDays(random.Next(0, 365 * 6));
            var n = random.Next(1, 40);
            var end = calendar.AddBusinessDays(start, n);
            Assert.True(calendar.IsBusinessDay(end));
            Assert.Equal(n, calendar.CountBusinessDays(start, end));
            Assert.Equal(n - 1, calendar.CountBusinessDays(start, end.AddDays(-1)));
        }
    }
}
