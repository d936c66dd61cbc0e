using Ventanilla.Features.Shared;
namespace Ventanilla.Tests.Features.Reception;

/// <summary>
/// The call order written once (<see cref="QueueRules"/>) answers the same in SQL and in memory: on random queues
/// with preferential turns, arrivals at the same instant and ids out of arrival order, the kiosk's "people ahead" is
/// each turn's place in the in-memory order, and «Llamar siguiente» takes the turns in exactly that order.
/// </summary>
public class QueueRulesTests : AppServiceTest
{
    private QueueService Queue => App.Get<QueueService>();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Sql_and_memory_agree_on_who_goes_first(int seed)
    {
        var random = new Random(seed);
        int category, desk;
        var today = App.Get<OfficeClock>().Today();
        var now = App.Time.GetUtcNow().UtcDateTime;
        await using (var db = App.CreateDb())
        {
            category = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
            desk = await db.Desks.Where(d => d.Categories.Any(c => c.ServiceCategoryId == category)).OrderBy(d => d.Number).Select(d => d.Id).FirstAsync();
            // 25 turns: a third preferential, arrivals over ten minutes with ties, ids not in arrival order.
            for (var i = 0; i < 25; i++)
            {
                var preferential = random.Next(3) == 0;
                var visit = new Visit
                {
                    ArrivedAtUtc = now.AddMinutes(-random.Next(0, 10)), ServiceDate = today, ServiceCategoryId = category, OfficeId = Office.MainId,
                    Preferential = preferential ? PreferentialReason.OlderAdult : PreferentialReason.None,
                };
                db.QueueTickets.Add(new QueueTicket
                {
                    Visit = visit, ServiceDate = today, ServiceCategoryId = category, Number = i + 1, Code = $"A-{i + 1:000}",
                    IsPreferential = preferential, Status = TicketStatus.Waiting, IssuedAtUtc = now,
                });
            }
            await db.SaveChangesAsync();
        }

        List<(int Id, QueueRules.Place Place)> inMemory;
        await using (var db = App.CreateDb())
        {
            var rows = await db.QueueTickets.Where(t => t.ServiceCategoryId == category)
                .Select(t => new { t.Id, t.IsPreferential, t.Visit!.ArrivedAtUtc }).ToListAsync();
            inMemory = [.. rows.Select(r => (r.Id, Place: new QueueRules.Place(r.IsPreferential, r.ArrivedAtUtc, r.Id))).InCallOrder(r => r.Place)];
            Assert.True(inMemory.Select(r => r.Place.ArrivedAtUtc).Distinct().Count() < inMemory.Count, "the queue has arrivals at the same instant");
            foreach (var (turn, position) in inMemory.Select((t, i) => (t, i)))
            {
                var ahead = await db.QueueTickets.Where(t => t.ServiceDate == today && t.ServiceCategoryId == category)
                    .Where(QueueRules.Waiting).Where(QueueRules.Before(turn.Place)).CountAsync();
                Assert.Equal(position, ahead);
            }
        }

        // A new walk-in waits behind everyone already there; a preferential one behind the preferential ones only.
        App.Time.Advance(TimeSpan.FromMinutes(1));
        var walkIn = await Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category));
        var preferentialWalkIn = await Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category, PreferentialReason.Pregnancy));
        Assert.Equal(inMemory.Count, walkIn.Ahead);
        Assert.Equal(inMemory.Count(t => t.Place.Preferential), preferentialWalkIn.Ahead);

        // «Llamar siguiente» takes the preferential walk-in where the order puts it, and the others in the comparer's order.
        var expected = inMemory.Where(t => t.Place.Preferential).Select(t => t.Id).Append(preferentialWalkIn.TicketId)
            .Concat(inMemory.Where(t => !t.Place.Preferential).Select(t => t.Id)).Append(walkIn.TicketId).ToList();
        var called = new List<int>();
        for (var i = 0; i < expected.Count; i++)
        {
            var turn = await Queue.CallNextAsync(Actor.System, desk);
            called.Add(turn.TicketId);
            await Queue.FinishAsync(Actor.System, desk, turn.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
        }
        Assert.Equal(expected, called);
    }
}
