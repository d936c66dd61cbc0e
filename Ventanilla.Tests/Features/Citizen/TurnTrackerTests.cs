using Ventanilla.Features.Shared;
using System.Text.Json;
using Ventanilla.Features.Citizen;

namespace Ventanilla.Tests.Features.Citizen;

/// <summary>The turn a visitor's phone follows: live state, a wait estimated from the day, and nothing personal.</summary>
public class TurnTrackerTests : AppServiceTest
{
    private QueueService Queue => App.Get<QueueService>();
    private TurnTracker Tracker => App.Get<TurnTracker>();
    private int _a, _b;
    private int _desk1, _desk2;

    private static readonly string[] Private = ["Ana Confidencial", "01-999-4321", "5512345678"];

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        var categories = await db.ServiceCategories.ToDictionaryAsync(c => c.Letter, c => c.Id);
        (_a, _b) = (categories["A"], categories["B"]);
        var desks = await db.Desks.Include(d => d.Categories).OrderBy(d => d.Number).ToListAsync();
        (_desk1, _desk2) = (desks[0].Id, desks[1].Id);
        // Desk 1 serves line A only, desk 2 line B only, the others are closed: the arithmetic is easy to follow.
        desks[0].Categories.RemoveAll(c => c.ServiceCategoryId != _a);
        desks[1].Categories.RemoveAll(c => c.ServiceCategoryId != _b);
        foreach (var other in desks.Skip(2)) other.IsActive = false;
        await db.SaveChangesAsync();
    }

    private Task<IssuedTurn> IssueAsync(int category, string? name = null, string? account = null, string? phone = null)
        => Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category, PreferentialReason.None, name, account, phone));

    private void Later(double minutes) => App.Time.Advance(TimeSpan.FromMinutes(minutes));

    private async Task<PhoneTurn> ViewAsync(IssuedTurn turn) => (await Tracker.FindAsync(turn.PublicCode)).View;

    [Fact]
    public async Task The_wait_comes_from_the_days_real_service_time_and_the_open_desk()
    {
        var first = await IssueAsync(_a);
        var called = await Queue.CallNextAsync(Actor.System, _desk1);
        Later(6);
        await Queue.FinishAsync(Actor.System, _desk1, called.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
        // Today a turn of line A keeps the desk 6 minutes (not the 10 assumed with no history).
        var second = await IssueAsync(_a);
        var third = await IssueAsync(_a);
        var fourth = await IssueAsync(_a);
        await Queue.CallNextAsync(Actor.System, _desk1); // the second is at the desk until about 6 minutes from now

        var view = await ViewAsync(fourth);
        Assert.Equal(TurnState.Waiting, view.State);
        Assert.Equal(1, view.Ahead);
        Assert.Equal(12, view.WaitMinutes);
        Assert.Equal("Hay 1 persona antes que usted. Tiempo estimado de espera: unos 12 minutos.", view.Detail);
        Assert.Equal(6, (await ViewAsync(third)).WaitMinutes);
        var board = await App.Get<QueueBoards>().GetAsync();
        Assert.Equal(18, board.Estimates.NewArrivalMinutes(_a, App.Time.GetUtcNow().UtcDateTime));
        // Nobody serves line B yet today, and desk 2 has not opened: no estimate is invented for it.
        Assert.Null(board.Estimates.NewArrivalMinutes(_b, App.Time.GetUtcNow().UtcDateTime));
        Assert.Equal(TurnState.Done, (await ViewAsync(first)).State);
        Assert.Equal(TurnState.Called, (await ViewAsync(second)).State);
    }

    [Fact]
    public async Task The_estimate_counts_down_with_the_clock_without_any_change()
    {
        await IssueAsync(_a);
        await Queue.CallNextAsync(Actor.System, _desk1);
        var next = await IssueAsync(_a);
        Assert.Equal(10, (await ViewAsync(next)).WaitMinutes);
        Later(4);
        Assert.Equal(6, (await ViewAsync(next)).WaitMinutes);
    }

    [Fact]
    public async Task Each_state_reads_plainly_and_carries_nothing_personal()
    {
        var turn = await IssueAsync(_a, "Ana Confidencial", "01-999-4321", "5512345678");
        var states = new List<PhoneTurn> { await ViewAsync(turn) };
        var called = await Queue.CallNextAsync(Actor.System, _desk1);
        states.Add(await ViewAsync(turn));
        await Queue.StartServiceAsync(Actor.System, _desk1, called.TicketId);
        states.Add(await ViewAsync(turn));
        Later(5);
        await Queue.FinishAsync(Actor.System, _desk1, called.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
        states.Add(await ViewAsync(turn));

        var absent = await IssueAsync(_a, "Ana Confidencial");
        var call = await Queue.CallNextAsync(Actor.System, _desk1);
        await Queue.RecallAsync(Actor.System, _desk1, call.TicketId);
        await Queue.RecallAsync(Actor.System, _desk1, call.TicketId);
        await Queue.MarkNoShowAsync(Actor.System, _desk1, call.TicketId);
        states.Add(await ViewAsync(absent));

        Assert.Equal([TurnState.Waiting, TurnState.Called, TurnState.Serving, TurnState.Done, TurnState.NoShow], states.Select(s => s.State));
        Assert.Equal("¡Es su turno!", states[1].Headline);
        Assert.Equal("Pase al Módulo 1.", states[1].Detail);
        Assert.Equal("En el Módulo 1.", states[2].Detail);
        Assert.True(states[3].SurveyOpen);
        Assert.False(states[4].SurveyOpen);
        Assert.All(states, s => Assert.Equal("A", s.Code![..1]));
        var json = JsonSerializer.Serialize(states, TurnEndpoints.Json);
        Assert.All(Private, text => Assert.DoesNotContain(text, json));
    }

    [Fact]
    public async Task A_recall_is_a_new_call_for_the_phone()
    {
        var turn = await IssueAsync(_a);
        var called = await Queue.CallNextAsync(Actor.System, _desk1);
        var first = (await ViewAsync(turn)).CallKey;
        await Queue.RecallAsync(Actor.System, _desk1, called.TicketId);
        Assert.NotEqual(first, (await ViewAsync(turn)).CallKey);
    }

    [Fact]
    public async Task A_transferred_visit_follows_its_new_line()
    {
        var turn = await IssueAsync(_a);
        var called = await Queue.CallNextAsync(Actor.System, _desk1);
        await Queue.TransferAsync(Actor.System, _desk1, called.TicketId, _b);
        var view = await ViewAsync(turn);
        Assert.Equal(TurnState.Waiting, view.State);
        Assert.Equal("B-001", view.Code);
    }

    [Fact]
    public async Task A_wrong_code_and_yesterdays_code_read_the_same()
    {
        var turn = await IssueAsync(_a);
        Assert.Equal(TurnState.Waiting, (await Tracker.FindAsync(turn.PublicCode!.ToLowerInvariant())).View.State);
        var wrong = await Tracker.FindAsync(new string('A', PublicCodes.TicketCodeLength));
        var garbage = await Tracker.FindAsync("../../etc/passwd");
        App.Time.Advance(TimeSpan.FromDays(1));
        var yesterday = await Tracker.FindAsync(turn.PublicCode);
        Assert.All(new[] { wrong, garbage, yesterday }, found =>
        {
            Assert.Equal(TurnState.Unknown, found.View.State);
            Assert.Null(found.VisitId);
            Assert.Equal("Este turno no es válido hoy", found.View.Headline);
        });
    }

    [Fact]
    public void The_waiting_room_says_a_call_as_a_person_would()
    {
        Assert.Equal("Turno A 17, módulo 3", SpokenCalls.Text("A-017", "Módulo 3"));
        Assert.Equal("Turno B 120, caja 1", SpokenCalls.Text("B-120", "Caja 1"));
    }
}
