using Ventanilla.Features.Citizen;

namespace Ventanilla.Tests.Features.Petitions;

/// <summary>
/// One reception date and one count of days left everywhere: a petition received on a Saturday says «Recibida» on that
/// Saturday in the Control de Peticiones, on its page, in the export and on /consulta; its day 0 is the Monday, named
/// as such; and it never shows more days left than its term.
/// </summary>
public class ReceivedDateTests : PetitionTestBase
{
    [Fact]
    public async Task A_petition_received_on_a_Saturday_is_received_that_Saturday_everywhere_with_its_term_of_days_left()
    {
        // Saturday 28/11/2026 at noon in the office; the letter came at 09:00 that morning.
        App.Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 18, 0, 0, TimeSpan.Zero));
        var saturday = new DateTime(2026, 11, 28, 9, 0, 0);
        var created = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), "OP-77", saturday));
        var petition = await LoadAsync(created.Id);
        Assert.Equal(D(11, 30), petition.DayZero); // Monday
        var term = petition.TermDays;

        var row = Assert.Single((await App.Get<PetitionQueries>().ListAsync(_director, new PetitionFilter())).Rows);
        Assert.Equal(saturday, row.ReceivedLocal);
        Assert.Equal(term, row.DaysLeft);
        // «Recibida desde / hasta» are the days it was received, not day 0.
        Assert.Single((await App.Get<PetitionQueries>().ListAsync(_director, new PetitionFilter(From: D(11, 28), To: D(11, 28)))).Rows);
        Assert.Empty((await App.Get<PetitionQueries>().ListAsync(_director, new PetitionFilter(From: D(11, 30)))).Rows);

        var view = (await App.Get<PetitionDetails>().FindAsync(created.Folio))!;
        Assert.Equal((saturday, term), (view.ReceivedLocal, view.DaysLeft));

        var export = await App.Get<PetitionQueries>().ExportRowsAsync(new PetitionFilter()).SingleAsync();
        Assert.Equal(saturday, App.Get<OfficeClock>().ToLocal(export.ReceivedAtUtc));

        var status = (await App.Get<FolioLookup>().FindAsync(created.Folio, petition.PublicCode))!;
        Assert.Equal(D(11, 28), status.ReceivedOn);
        Assert.Contains($"{term} días hábiles", status.Deadline);

        // On Monday (day 0) and Tuesday the count goes on from the term, as the clock does.
        App.Time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero));
        Assert.Equal(term, (await App.Get<PetitionQueries>().ListAsync(_director, new PetitionFilter())).Rows[0].DaysLeft);
        App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero));
        Assert.Equal(term - 1, (await App.Get<PetitionQueries>().ListAsync(_director, new PetitionFilter())).Rows[0].DaysLeft);
    }
}
