using Ventanilla.Features.Shared;
using System.Collections.Concurrent;

namespace Ventanilla.Tests.Postgres;

/// <summary>
/// Two real app instances (each its own Kestrel server, services and hosted services) on one PostgreSQL database,
/// as behind a load balancer: the queue's promise and the live boards must hold across them.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private string _database = "";
    private string _folder = "";
    private AppServer _a = null!;
    private AppServer _b = null!;

    public async Task InitializeAsync()
    {
        (_database, var connection) = await TestApp.NewPostgresDatabaseAsync();
        // The instances share the data folder (keys, attachments), as README's "Varias oficinas" asks of an install.
        _folder = TestApp.NewFolder();
        _a = await AppServer.StartInAsync(TestApp.NewFolder(), s => TestApp.UsePostgres(s, connection, _folder));
        _b = await AppServer.StartInAsync(TestApp.NewFolder(), s => TestApp.UsePostgres(s, connection, _folder));
        await WaitUntilAsync(() => _a.Get<PostgresBackplane>().Listening && _b.Get<PostgresBackplane>().Listening, "las dos instancias escuchan");
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await TestPostgres.DropAsync(_database);
        TestApp.TryDelete(_folder);
    }

    [Fact]
    public async Task Two_instances_escalating_the_same_overdue_petition_at_once_send_each_stage_once()
    {
        await _a.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        int petitionId;
        await using (var db = _a.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            // Received six weeks ago and still being answered: past every stage of its term.
            var received = DateTime.UtcNow.AddDays(-42);
            var type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
            var p = PetitionRows.Make(received, DateOnly.FromDateTime(received), type, PetitionStatus.Turnada);
            p.Folio = "ES-2026-00001";
            db.Petitions.Add(p);
            await db.SaveChangesAsync();
            petitionId = p.Id;
        }
        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(_a.Get<Escalation>().RunAsync(), _b.Get<Escalation>().RunAsync());
        }
        await using (var db = _b.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            Assert.Equal([50, 80, 100], await db.EscalationsSent.Where(e => e.PetitionId == petitionId).OrderBy(e => e.Stage).Select(e => e.Stage).ToListAsync());
            // One notice to the Dirección Comercial for the one stage sent (the last one reached), not one per instance or round.
            Assert.Equal(1, await db.StaffNotifications.CountAsync(n => n.PetitionId == petitionId));
        }
    }

    [Fact]
    public async Task A_board_on_B_sees_a_turn_issued_on_A()
    {
        var category = await CategoryAsync("A");
        Assert.Equal(0, (await _b.Get<QueueBoards>().GetAsync()).TotalWaiting);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _b.Get<LiveUpdates>().Subscribe(QueueBoards.Topics, _ =>
        {
            heard.TrySetResult();
            return Task.CompletedTask;
        });

        var turn = await _a.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category, PreferentialReason.None, "Ana"));

        await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var board = await _b.Get<QueueBoards>().GetAsync();
        Assert.Equal(1, board.Categories.Single(c => c.CategoryId == category).Waiting);

        // The call made at a desk of instance A is on B's waiting-room board too.
        heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var desk = (await _a.Get<ReceptionCatalogService>().ListDesksAsync()).First(d => d.CategoryIds.Contains(category)).Id;
        await _a.Get<QueueService>().CallNextAsync(Actor.System, desk);
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        board = await _b.Get<QueueBoards>().GetAsync();
        Assert.Equal(turn.Code, Assert.Single(board.RecentCalls).Code);
        Assert.Equal(0, board.TotalWaiting);
    }

    [Fact]
    public async Task A_settings_change_on_A_is_in_force_on_B()
    {
        var before = _b.Get<SettingsService>().Current.NoShowAfterCalls;
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _b.Get<LiveUpdates>().Subscribe(LiveTopic.Settings, _ =>
        {
            heard.TrySetResult();
            return Task.CompletedTask;
        });

        var current = ReceptionSettings.From(_a.Get<SettingsService>().Current);
        await _a.Get<SettingsService>().SaveReceptionAsync(Actor.System, current with { NoShowAfterCalls = before + 2 });

        await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(before + 2, _b.Get<SettingsService>().Current.NoShowAfterCalls);
    }

    [Fact]
    public async Task A_thousand_calls_from_desks_on_both_instances_never_serve_a_turn_twice()
    {
        const int turns = 1000;
        var (a, c) = (await CategoryAsync("A"), await CategoryAsync("C"));
        // Turns come in through both instances' kiosks at once, too.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(k => Task.Run(async () =>
        {
            var queue = (k % 2 == 0 ? _a : _b).Get<QueueService>();
            for (var i = k; i < turns; i += 8) await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), i % 2 == 0 ? a : c, PreferentialReason.None, null));
        })));
        await using (var db = _a.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            Assert.Equal(turns, await db.QueueTickets.Select(t => new { t.ServiceCategoryId, t.Number }).Distinct().CountAsync());
            for (var n = 4; n <= 12; n++) db.Desks.Add(new Desk { Number = n, Name = $"Módulo {n}", Categories = [new() { ServiceCategoryId = a }, new() { ServiceCategoryId = c }] });
            await db.SaveChangesAsync();
        }
        var desks = (await _a.Get<ReceptionCatalogService>().ListDesksAsync()).Where(d => d.CategoryIds.Contains(a)).Select(d => d.Id).ToList();
        Assert.True(desks.Count >= 10);
        var served = new ConcurrentBag<(string Code, int Desk)>();

        await Task.WhenAll(desks.Select((desk, i) => Task.Run(async () =>
        {
            // Half the desks are on instance A, half on B: only PostgreSQL's row locks stand between them.
            var queue = (i % 2 == 0 ? _a : _b).Get<QueueService>();
            while (true)
            {
                DeskTicket ticket;
                try
                {
                    ticket = await queue.CallNextAsync(Actor.System, desk);
                }
                catch (RuleException ex) when (ex.Message.StartsWith("No hay turnos", StringComparison.Ordinal))
                {
                    return;
                }
                served.Add((ticket.Code, desk));
                await queue.FinishAsync(Actor.System, desk, ticket.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
            }
        })));

        Assert.Equal(turns, served.Count);
        Assert.Equal(turns, served.Select(s => s.Code).Distinct().Count());
        Assert.True(served.Select(s => s.Desk).Distinct().Count() > 1, "más de un módulo atendió");
        await using var check = _b.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.Equal(turns, await check.QueueTickets.CountAsync(t => t.Status == TicketStatus.Done));
        Assert.Equal(turns, await check.Visits.CountAsync(v => v.DeskId != null && v.FinishedAtUtc != null));
    }

    [Fact]
    public async Task Folios_taken_on_both_instances_at_once_are_unique_and_without_gaps()
    {
        const int petitions = 40;
        var user = await _a.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        var actor = await _a.Get<Actors>().ForUserAsync(user.Id);
        await using (var db = _a.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            Assert.Equal(0, await db.Petitions.CountAsync());
        }
        var type = await FirstPetitionTypeAsync();
        await Task.WhenAll(Enumerable.Range(0, petitions).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _a : _b).Get<PetitionRegistration>().RegisterWrittenAsync(actor, Written(type, i)))));

        await using var check = _a.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var numbers = await check.Petitions.Select(p => p.FolioNumber).OrderBy(n => n).ToListAsync();
        Assert.Equal(Enumerable.Range(1, petitions), numbers);
    }

    [Fact]
    public async Task The_same_Oficialia_folio_registered_on_both_instances_at_once_is_kept_once()
    {
        var user = await _a.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        var actor = await _a.Get<Actors>().ForUserAsync(user.Id);
        var type = await FirstPetitionTypeAsync();
        var input = new WrittenPetitionInput(new PetitionInput(type, "Fuga en la toma", "María López"), "OP-2026-0310", new DateTime(2026, 11, 26, 10, 0, 0));
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await (i % 2 == 0 ? _a : _b).Get<PetitionRegistration>().RegisterWrittenAsync(actor, input);
                return "registrada";
            }
            catch (RuleException ex)
            {
                return ex.Message;
            }
        })));

        Assert.Equal(1, attempts.Count(a => a == "registrada"));
        Assert.All(attempts.Where(a => a != "registrada"), a => Assert.Equal("Folio de Oficialía: OP-2026-0310 ya está registrado en otra petición.", a));
        await using var check = _a.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.Equal(1, await check.Petitions.CountAsync(p => p.OficialiaFolio == "OP-2026-0310"));
    }

    private async Task<int> CategoryAsync(string letter)
    {
        await using var db = _a.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.ServiceCategories.Where(c => c.Letter == letter).Select(c => c.Id).SingleAsync();
    }

    private async Task<int> FirstPetitionTypeAsync()
    {
        await using var db = _a.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.PetitionTypes.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
    }

    private static WrittenPetitionInput Written(int type, int i)
        => new(new PetitionInput(type, "Fuga en la toma", $"Solicitante {(char)('A' + i % 26)}{(char)('a' + i / 26)}"), $"OP-{i}", new DateTime(2026, 11, 26, 10, 0, 0));

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), $"No se cumplió a tiempo: {what}.");
    }
}
