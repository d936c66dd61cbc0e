using Ventanilla.Features.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// A visitor sent to another line keeps knowing it is them: the clerk is told the new number to say, and the waiting
/// room calls it with the code on the visitor's paper beside it, no longer showing the old call.
/// </summary>
public class TransferBrowserTests(BrowserFixture browser, TransferBrowserTests.Server fixture)
    : BrowserTest(browser), IClassFixture<TransferBrowserTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public AppServer App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = await AppServer.StartAsync();
            await App.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
            await App.AddUserAsync("tv", "Segura123", Roles.Pantalla);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task A_transferred_visitor_is_told_the_new_number_and_the_TV_calls_it_with_the_old_one()
    {
        int desk1, lineC;
        await using (var db = fixture.App.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            desk1 = await db.Desks.Where(d => d.Number == 1).Select(d => d.Id).SingleAsync();
            lineC = await db.ServiceCategories.Where(c => c.Letter == "C").Select(c => c.Id).SingleAsync();
        }
        var paper = await fixture.App.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), lineC));
        Assert.Equal("C-001", paper.Code);
        var display = await OpenSignedInAsync(fixture.App, "tv", "pantalla/turnos");
        var rosa = await OpenSignedInAsync(fixture.App, "rosa", "turnos", $"localStorage.setItem('ventanilla.modulo', '{desk1}')");

        await rosa.Locator("[data-testid=call-next]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=active-code]")).ToHaveTextAsync("C-001");
        await Expect(display.Locator("[data-testid=newest-code]")).ToHaveTextAsync("C-001");

        // The visitor came for a payment: Rosa sends them to line A.
        await ChooseAsync(rosa, "Transferir a", "A · Pagos y liquidaciones");
        await rosa.Locator("[data-testid=transfer]").ClickAsync();

        await Expect(rosa.Locator("[data-testid=transfer-notice]")).ToContainTextAsync("Dígale al visitante su nuevo turno: A-001 (su boleto dice C-001).");
        await Expect(rosa.Locator("[data-testid=transfer-new-code]")).ToHaveTextAsync("A-001");
        // The TV no longer shows C-001 as called: that visitor now waits as A-001.
        await Expect(display.Locator("[data-testid=waiting-room]")).ToContainTextAsync("Aún no se ha llamado ningún turno hoy.");
        await Expect(display.Locator("[data-line=A] [data-testid=line-count]")).ToHaveTextAsync("1");

        await rosa.Locator("[data-testid=call-next]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=active-code]")).ToHaveTextAsync("A-001");
        await Expect(rosa.Locator("[data-testid=active-former]")).ToHaveTextAsync("su boleto dice C-001");
        await Expect(rosa.Locator("[data-testid=transfer-notice]")).ToHaveCountAsync(0);
        await Expect(display.Locator("[data-testid=newest-code]")).ToHaveTextAsync("A-001");
        await Expect(display.Locator("[data-testid=newest-former]")).ToHaveTextAsync("antes C-001");
        await Expect(display.Locator("[data-testid=newest-call]")).ToHaveAttributeAsync("data-say", "Turno A 1, antes C 1, módulo 1");
        await Expect(display.Locator("[data-testid=previous-calls] li")).ToHaveCountAsync(0);
    }
}
