using System.Text;
using Ventanilla.Features.Import;
using Ventanilla.Features.Indicators;

namespace Ventanilla.Tests.Features.Indicators;

/// <summary>"Open" means one thing: the Control de Peticiones, the wall board and the month's indicators count the same petitions.</summary>
public class OpenCountsAgreeTests : AppServiceTest
{
    [Fact]
    public async Task A_legacy_petition_closed_without_any_date_is_closed_everywhere()
    {
        var path = Path.Combine(App.Folder, "legado.csv");
        await File.WriteAllTextAsync(path,
            "Folio,Fecha de recepción,Solicitante,Estatus,Fecha de respuesta,Fecha de cierre\n" +
            "GAU-2026-00001,03/11/2026,Ana Ruiz,Concluido,,\n" +          // closed, no dates at all
            "GAU-2026-00002,04/11/2026,Beto Díaz,En trámite,,\n" +        // open
            "GAU-2026-00003,05/11/2026,Carla Gil,Concluido,10/11/2026,\n" + // closed with its answer date
            "GAU-2026-00004,06/11/2026,Dora Paz,Turnado,,\n",              // open (no area: registered)
            new UTF8Encoding(false));
        var report = await App.Get<LegacyImport>().RunAsync(() => File.OpenRead(path), "legado.csv", new ImportOptions());
        Assert.True(report.Written, report.ToText());
        var clerk = await App.Get<Actors>().ForUserAsync((await App.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios)).Id);

        var listed = (await App.Get<PetitionQueries>().ListAsync(clerk, new PetitionFilter(OpenOnly: true))).Total;
        var board = await App.Get<FollowUpWallBoard>().GetAsync();
        var indicators = App.Get<IndicatorService>();
        var month = await indicators.GetMonthAsync(indicators.CurrentMonth());

        Assert.Equal(2, listed);
        Assert.Equal(2, board.Totals.Total);
        Assert.Equal(2, month.Petitions.Open);
    }
}
