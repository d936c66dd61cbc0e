using Ventanilla.Features.Shared;
namespace Ventanilla.Tests.Features.Reception;

/// <summary>
/// The call order written once (<see cref="QueueRules"/>) answers the same in SQL and in memory: on random queues
/// with preferential turns, appointments before and after their slots, walk-ins past the ceiling, arrivals at the same
/// instant and ids out of arrival order, the kiosk's "people ahead" is each turn's place in the in-memory order, and
/// «Llamar siguiente» takes the turns in exactly that order.
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
            // 25 walk-ins over forty minutes (some past the 30-minute ceiling) and 10 checked-in appointments, slots from a
            // quarter of an hour ago to half an hour ahead: a third preferential, arrivals at the same instant, ids not in
            // arrival order, one appointment due exactly at the ceiling.
            for (var i = 0; i < 35; i++)
            {
                var preferential = random.Next(3) == 0;
                var appointment = i >= 25;
                var arrived = now.AddMinutes(-random.Next(0, appointment ? 20 : 40));
                DateTime? slot = appointment ? now.AddMinutes(5 * random.Next(-3, 7)) : null;
                var visit = new Visit
                {
                    ArrivedAtUtc = i == 34 ? now.AddMinutes(-30) : arrived, ServiceDate = today, ServiceCategoryId = category, OfficeId = Office.MainId,
                    Preferential = preferential ? PreferentialReason.OlderAdult : PreferentialReason.None,
                };
                db.QueueTickets.Add(new QueueTicket
                {
                    Visit = visit, ServiceDate = today, ServiceCategoryId = category, Number = i + 1, Code = $"A-{i + 1:000}",
                    IsPreferential = preferential, Status = TicketStatus.Waiting, IssuedAtUtc = now, AppointmentStartUtc = i == 34 ? now.AddMinutes(-10) : slot,
                });
            }
            await db.SaveChangesAsync();
        }

        var moment = QueueRules.Moment.At(now, App.Get<SettingsService>().Current);
        var inMemory = await InMemoryOrderAsync(category, moment);
        Assert.True(inMemory.Select(r => r.Place.ArrivedAtUtc).Distinct().Count() < inMemory.Count, "the queue has arrivals at the same instant");
        Assert.Contains(inMemory, r => r.Place.SlotStartUtc <= now && QueueRules.Due(r.Place, moment) == moment.CapUtc);
        Assert.Contains(inMemory, r => r.Place.SlotStartUtc > now);
        await using (var db = App.CreateDb())
        {
            var ordered = await db.QueueTickets.Where(t => t.ServiceCategoryId == category).InCallOrder(moment).Select(t => t.Id).ToListAsync();
            Assert.Equal(inMemory.Select(r => r.Id), ordered);
            foreach (var (turn, position) in inMemory.Select((t, i) => (t, i)))
            {
                var ahead = await db.QueueTickets.Where(t => t.ServiceDate == today && t.ServiceCategoryId == category)
                    .Where(QueueRules.Waiting).Where(QueueRules.Before(turn.Place, moment)).CountAsync();
                Assert.Equal(position, ahead);
            }
        }

        // A minute later (slots come, the ceiling moves) a new walk-in and a preferential one: the kiosk's "people ahead"
        // is their place in the order of that moment, and «Llamar siguiente» takes every turn in exactly that order.
        App.Time.Advance(TimeSpan.FromMinutes(1));
        var later = QueueRules.Moment.At(App.Time.GetUtcNow().UtcDateTime, App.Get<SettingsService>().Current);
        var walkIn = await Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category));
        var preferentialWalkIn = await Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category, PreferentialReason.Pregnancy));
        var order = await InMemoryOrderAsync(category, later);
        var expected = order.Select(r => r.Id).ToList();
        Assert.Equal(expected.IndexOf(preferentialWalkIn.TicketId), preferentialWalkIn.Ahead);
        var newest = expected.IndexOf(walkIn.TicketId);
        Assert.Equal(newest - 1, walkIn.Ahead); // counted before the preferential one came (who now goes ahead)
        // Behind the newest walk-in only the appointments whose slot is still to come.
        Assert.All(order.Skip(newest + 1), r => Assert.True(r.Place.SlotStartUtc > later.NowUtc));

        // Appointments more than five minutes before their slot are not called yet: the desk is told when the first can be.
        var callable = order.Where(r => QueueRules.IsCallable(r.Place, later)).Select(r => r.Id).ToList();
        Assert.True(callable.Count < expected.Count, "some appointments came well before their slot");
        var called = new List<int>();
        for (var i = 0; i < callable.Count; i++)
        {
            var turn = await Queue.CallNextAsync(Actor.System, desk);
            called.Add(turn.TicketId);
            await Queue.FinishAsync(Actor.System, desk, turn.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
        }
        Assert.Equal(callable, called);
        var held = await Assert.ThrowsAsync<RuleException>(() => Queue.CallNextAsync(Actor.System, desk));
        Assert.StartsWith("Solo esperan citas que llegaron antes de su hora", held.Message);
    }

    private async Task<List<(int Id, QueueRules.Place Place)>> InMemoryOrderAsync(int category, QueueRules.Moment moment)
    {
        await using var db = App.CreateDb();
        var rows = await db.QueueTickets.Where(t => t.ServiceCategoryId == category).Where(QueueRules.Waiting)
            .Select(t => new { t.Id, t.IsPreferential, t.Visit!.ArrivedAtUtc, t.AppointmentStartUtc }).ToListAsync();
        return [.. rows.Select(r => (r.Id, Place: new QueueRules.Place(r.IsPreferential, r.ArrivedAtUtc, r.Id, r.AppointmentStartUtc))).InCallOrder(moment, r => r.Place)];
    }
}
