namespace Ventanilla.Tests.Features.Petitions;

public class PetitionBoardTests : PetitionTestBase
{
    private PetitionBoard Board => App.Get<PetitionBoard>();

    private static IReadOnlyList<string> Folios(IReadOnlyList<BoardColumn> board, string area) => [.. board.Single(c => c.Area == area).Cards.Select(c => c.Folio)];

    [Fact]
    public void The_query_of_each_own_area_agrees_with_HolderKind_for_every_state()
    {
        foreach (var status in Enum.GetValues<PetitionStatus>().Where(s => s <= PetitionStatus.Entregada))
        {
            foreach (var (channel, forwarded) in new[] { (PetitionChannel.Presencial, (DateTime?)null), (PetitionChannel.Escrito, null), (PetitionChannel.Escrito, DateTime.UtcNow) })
            {
                var petition = new Petition { Status = status, Channel = channel, ForwardedAtUtc = forwarded };
                var kind = PetitionBoard.HolderKind(status, channel == PetitionChannel.Escrito && forwarded is null);
                foreach (var own in new[] { AreaKind.AtencionUsuarios, AreaKind.DireccionComercial, AreaKind.OficialiaPartes })
                {
                    Assert.True(PetitionBoard.HeldBy(own).Compile()(petition) == (kind == own), $"{status}, {channel}, reenviada {forwarded is not null}: {own}");
                }
            }
        }
    }

    [Fact]
    public async Task Each_column_holds_the_petitions_in_that_areas_hands()
    {
        var presencial = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input());
        var written = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), "OP-1", new DateTime(2026, 11, 26, 10, 0, 0)));
        var routed = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), "OP-2", new DateTime(2026, 11, 26, 11, 0, 0)));
        routed = await App.Get<PetitionResponses>().ForwardToAttentionAsync(_director, routed.Id, routed.Version, null);
        await Petitions.RouteAsync(_clerk, routed.Id, routed.Version, [_operation, _billing], null);

        var board = await Board.GetAsync();

        Assert.Equal([presencial.Folio], Folios(board, "Gerencia de Atención a Usuarios"));
        Assert.Equal([written.Folio], Folios(board, "Dirección Comercial"));
        Assert.Equal([routed.Folio], Folios(board, "Operación"));
        Assert.Equal([routed.Folio], Folios(board, "Facturación y Cobranza"));
        Assert.Empty(Folios(board, "Oficialía de Partes"));
        Assert.All(await Board.GetAsync(light: TrafficLight.Rojo), c => Assert.Equal(0, c.Total));
    }

    [Fact]
    public async Task Moving_a_card_reroutes_it_and_a_stale_move_is_refused_without_writing()
    {
        var p = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input());
        p = await Petitions.RouteAsync(_clerk, p.Id, p.Version, [_operation], null);

        var moved = await Petitions.MoveToAreaAsync(_clerk, p.Id, p.Version, _operation, _billing, "Es de facturación");

        var board = await Board.GetAsync();
        Assert.Empty(Folios(board, "Operación"));
        Assert.Equal([p.Folio], Folios(board, "Facturación y Cobranza"));
        var second = await Assert.ThrowsAsync<RuleException>(() => Petitions.MoveToAreaAsync(_director, p.Id, p.Version, _operation, _billing, null));
        Assert.StartsWith("Alguien más cambió la petición AU-2026-00001", second.Message);
        await using var db = App.CreateDb();
        Assert.Equal(2, await db.Routings.CountAsync());
        Assert.Equal(moved.Version, (await db.Petitions.SingleAsync()).Version);
        Assert.Contains("De Operación a Facturación y Cobranza: Es de facturación", (await EventsAsync(p.Id)).Last().Note);
    }

    [Fact]
    public async Task Only_the_organismos_areas_receive_a_dragged_card()
    {
        var p = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input());
        await using var db = App.CreateDb();
        var director = await db.Areas.Where(a => a.Kind == AreaKind.DireccionComercial).Select(a => a.Id).SingleAsync();
        var error = await Assert.ThrowsAsync<RuleException>(() => Petitions.MoveToAreaAsync(_clerk, p.Id, p.Version, null, director, null));
        Assert.StartsWith("Solo se turna a las áreas del organismo", error.Message);
    }
}
