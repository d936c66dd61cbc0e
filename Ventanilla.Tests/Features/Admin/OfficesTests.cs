using Ventanilla.Features.Shared;
using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;

namespace Ventanilla.Tests.Features.Admin;

/// <summary>
/// Several offices on one database: each has its own lines (numbered apart), desks, waiting room and petitions;
/// users may be limited to theirs. With one office (every test database starts so) nothing of this shows.
/// </summary>
public class OfficesTests : AppServiceTest
{
    private OfficeService Offices => App.Get<OfficeService>();
    private ReceptionCatalogService Catalogs => App.Get<ReceptionCatalogService>();
    private QueueService Queue => App.Get<QueueService>();
    private int _north, _mainA, _northA, _northDesk;

    /// <summary>A second office, «Sucursal Norte», with its own line A and one desk serving it.</summary>
    protected override async Task SeedAsync()
    {
        _north = (await Offices.SaveAsync(Actor.System, new OfficeItem(0, "  Sucursal   Norte ", 2, true, 0))).Id;
        await Catalogs.SaveCategoryAsync(Actor.System, new CategoryItem(0, "A", "Pagos", "#1565c0", 1, true, 0, _north));
        await using var db = App.CreateDb();
        _mainA = await db.ServiceCategories.Where(c => c.Letter == "A" && c.OfficeId == Office.MainId).Select(c => c.Id).SingleAsync();
        _northA = await db.ServiceCategories.Where(c => c.OfficeId == _north).Select(c => c.Id).SingleAsync();
        await Catalogs.SaveDeskAsync(Actor.System, new DeskItem(0, 1, "", true, [_northA], 0, _north));
        _northDesk = await db.Desks.Where(d => d.OfficeId == _north).Select(d => d.Id).SingleAsync();
    }

    [Fact]
    public async Task Offices_have_unique_names_and_one_always_stays_active()
    {
        var listed = await Offices.ListAsync();
        Assert.Equal([(Office.MainName, 1), ("Sucursal Norte", 2)], listed.Select(o => (o.Name, o.SortOrder)));
        var twice = await Assert.ThrowsAsync<RuleException>(() => Offices.SaveAsync(Actor.System, new OfficeItem(0, "sucursal norté", 3, true, 0)));
        Assert.Equal("Nombre: ya hay una oficina llamada Sucursal Norte.", twice.Message);

        var north = listed[1];
        var withDesks = await Assert.ThrowsAsync<RuleException>(() => Offices.SaveAsync(Actor.System, north with { IsActive = false }));
        Assert.Equal("Sucursal Norte tiene 1 módulo activo; desactívelos antes de desactivar la oficina.", withDesks.Message);
        var desk = (await Catalogs.ListDesksAsync(officeId: _north)).Single();
        await Catalogs.SaveDeskAsync(Actor.System, desk with { IsActive = false });
        var closed = await Offices.SaveAsync(Actor.System, north with { IsActive = false });
        Assert.False(closed.IsActive);
        var main = listed[0];
        var last = await Assert.ThrowsAsync<RuleException>(() => Offices.SaveAsync(Actor.System, main with { IsActive = false }));
        Assert.Equal("Es la única oficina activa: siempre debe haber una.", last.Message);
    }

    [Fact]
    public async Task Each_office_has_its_own_letters_and_desk_numbers_and_a_desk_serves_only_its_own_lines()
    {
        var again = await Assert.ThrowsAsync<RuleException>(() => Catalogs.SaveCategoryAsync(Actor.System, new CategoryItem(0, "A", "Otra", "#2e7d32", 2, true, 0, _north)));
        Assert.Equal("Letra: ya hay otra categoría con la letra A en Sucursal Norte.", again.Message);
        var foreign = await Assert.ThrowsAsync<RuleException>(() => Catalogs.SaveDeskAsync(Actor.System, new DeskItem(0, 2, "", true, [_mainA], 0, _north)));
        Assert.Equal("Categorías: la A es de otra oficina; un módulo atiende solo las categorías de su oficina.", foreign.Message);
        var number = await Assert.ThrowsAsync<RuleException>(() => Catalogs.SaveDeskAsync(Actor.System, new DeskItem(0, 1, "", true, [], 0, _north)));
        Assert.Equal("Número: ya existe el módulo 1 en Sucursal Norte.", number.Message);
        var category = (await Catalogs.ListCategoriesAsync(officeId: _north)).Single();
        var moved = await Assert.ThrowsAsync<RuleException>(() => Catalogs.SaveCategoryAsync(Actor.System, category with { OfficeId = Office.MainId, Letter = "Z" }));
        Assert.StartsWith("Oficina: una categoría no cambia de oficina", moved.Message);
        Assert.Equal(5, (await Catalogs.ListCategoriesAsync(officeId: Office.MainId)).Count);
        Assert.Equal(6, (await Catalogs.ListCategoriesAsync()).Count);
    }

