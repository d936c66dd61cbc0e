using Ventanilla.Features.Deadlines;
using Ventanilla.Features.Shared;

namespace Ventanilla.Tests.Features.Deadlines;

public class CalendarServiceTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private CalendarService Calendar => _app.Get<CalendarService>();

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Adding_and_removing_an_organismo_day_moves_the_clock_at_once()
    {
        Assert.Equal(D("2026-12-07"), Calendar.Clock().DueDate(D("2026-11-13")));

        var day = await Calendar.AddOrganismoDayAsync(D("2026-12-07"), null, " Aniversario del organismo ");

        Assert.Equal("Aniversario del organismo", day.Description);
        Assert.Equal(D("2026-12-08"), Calendar.Clock().DueDate(D("2026-11-13")));
        await Calendar.RemoveOrganismoDayAsync(day.Id);
        Assert.Equal(D("2026-12-07"), Calendar.Clock().DueDate(D("2026-11-13")));
        Assert.Empty(await Calendar.ListOrganismoDaysAsync());
    }

    [Fact]
    public async Task A_range_is_stored_once_and_covers_every_day()
    {
        await Calendar.AddOrganismoDayAsync(D("2026-12-21"), D("2027-01-01"), "Vacaciones de invierno");
        var stored = Assert.Single(await Calendar.ListOrganismoDaysAsync());
        Assert.Equal((D("2026-12-21"), D("2027-01-01")), (stored.StartDate, stored.EndDate));
        Assert.False(Calendar.Current.IsBusinessDay(D("2026-12-30")));
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_saved()
    {
        var reversed = await Assert.ThrowsAsync<RuleException>(() => Calendar.AddOrganismoDayAsync(D("2026-04-03"), D("2026-03-30"), "Semana Santa"));
        Assert.Equal("FechaFin: 30/03/2026 es anterior a Fecha 03/04/2026.", reversed.Message);
        var empty = await Assert.ThrowsAsync<RuleException>(() => Calendar.AddOrganismoDayAsync(D("2026-11-02"), null, " "));
        Assert.StartsWith("Descripción: es obligatoria", empty.Message);

        await Calendar.AddOrganismoDayAsync(D("2026-03-30"), D("2026-04-03"), "Semana Santa");
        var duplicate = await Assert.ThrowsAsync<RuleException>(() => Calendar.AddOrganismoDayAsync(D("2026-04-02"), null, "Jueves Santo"));
        Assert.Contains("se cruza con \"Semana Santa\"", duplicate.Message);
        Assert.Single(await Calendar.ListOrganismoDaysAsync());
    }
}
