using Ventanilla.Features.Admin;
using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;
using Ventanilla.Features.Deadlines;
using Ventanilla.Features.Reception;
using Ventanilla.Features.Shared;

namespace Ventanilla.Tests.Features.Shared;

/// <summary>
/// The services check who is acting themselves, whatever page or endpoint calls them: a signed-in account without the
/// role is refused in Spanish and nothing is written. (The pages' [Authorize] is the first door, not the only one.)
/// </summary>
public class ActorRoleTests : AppServiceTest
{
    private async Task<Actor> AccountAsync(string name, params string[] roles)
        => await App.Get<Actors>().ForUserAsync((await App.AddUserAsync(name, "Segura123", roles)).Id);

    [Fact]
    public async Task The_screens_account_cannot_change_settings_calendar_accounts_catalogs_or_offices()
    {
        var tv = await AccountAsync("tv", Roles.Pantalla);
        var settings = App.Get<SettingsService>();
        var version = settings.Current.Version;

        async Task RefusedAsync(Func<Task> action, string what)
        {
            var refused = await Assert.ThrowsAsync<RuleException>(action);
            Assert.Equal($"{what}: le corresponde a Administrador; su cuenta no tiene ese rol.", refused.Message);
        }

        await RefusedAsync(() => settings.SaveFolioPrefixAsync(tv, "GAU", version), "Cambiar los ajustes");
        await RefusedAsync(() => settings.SaveClockAsync(tv, ClockSettings.From(settings.Current)), "Cambiar los ajustes");
        await RefusedAsync(() => App.Get<CalendarService>().AddOrganismoDayAsync(new DateOnly(2026, 12, 24), null, "Nochebuena", tv), "Cambiar el calendario del organismo");
        await RefusedAsync(() => App.Get<UserService>().CreateAsync(tv, new UserInput("intruso", "", [Roles.Administrador], [], "Segura123")), "Administrar las cuentas");
        await RefusedAsync(() => App.Get<CatalogService>().SaveAreaAsync(tv, new CatalogItem(0, "Nueva", 9, true, 0)), "Cambiar los catálogos");
        await RefusedAsync(() => App.Get<OfficeService>().SaveAsync(tv, new OfficeItem(0, "Sucursal", 2, true, 0)), "Cambiar las oficinas");

        // Nothing was written.
        await settings.ReloadAsync();
        Assert.Equal(version, settings.Current.Version);
        await using var db = App.CreateDb();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "intruso"));
        Assert.False(await db.Areas.AnyAsync(a => a.Name == "Nueva"));
        Assert.Empty(await App.Get<CalendarService>().ListOrganismoDaysAsync());
    }

    [Fact]
    public async Task Only_the_reception_issues_turns_and_only_the_attention_staff_works_a_desk()
    {
        var tv = await AccountAsync("tv", Roles.Pantalla);
        var kiosk = await AccountAsync("kiosco", Roles.Recepcion);
        var clerk = await AccountAsync("rosa", Roles.AtencionUsuarios);
        var queue = App.Get<QueueService>();
        var category = (await App.Get<ReceptionCatalogService>().ListCategoriesAsync())[0].Id;
        var desk = (await App.Get<ReceptionCatalogService>().ListDesksAsync())[0].Id;

        var notKiosk = await Assert.ThrowsAsync<RuleException>(() => queue.IssueTurnAsync(clerk, new KioskRequest(Guid.NewGuid(), category)));
        Assert.Equal("Emitir un turno: le corresponde a Recepción; su cuenta no tiene ese rol.", notKiosk.Message);
        await queue.IssueTurnAsync(kiosk, new KioskRequest(Guid.NewGuid(), category));

        var notDesk = await Assert.ThrowsAsync<RuleException>(() => queue.CallNextAsync(kiosk, desk));
        Assert.StartsWith("Llamar un turno: le corresponde a ", notDesk.Message);
        await Assert.ThrowsAsync<RuleException>(() => queue.CallNextAsync(tv, desk));
        var called = await queue.CallNextAsync(clerk, desk);
        await Assert.ThrowsAsync<RuleException>(() => queue.FinishAsync(tv, desk, called.TicketId, new ServiceOutcome(VisitOutcome.Information, null)));
        await queue.FinishAsync(clerk, desk, called.TicketId, new ServiceOutcome(VisitOutcome.Information, null));

        // Who served is the account that acted, from the server's own record of it.
        await using var db = App.CreateDb();
        Assert.Equal(clerk.UserId, await db.Visits.Select(v => v.StaffUserId).SingleAsync());
    }
}
