namespace Ventanilla.Tests.Features.Deadlines;

/// <summary>
/// Friday 27/11/2026. Business days ahead: 30/11 (1), 01/12 (2), 02/12 (3), 03/12 (4), 04/12 (5), 07/12 (6):
/// green from a due date of 07/12, listed when due before 02/12.
/// </summary>
public class FollowUpWallBoardTests : AppServiceTest
{
    private const string Attention = "Gerencia de Atención a Usuarios", Director = "Dirección Comercial", Operation = "Operación", Billing = "Facturación y Cobranza";
    private Dictionary<string, int> _areas = [];
    private int _type;

    private FollowUpWallBoard Board => App.Get<FollowUpWallBoard>();

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        _areas = await db.Areas.ToDictionaryAsync(a => a.Name, a => a.Id);
        _type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        Add(db, "W1", PetitionStatus.Turnada, D(11, 20), Operation);                  // red, 5 days over
        Add(db, "W2", PetitionStatus.Turnada, D(12, 1), Operation, Billing);          // yellow, 2 left, listed
        Add(db, "W3", PetitionStatus.Turnada, D(12, 4), Billing);                     // yellow, 5 left
        Add(db, "W4", PetitionStatus.Turnada, D(12, 7), Billing);                     // green, 6 left
        Add(db, "W5", PetitionStatus.EsperandoUsuario, D(11, 1));                     // paused (Atención a Usuarios)
        Add(db, "W6", PetitionStatus.Registrada, D(11, 27));                          // yellow, due today, listed
        Add(db, "W7", PetitionStatus.EnRevision, D(11, 26));                          // red, Dirección Comercial
        Add(db, "W8", PetitionStatus.Registrada, D(12, 10), channel: PetitionChannel.Escrito); // green, not yet forwarded
        Add(db, "W9", PetitionStatus.Entregada, D(11, 1));                            // answered: no light
        Add(db, "W10", PetitionStatus.Cerrada, D(11, 1));
        await db.SaveChangesAsync();
    }

    private void Add(AppDbContext db, string folio, PetitionStatus status, DateOnly due, params string[] areas)
        => Add(db, folio, status, due, PetitionChannel.Presencial, areas);

    private void Add(AppDbContext db, string folio, PetitionStatus status, DateOnly due, PetitionChannel channel, params string[] areas)
    {
        var petition = PetitionRows.Make(new(2026, 11, 3, 10, 0, 0), D(11, 3), _type, status, due, channel, petitioner: "Nombre Que No Se Muestra");
        petition.Folio = folio;
        foreach (var area in areas) petition.Routings.Add(PetitionRows.Routing(_areas[area]));
        db.Petitions.Add(petition);
    }

    private static DateOnly D(int month, int day) => new(2026, month, day);

    private static (int Verde, int Amarillo, int Rojo, int Pausada) Counts(AreaLights a) => (a.Verde, a.Amarillo, a.Rojo, a.Pausada);

    [Fact]
    public async Task Each_area_counts_the_open_petitions_in_its_hands_by_light()
    {
        var board = await Board.GetAsync();

        var rows = board.Areas.ToDictionary(a => a.Area);
        Assert.Equal((0, 1, 1, 0), Counts(rows[Operation]));
        Assert.Equal((1, 2, 0, 0), Counts(rows[Billing]));
        Assert.Equal((0, 1, 0, 1), Counts(rows[Attention]));
        Assert.Equal((1, 0, 1, 0), Counts(rows[Director]));
        Assert.Equal((0, 0, 0, 0), Counts(rows["Oficialía de Partes"])); // delivered ones have no running clock
        // Each petition once in the totals, though W2 is in two areas' hands.
        Assert.Equal((2, 3, 2, 1), Counts(board.Totals));
        Assert.Equal(8, board.Totals.Total);
    }

    [Fact]
    public async Task Overdue_and_due_within_two_days_are_listed_worst_first_without_names()
    {
        var board = await Board.GetAsync();

        Assert.Equal(
        [
            new UrgentFolio("W1", board.Urgent[0].Type, Operation, D(11, 20), -5, true),
            new UrgentFolio("W7", board.Urgent[0].Type, Director, D(11, 26), -1, true),
            new UrgentFolio("W6", board.Urgent[0].Type, Attention, D(11, 27), 0, false),
            new UrgentFolio("W2", board.Urgent[0].Type, $"{Operation}, {Billing}", D(12, 1), 2, false),
        ], board.Urgent);
        Assert.Equal((2, 2), (board.Overdue, board.DueSoon));
        Assert.Equal("Aclaración de facturación", board.Urgent[0].Type);
        Assert.DoesNotContain("Nombre", System.Text.Json.JsonSerializer.Serialize(board));
    }

    [Fact]
    public async Task One_snapshot_serves_every_screen_until_something_changes()
    {
        var first = Board.GetAsync();
        Assert.Same(first, Board.GetAsync());
        await first;

        App.Get<LiveUpdates>().Publish(LiveTopic.Queue); // not the board's business
        Assert.Same(first, Board.GetAsync());

        App.Get<LiveUpdates>().Publish(LiveTopic.Petitions);
        Assert.NotSame(first, Board.GetAsync());
    }

    [Fact]
    public async Task A_change_saved_through_the_services_shows_in_the_next_snapshot()
    {
        await Board.GetAsync();
        await using (var db = App.CreateDb())
        {
            var w4 = await db.Petitions.SingleAsync(p => p.Folio == "W4");
            w4.DueDate = D(11, 25);
            await db.SaveChangesAsync();
        }
        App.Get<LiveUpdates>().Publish(LiveTopic.Petitions);

        var board = await Board.GetAsync();
        Assert.Equal((0, 2, 1, 0), Counts(board.Areas.Single(a => a.Area == Billing)));
        Assert.Contains(board.Urgent, u => u.Folio == "W4" && u.Overdue && u.DaysLeft == -2);
    }

    [Fact]
    public async Task At_midnight_the_board_is_rebuilt_for_the_new_day_and_lights_move()
    {
        var friday = await Board.GetAsync();
        // Monday 30/11 at 00:05 local: W4 (07/12) has 5 days left (yellow); W6 (27/11) is a day over.
        App.Time.Advance(new DateTimeOffset(2026, 11, 30, 6, 5, 0, TimeSpan.Zero) - App.Time.GetUtcNow());

        var monday = await Board.GetAsync();
        Assert.NotSame(friday, monday);
        Assert.Equal(D(11, 30), monday.Today);
        Assert.Equal((0, 3, 0, 0), Counts(monday.Areas.Single(a => a.Area == Billing)));
        Assert.Contains(monday.Urgent, u => u.Folio == "W6" && u.Overdue && u.DaysLeft == -1);
        Assert.Contains(monday.Urgent, u => u.Folio == "W2" && u.DaysLeft == 1);
    }

    [Fact]
    public async Task A_friday_due_date_is_overdue_on_saturday_though_no_business_day_passed()
    {
        App.Time.Advance(TimeSpan.FromDays(1));

        var board = await Board.GetAsync();
        var w6 = board.Urgent.Single(u => u.Folio == "W6");
        Assert.Equal((0, true), (w6.DaysLeft, w6.Overdue));
    }
}
