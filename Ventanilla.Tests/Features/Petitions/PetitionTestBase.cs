using Ventanilla.Features.Shared;
namespace Ventanilla.Tests.Features.Petitions;

/// <summary>Users of every role, areas and a served visit: what the petition tests start from.</summary>
public abstract class PetitionTestBase : AppServiceTest
{
    protected PetitionService Petitions => App.Get<PetitionService>();
    protected PetitionRegistration Registration => App.Get<PetitionRegistration>();
    protected Actor _clerk = null!, _liaison = null!, _otherLiaison = null!, _oficialia = null!, _director = null!;
    protected int _type, _operation, _billing;

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        _type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        var areas = await db.Areas.ToDictionaryAsync(a => a.Name, a => a.Id);
        (_operation, _billing) = (areas["Operación"], areas["Facturación y Cobranza"]);
        var actors = App.Get<Actors>();
        _clerk = await actors.ForUserAsync((await App.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios)).Id);
        _liaison = await actors.ForUserAsync((await App.AddUserAsync("oscar", "Segura123", Roles.Area)).Id);
        _oficialia = await actors.ForUserAsync((await App.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes)).Id);
        _director = await actors.ForUserAsync((await App.AddUserAsync("diana", "Segura123", Roles.DireccionComercial)).Id);
        var other = await App.Get<UserService>().CreateAsync(Actor.System, new UserInput("fer", "Fernanda", [Roles.Area], ["Facturación y Cobranza"], "Segura123"));
        _otherLiaison = await actors.ForUserAsync(other.Id);
    }

    protected PetitionInput Input(bool thirdParty = false, string subject = "Cobro excesivo del bimestre")
        => new(_type, subject, "José Pérez", thirdParty, "01-234-5678", Phone: "55 1234 5678");

    protected static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    /// <summary>A visit served this morning whose outcome was "petition".</summary>
    protected async Task<int> ServedVisitAsync()
    {
        var queue = App.Get<QueueService>();
        await using var db = App.CreateDb();
        var category = await db.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
        var desk = await db.Desks.OrderBy(d => d.Number).Select(d => d.Id).FirstAsync();
        var customer = await App.Get<CustomerService>().CreateAsync(new CustomerInput("José Pérez", "01-234-5678", null, null));
        await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category));
        var ticket = await queue.CallNextAsync(_clerk, desk);
        var done = await queue.FinishAsync(_clerk, desk, ticket.TicketId,
            new ServiceOutcome(VisitOutcome.PetitionCreated, customer.Id, null, _type, "Cobro excesivo del bimestre"));
        return done.VisitId;
    }

    protected Task<Petition> LoadAsync(int id) => LoadWhereAsync(p => p.Id == id);

    protected Task<Petition> LoadAsync(string folio) => LoadWhereAsync(p => p.Folio == folio);

    private async Task<Petition> LoadWhereAsync(System.Linq.Expressions.Expression<Func<Petition, bool>> which)
    {
        await using var db = App.CreateDb();
        return await db.Petitions.Include(p => p.Routings).Include(p => p.Pauses).AsSplitQuery().SingleAsync(which);
    }

    protected async Task<List<PetitionEvent>> EventsAsync(int id)
    {
        await using var db = App.CreateDb();
        return await db.PetitionEvents.Where(e => e.PetitionId == id).OrderBy(e => e.Id).ToListAsync();
    }
}
