using Ventanilla.Features.Shared;
namespace Ventanilla.Tests.Features.Reception;

public class QueueServiceTests : AppServiceTest
{
    private QueueService Queue => App.Get<QueueService>();
    private QueueBoards Boards => App.Get<QueueBoards>();
    private int _a, _b, _c;
    private int _desk1, _desk2, _desk3;

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        var categories = await db.ServiceCategories.ToDictionaryAsync(c => c.Letter, c => c.Id);
        (_a, _b, _c) = (categories["A"], categories["B"], categories["C"]);
        var desks = await db.Desks.Include(d => d.Categories).OrderBy(d => d.Number).ToListAsync();
        (_desk1, _desk2, _desk3) = (desks[0].Id, desks[1].Id, desks[2].Id);
        // Desk 3 serves only category B, to check that a desk calls only its own lines.
        desks[2].Categories.RemoveAll(c => c.ServiceCategoryId != _b);
        await db.SaveChangesAsync();
    }

    private Task<IssuedTurn> IssueAsync(int category, PreferentialReason preferential = PreferentialReason.None, string? name = null)
        => Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category, preferential, name));

    private void Later(int minutes = 1) => App.Time.Advance(TimeSpan.FromMinutes(minutes));

    [Fact]
    public async Task Turns_are_numbered_per_category_and_tell_how_many_are_ahead()
    {
        var a1 = await IssueAsync(_a);
        Later();
        var a2 = await IssueAsync(_a);
        var b1 = await IssueAsync(_b);
        Later();
        var a3 = await IssueAsync(_a, PreferentialReason.OlderAdult);

        Assert.Equal(["A-001", "A-002", "B-001", "A-003"], new[] { a1, a2, b1, a3 }.Select(t => t.Code));
        Assert.Equal([0, 1, 0, 0], new[] { a1, a2, b1, a3 }.Select(t => t.Ahead));
        Assert.True(a3.Preferential);
        Assert.Equal(new DateTime(2026, 11, 27, 10, 2, 0), a3.IssuedAtLocal);
    }

    [Fact]
    public async Task The_same_kiosk_request_twice_gives_one_turn()
    {
        var request = new KioskRequest(Guid.NewGuid(), _a, Name: "Ana");
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Queue.IssueTurnAsync(Actor.System, request)));

        Assert.All(results, r => Assert.Equal("A-001", r.Code));
        await using var db = App.CreateDb();
        Assert.Equal(1, await db.Visits.CountAsync());
        Assert.Equal(1, await db.QueueTickets.CountAsync());
    }

    [Theory]
    [InlineData("name", "Nombre: admite a lo más 120 caracteres")]
    [InlineData("emoji", "Nombre: use solo letras, espacios, punto, guion o apóstrofo («😀» no se admite).")]
    [InlineData("account", "Número de cuenta: use letras, dígitos y guiones")]
    [InlineData("phone", "Teléfono: escriba 10 dígitos")]
    public async Task Bad_kiosk_data_is_refused_naming_the_field_and_no_turn_is_issued(string what, string message)
    {
        var request = what switch
        {
            "name" => new KioskRequest(Guid.NewGuid(), _a, Name: new string('a', 5000)),
            "emoji" => new KioskRequest(Guid.NewGuid(), _a, Name: "Ana 😀"),
            "account" => new KioskRequest(Guid.NewGuid(), _a, AccountNumber: "12#34"),
            _ => new KioskRequest(Guid.NewGuid(), _a, Phone: "55 1234"),
        };
        var error = await Assert.ThrowsAsync<RuleException>(() => Queue.IssueTurnAsync(Actor.System, request));
        Assert.Contains(message, error.Message);
        await using var db = App.CreateDb();
        Assert.Equal(0, await db.Visits.CountAsync());
    }

    [Fact]
    public async Task Kiosk_data_is_tidied()
    {
        var turn = await Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), _a, Name: "  José   Pérez ", AccountNumber: " 01-234-5678 ", Phone: "+52 (55) 1234-5678"));
        await using var db = App.CreateDb();
        var visit = await db.Visits.SingleAsync(v => v.Id == turn.VisitId);
        Assert.Equal(("José Pérez", "01-234-5678", "5512345678"), (visit.VisitorName, visit.AccountNumber, visit.Phone));
    }

    [Fact]
    public async Task Preferential_turns_are_called_first_then_by_arrival()
    {
        await IssueAsync(_a);
        Later();
        await IssueAsync(_b);
        Later();
        await IssueAsync(_a, PreferentialReason.Pregnancy);
        Later();
        await IssueAsync(_a);

        var order = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var called = await Queue.CallNextAsync(Actor.System, _desk1);
            order.Add(called.Code);
            await Queue.FinishAsync(Actor.System, _desk1, called.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
        }

        Assert.Equal(["A-002", "A-001", "B-001", "A-003"], order);
    }

    [Fact]
    public async Task A_desk_calls_only_the_categories_it_serves()
    {
        await IssueAsync(_a);
        var empty = await Assert.ThrowsAsync<RuleException>(() => Queue.CallNextAsync(Actor.System, _desk3));
        Assert.Equal("No hay turnos en espera en las categorías de este módulo (B).", empty.Message);

        await IssueAsync(_b);
        Assert.Equal("B-001", (await Queue.CallNextAsync(Actor.System, _desk3)).Code);
    }

    [Fact]
    public async Task A_desk_without_categories_is_told_what_to_do()
    {
        await using (var db = App.CreateDb())
        {
            db.DeskCategories.RemoveRange(db.DeskCategories.Where(c => c.DeskId == _desk2));
            await db.SaveChangesAsync();
        }
        var error = await Assert.ThrowsAsync<RuleException>(() => Queue.CallNextAsync(Actor.System, _desk2));
        Assert.Contains("no atiende ninguna categoría", error.Message);
    }

    [Fact]
    public async Task A_desk_finishes_its_turn_before_calling_the_next()
    {
        await IssueAsync(_a);
        await IssueAsync(_a);
        await Queue.CallNextAsync(Actor.System, _desk1);
        var error = await Assert.ThrowsAsync<RuleException>(() => Queue.CallNextAsync(Actor.System, _desk1));
        Assert.Contains("todavía tiene el turno A-001", error.Message);
    }

    [Fact]
    public async Task No_show_needs_the_configured_number_of_calls()
    {
        await IssueAsync(_a);
        var called = await Queue.CallNextAsync(Actor.System, _desk1);
        var early = await Assert.ThrowsAsync<RuleException>(() => Queue.MarkNoShowAsync(Actor.System, _desk1, called.TicketId));
        Assert.Equal("Llame al turno A-001 al menos 3 veces antes de marcarlo como ausente (lleva 1 llamada).", early.Message);

        await Queue.RecallAsync(Actor.System, _desk1, called.TicketId);
        var third = await Queue.RecallAsync(Actor.System, _desk1, called.TicketId);
        Assert.Equal(3, third.CallCount);
        var done = await Queue.MarkNoShowAsync(Actor.System, _desk1, called.TicketId);

        Assert.Equal(TicketStatus.NoShow, done.Status);
        await using var db = App.CreateDb();
        Assert.Equal(VisitOutcome.NoShow, (await db.Visits.SingleAsync()).Outcome);
        Assert.Null(await Queue.ActiveTicketAsync(_desk1));
    }

    [Fact]
    public async Task A_transfer_keeps_the_arrival_and_the_preference()
    {
        await IssueAsync(_a, PreferentialReason.Disability);
        Later();
        await IssueAsync(_b);
        var called = await Queue.CallNextAsync(Actor.System, _desk1);
        Assert.Equal("A-001", called.Code);

        var moved = await Queue.TransferAsync(Actor.System, _desk1, called.TicketId, _b);

        // The desk gets the new turn to tell the visitor, whose paper still says A-001.
        Assert.Equal(("B-002", TicketStatus.Waiting, "A-001", "A-001"), (moved.Code, moved.Status, moved.IssuedCode, moved.FormerCode));
        Assert.Null(await Queue.ActiveTicketAsync(_desk1));
        var next = await Queue.CallNextAsync(Actor.System, _desk3);
        Assert.Equal(("B-002", "A-001"), (next.Code, next.FormerCode));
        Assert.Equal(called.VisitId, next.VisitId);
        await using var db = App.CreateDb();
        Assert.Equal(_b, (await db.Visits.SingleAsync(v => v.Id == called.VisitId)).ServiceCategoryId);
        Assert.Equal(TicketStatus.Transferred, (await db.QueueTickets.SingleAsync(t => t.Id == called.TicketId)).Status);
    }

    [Fact]
    public async Task The_waiting_room_calls_a_transferred_turn_with_the_code_on_the_visitors_paper_and_drops_the_old_call()
    {
        var e1 = await IssueAsync(_a);
        var called = await Queue.CallNextAsync(Actor.System, _desk1);
        await Queue.TransferAsync(Actor.System, _desk1, called.TicketId, _b);
        await Queue.CallNextAsync(Actor.System, _desk3);

        var calls = (await Boards.GetAsync()).RecentCalls;

        var call = Assert.Single(calls);
        Assert.Equal(("B-001", "A-001"), (call.Code, call.IssuedCode));
        Assert.Equal("Turno B 1, antes A 1, módulo 3", SpokenCalls.Text(call));
        Assert.Equal(e1.Code, call.IssuedCode);
    }

    [Fact]
    public async Task Numbers_restart_every_day()
    {
        Assert.Equal("A-001", (await IssueAsync(_a)).Code);
        Assert.Equal("A-002", (await IssueAsync(_a)).Code);
        App.Time.Advance(TimeSpan.FromDays(1));
        var today = await IssueAsync(_a);
        Assert.Equal("A-001", today.Code);
        // Yesterday's leftover turns are not called today.
        Assert.Equal(today.VisitId, (await Queue.CallNextAsync(Actor.System, _desk1)).VisitId);
        Assert.Equal(0, (await Boards.GetAsync()).TotalWaiting);
    }

    [Fact]
    public async Task Finishing_records_the_outcome_and_a_petition_needs_customer_type_and_subject()
    {
        var staff = await App.Get<Actors>().ForUserAsync((await App.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios)).Id);
        await IssueAsync(_a, name: "Ana López");
        var ticket = await Queue.CallNextAsync(staff, _desk1);
        Later(4);
        await Queue.StartServiceAsync(staff, _desk1, ticket.TicketId);

        var missing = await Assert.ThrowsAsync<RuleException>(() => Queue.FinishAsync(Actor.System, _desk1, ticket.TicketId, new ServiceOutcome(VisitOutcome.PetitionCreated, null)));
        Assert.Contains("Usuario: busque o registre al usuario", missing.Message);
        Assert.Contains("Tipo de petición: elija uno.", missing.Message);
        Assert.Contains("Asunto: describa lo que pide el usuario.", missing.Message);
        var noNote = await Assert.ThrowsAsync<RuleException>(() => Queue.FinishAsync(Actor.System, _desk1, ticket.TicketId, new ServiceOutcome(VisitOutcome.DocumentsRequested, null)));
        Assert.Equal("Nota: anote qué documentos se solicitaron.", noNote.Message);

        var customer = await App.Get<CustomerService>().CreateAsync(new CustomerInput("Ana López", "01-234", null, null));
        await using var db0 = App.CreateDb();
        var type = await db0.PetitionTypes.FirstAsync();
        Later(10);
        var done = await Queue.FinishAsync(Actor.System, _desk1, ticket.TicketId,
            new ServiceOutcome(VisitOutcome.PetitionCreated, customer.Id, "Revisar lectura", type.Id, "Cobro excesivo en el bimestre"));

        Assert.Equal(TicketStatus.Done, done.Status);
        await using var db = App.CreateDb();
        var visit = await db.Visits.SingleAsync();
        Assert.Equal((VisitOutcome.PetitionCreated, customer.Id, type.Id, "Cobro excesivo en el bimestre"), (visit.Outcome, visit.CustomerId, visit.DraftPetitionTypeId, visit.DraftSubject));
        Assert.Equal(staff.UserId, visit.StaffUserId);
        Assert.Equal(TimeSpan.FromMinutes(10), visit.FinishedAtUtc - visit.ServiceStartedAtUtc);
    }

    [Fact]
    public async Task The_board_counts_the_lines_and_lists_the_latest_calls_first()
    {
        await IssueAsync(_a);
        await IssueAsync(_a, PreferentialReason.OlderAdult);
        await IssueAsync(_b);
        await IssueAsync(_b);
        var first = await Queue.CallNextAsync(Actor.System, _desk1);
        Later();
        var second = await Queue.CallNextAsync(Actor.System, _desk3);
        Later();
        await Queue.RecallAsync(Actor.System, _desk1, first.TicketId);

        var board = await Boards.GetAsync();

        Assert.Equal(2, board.TotalWaiting);
        var a = board.Categories.Single(c => c.Letter == "A");
        Assert.Equal((1, 0), (a.Waiting, a.PreferentialWaiting));
        Assert.Equal([first.Code, second.Code], board.RecentCalls.Select(c => c.Code));
        Assert.Equal([1, 3], board.RecentCalls.Select(c => c.DeskNumber));
    }

    [Fact]
    public async Task Desks_calling_at_once_never_share_a_turn_and_none_is_lost()
    {
        const int turns = 60;
        for (var i = 0; i < turns; i++) await IssueAsync(i % 2 == 0 ? _a : _c);
        await using (var db = App.CreateDb())
        {
            for (var n = 4; n <= 8; n++) db.Desks.Add(new Desk { Number = n, Name = $"Módulo {n}", Categories = [new() { ServiceCategoryId = _a }, new() { ServiceCategoryId = _c }] });
            await db.SaveChangesAsync();
        }
        var desks = (await App.Get<ReceptionCatalogService>().ListDesksAsync()).Where(d => d.CategoryIds.Contains(_a)).Select(d => d.Id).ToList();
        // A second service over the same file stands for another process: only SQLite's write lock is shared.
        var other = new QueueService(App.Get<IDbContextFactory<AppDbContext>>(), App.Get<OfficeClock>(), App.Get<SettingsService>(), App.Get<LiveUpdates>(),
            App.Get<Ventanilla.Features.Webhooks.WebhookOutbox>());
        var served = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Task.WhenAll(desks.Select((desk, i) => Task.Run(async () =>
        {
            var queue = i % 2 == 0 ? Queue : other;
            while (true)
            {
                DeskTicket ticket;
                try
                {
                    ticket = await queue.CallNextAsync(Actor.System, desk);
                }
                catch (RuleException ex) when (ex.Message.StartsWith("No hay turnos"))
                {
                    return;
                }
                served.Add(ticket.Code);
                await queue.FinishAsync(Actor.System, desk, ticket.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
            }
        })));

        Assert.Equal(turns, served.Count);
        Assert.Equal(turns, served.Distinct().Count());
        await using var check = App.CreateDb();
        Assert.Equal(turns, await check.QueueTickets.CountAsync(t => t.Status == TicketStatus.Done));
    }
}