    [Fact]
    public async Task Each_office_numbers_calls_and_shows_its_own_queue()
    {
        var main = await Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), _mainA, OfficeId: Office.MainId));
        var north1 = await Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), _northA, OfficeId: _north));
        var north2 = await Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), _northA, OfficeId: _north));
        Assert.Equal(("A-001", "A-001", "A-002"), (main.Code, north1.Code, north2.Code));
        Assert.Equal(1, north2.Ahead); // the main office's A-001 is not ahead of it
        var wrongKiosk = await Assert.ThrowsAsync<RuleException>(() => Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), _mainA, OfficeId: _north)));
        Assert.Equal("Categoría: es de otra oficina; elija una de las que muestra este quiosco.", wrongKiosk.Message);

        // The north desk calls the north's first turn, never the main office's older one.
        var called = await Queue.CallNextAsync(Actor.System, _northDesk);
        Assert.Equal(north1.TicketId, called.TicketId);
        await using (var db = App.CreateDb())
        {
            Assert.Equal(_north, (await db.Visits.SingleAsync(v => v.Id == north1.VisitId)).OfficeId);
        }

        var boards = App.Get<QueueBoards>();
        var north = await boards.GetAsync(_north);
        Assert.Equal([("A", 1)], north.Categories.Select(c => (c.Letter, c.Waiting)));
        Assert.Equal(["A-001"], north.RecentCalls.Select(c => c.Code));
        Assert.Equal(1, north.InService);
        var mainBoard = await boards.GetAsync(Office.MainId);
        Assert.Equal(5, mainBoard.Categories.Count);
        Assert.Empty(mainBoard.RecentCalls);
        Assert.Equal((1, 0), (mainBoard.TotalWaiting, mainBoard.InService));
        // Both offices' waiting turns have an estimate: each office's own desks are about to serve them.
        var all = await boards.GetAsync();
        var now = App.Time.GetUtcNow().UtcDateTime;
        Assert.NotNull(all.Estimates.TicketMinutes(north2.TicketId, now));
        Assert.NotNull(all.Estimates.TicketMinutes(main.TicketId, now));

        // Transfers stay in the office.
        var transfer = await Assert.ThrowsAsync<RuleException>(() => Queue.TransferAsync(Actor.System, _northDesk, called.TicketId, _mainA));
        Assert.Equal("Transferir a: esa categoría es de otra oficina; el visitante está en esta.", transfer.Message);
    }

    [Fact]
    public async Task A_clerk_of_one_office_calls_only_at_its_desks_and_registers_its_petitions()
    {
        var clerk = await App.Get<UserService>().CreateAsync(Actor.System, new UserInput("luis", "Luis", [Roles.AtencionUsuarios, Roles.OficialiaPartes], [], "Segura123", ["sucursal norte"]));
        var summary = (await App.Get<UserService>().ListAsync()).Single(u => u.UserName == "luis");
        Assert.Equal(["Sucursal Norte"], summary.OfficeNames);
        var unknown = await Assert.ThrowsAsync<RuleException>(() =>
            App.Get<UserService>().CreateAsync(Actor.System, new UserInput("ana", "Ana", [Roles.Recepcion], [], "Segura123", ["Sur"])));
        Assert.Equal("Oficina desconocida o inactiva: 'Sur'. Oficinas: Oficina principal, Sucursal Norte.", unknown.Message);

        await Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), _mainA));
        await using var db = App.CreateDb();
        var mainDesk = await db.Desks.Where(d => d.OfficeId == Office.MainId).OrderBy(d => d.Number).Select(d => d.Id).FirstAsync();
        var clerkActor = await App.Get<Actors>().ForUserAsync(clerk.Id);
        var refused = await Assert.ThrowsAsync<RuleException>(() => Queue.CallNextAsync(clerkActor, mainDesk));
        Assert.Equal("El Módulo 1 es de Oficina principal; su cuenta trabaja en otra oficina. Elija uno de sus módulos.", refused.Message);

        var actor = await App.Get<Actors>().ForUserAsync(clerk.Id);
        Assert.Equal((int?)_north, actor.OnlyOffice);
        var type = await db.PetitionTypes.Select(t => t.Id).FirstAsync();
        var input = new PetitionInput(type, "Fuga", "María López");
        var written = await App.Get<PetitionRegistration>().RegisterWrittenAsync(actor, new WrittenPetitionInput(input, "OP-1", new DateTime(2026, 11, 27, 9, 0, 0)));
        Assert.Equal(_north, (await db.Petitions.SingleAsync(p => p.Id == written.Id)).OfficeId);
        var elsewhere = await Assert.ThrowsAsync<RuleException>(() => App.Get<PetitionRegistration>().RegisterWrittenAsync(actor,
            new WrittenPetitionInput(input, "OP-2", new DateTime(2026, 11, 27, 9, 0, 0), Office.MainId)));
        Assert.Equal("Oficina: elija una de las oficinas donde trabaja.", elsewhere.Message);

        // Someone of every office registers in the main one unless told otherwise.
        var director = await App.Get<Actors>().ForUserAsync((await App.AddUserAsync("diana", "Segura123", Roles.DireccionComercial)).Id);
        Assert.Null(director.OnlyOffice);
        var byDirector = await App.Get<PetitionRegistration>().RegisterWrittenAsync(director, new WrittenPetitionInput(input, "OP-3", new DateTime(2026, 11, 27, 9, 0, 0)));
        Assert.Equal(Office.MainId, (await db.Petitions.SingleAsync(p => p.Id == byDirector.Id)).OfficeId);
    }
}
