using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Reliability;

/// <summary>
/// An area sees a petition while it is in its hands or after the area answered it; once its routing is withdrawn
/// (moved to another area, the petition cancelled, closed without ownership proof) the petition — and its petitioner's
/// personal data — is gone from that area: not listed, its page refused. Every way a routing ends, tried.
/// </summary>
public class WithdrawnRoutingTests : PetitionTestBase
{
    private async Task<bool> SeesAsync(Actor actor, string folio)
    {
        var listed = (await App.Get<PetitionQueries>().ListAsync(actor, new PetitionFilter(Folio: folio))).Rows.Any(r => r.Folio == folio);
        var view = await App.Get<PetitionDetails>().FindAsync(folio);
        var page = view is not null && PetitionQueries.MaySee(actor, view);
        Assert.Equal(listed, page); // the list and the page apply the same rule
        return listed;
    }

    private async Task<PetitionRef> RoutedToOperationAsync(bool thirdParty = false)
    {
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input(thirdParty));
        var routed = await Petitions.RouteAsync(_clerk, created.Id, created.Version, [_operation], "Revisar el medidor");
        Assert.True(await SeesAsync(_liaison, routed.Folio));
        Assert.False(await SeesAsync(_otherLiaison, routed.Folio));
        return routed;
    }

    private async Task<Routing> RoutingAsync(int petitionId, int areaId)
    {
        await using var db = App.CreateDb();
        return await db.Routings.SingleAsync(r => r.PetitionId == petitionId && r.AreaId == areaId);
    }

    [Fact]
    public async Task Moved_to_another_area_it_leaves_the_first_one_and_reaches_the_second()
    {
        var p = await RoutedToOperationAsync();

        await Petitions.MoveToAreaAsync(_clerk, p.Id, p.Version, _operation, _billing, "Es de facturación");

        Assert.False(await SeesAsync(_liaison, p.Folio));
        Assert.True(await SeesAsync(_otherLiaison, p.Folio));
        Assert.Equal(RoutingStatus.Withdrawn, (await RoutingAsync(p.Id, _operation)).Status);
    }

    [Fact]
    public async Task Answered_it_stays_with_the_area_that_answered()
    {
        var p = await RoutedToOperationAsync();
        var routing = await RoutingAsync(p.Id, _operation);

        await Petitions.AnswerRoutingAsync(_liaison, routing.Id, routing.Version, "Se revisó el medidor: funciona.");

        Assert.True(await SeesAsync(_liaison, p.Folio));
    }

    [Fact]
    public async Task Cancelled_it_leaves_the_area()
    {
        var p = await RoutedToOperationAsync();

        await Petitions.CancelAsync(_clerk, p.Id, p.Version, "El usuario se desistió");

        Assert.False(await SeesAsync(_liaison, p.Folio));
        Assert.True(await SeesAsync(_clerk, p.Folio));
    }

    [Fact]
    public async Task Closed_without_ownership_proof_it_leaves_the_area()
    {
        var p = await RoutedToOperationAsync(thirdParty: true);
        await Petitions.WaitForPetitionerAsync(_clerk, p.Id, p.Version, PauseReason.OwnershipProof, D(11, 27), null);

        // Three business days to prove ownership (Mon 30 Nov, Tue 1, Wed 2 Dec), closed at the start of Thursday 3.
        App.Time.Advance(TimeSpan.FromDays(6));
        var closed = await App.Get<OwnershipProofExpiry>().CloseExpiredAsync();

        Assert.Equal([p.Folio], closed);
        Assert.False(await SeesAsync(_liaison, p.Folio));
    }
}
