using System.Text;
using Ventanilla.Features.Import;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Import;

/// <summary>The petitions export read back by the import into an empty database gives the same export.</summary>
public class ExportRoundTripTests : PetitionTestBase
{
    [Fact]
    public async Task Export_then_import_into_an_empty_database_then_export_is_identical()
    {
        var responses = App.Get<PetitionResponses>();
        async Task<PetitionRef> WrittenAsync(PetitionInput input, string oficialia, DateTime received)
        {
            var p = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(input, oficialia, received));
            return await responses.ForwardToAttentionAsync(_director, p.Id, p.Version, null);
        }

        // Routed to two areas, one answered.
        var routed = await WrittenAsync(Input(subject: "=SUMA(A1) no es una fórmula"), "OP-1", new DateTime(2026, 11, 10, 12, 0, 0));
        routed = await Petitions.RouteAsync(_clerk, routed.Id, routed.Version, [_operation, _billing], "Revisar");
        await using (var db = App.CreateDb())
        {
            var routing = await db.Routings.SingleAsync(r => r.PetitionId == routed.Id && r.AreaId == _operation);
            await Petitions.AnswerRoutingAsync(_liaison, routing.Id, routing.Version, "Revisado en campo");
        }
        // A third party waiting to prove ownership, received after hours.
        var waiting = await WrittenAsync(Input(thirdParty: true), "OP-2", new DateTime(2026, 11, 19, 17, 45, 0));
        await Petitions.WaitForPetitionerAsync(_clerk, waiting.Id, waiting.Version, PauseReason.OwnershipProof, new DateOnly(2026, 11, 24), null);
        // Answered, approved, delivered and closed.
        var closed = await WrittenAsync(Input(subject: "Reconexión"), "OP-3", new DateTime(2026, 11, 3, 9, 30, 0));
        closed = await Petitions.RouteAsync(_clerk, closed.Id, closed.Version, [_operation], null);
        await using (var db = App.CreateDb())
        {
            var routing = await db.Routings.SingleAsync(r => r.PetitionId == closed.Id);
            await Petitions.AnswerRoutingAsync(_liaison, routing.Id, routing.Version, "Reconectado");
        }
        closed = await Load(closed.Id);
        closed = await responses.SaveDraftAsync(_clerk, closed.Id, closed.Version, "Su servicio fue reconectado.");
        closed = await responses.SubmitForReviewAsync(_clerk, closed.Id, closed.Version);
        closed = await responses.ApproveAsync(_director, closed.Id, closed.Version, null);
        closed = await responses.DeliverAsync(_clerk, closed.Id, closed.Version, "José Pérez", new DateTime(2026, 11, 20, 11, 0, 0), null);
        await responses.CloseAsync(_oficialia, closed.Id, closed.Version, null);
        // Cancelled.
        var cancelled = await WrittenAsync(Input(subject: "Duplicada"), "OP-4", new DateTime(2026, 11, 25, 10, 0, 0));
        await Petitions.CancelAsync(_clerk, cancelled.Id, cancelled.Version, "Ingresó dos veces");

        var (exported, count) = await App.Get<PetitionExport>().ToBytesAsync(new PetitionFilter());
        Assert.Equal(4, count);
        var file = Path.Combine(App.Folder, "exportado.csv");
        await File.WriteAllBytesAsync(file, exported);

        await using var empty = await TestApp.CreateAsync();
        var report = await empty.Get<LegacyImport>().RunAsync(() => File.OpenRead(file), "exportado.csv", new ImportOptions());
        Assert.True(report.IsValid, report.ToText());
        Assert.Equal(4, report.ToAdd);
        var (again, _) = await empty.Get<PetitionExport>().ToBytesAsync(new PetitionFilter());

        Assert.Equal(Encoding.UTF8.GetString(exported), Encoding.UTF8.GetString(again));
        Assert.Contains(",'=SUMA(A1) no es una fórmula,", Encoding.UTF8.GetString(exported));
        await using var db2 = empty.CreateDb();
        Assert.Equal("=SUMA(A1) no es una fórmula", (await db2.Petitions.SingleAsync(p => p.OficialiaFolio == "OP-1")).Subject);
    }

    private async Task<PetitionRef> Load(int id)
    {
        var p = await LoadAsync(id);
        return new PetitionRef(p.Id, p.Folio, p.Status, p.DueDate, p.Version);
    }
}
