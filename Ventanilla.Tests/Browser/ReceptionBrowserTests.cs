using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// A morning's queue end to end in four browsers at once: the kiosk, two desks and the waiting-room display,
/// then the day's Control de Usuarios.
/// </summary>
public class ReceptionBrowserTests(BrowserFixture browser, ReceptionBrowserTests.Server fixture)
    : BrowserTest(browser), IClassFixture<ReceptionBrowserTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public AppServer App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = await AppServer.StartAsync();
            await App.AddUserAsync("kiosco", "Segura123", Roles.Recepcion);
            await App.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
            await App.AddUserAsync("luis", "Segura123", Roles.AtencionUsuarios);
            await App.AddUserAsync("tv", "Segura123", Roles.Pantalla);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task Kiosk_desks_and_display_run_a_morning_and_the_register_exports_it()
    {
        int desk1;
        await using (var db = fixture.App.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            desk1 = await db.Desks.Where(d => d.Number == 1).Select(d => d.Id).SingleAsync();
        }
        var display = await OpenSignedInAsync(fixture.App, "tv", "pantalla/turnos");
        var kiosk = await OpenSignedInAsync(fixture.App, "kiosco", "kiosco");
        var rosa = await OpenSignedInAsync(fixture.App, "rosa", "turnos", $"localStorage.setItem('ventanilla.modulo', '{desk1}')");
        var luis = await OpenSignedInAsync(fixture.App, "luis", "turnos");
        await Expect(display.Locator("[data-testid=waiting-room]")).ToContainTextAsync("Aún no se ha llamado ningún turno hoy.");

        // Luis picks his desk once; Rosa's browser already remembers hers.
        await ChooseAsync(luis, "Mi módulo", "Módulo 2");
        await Expect(luis.Locator("[data-testid=call-next]")).ToBeVisibleAsync();
        await Expect(rosa.Locator("[data-testid=call-next]")).ToBeVisibleAsync();

        // Two visitors at the kiosk; the second one taps "Obtener turno" twice.
        await kiosk.Locator("[data-category=A]").ClickAsync();
        await kiosk.Locator("[data-testid=kiosk-name]").FillAsync("Ana López");
        await kiosk.Locator("[data-testid=kiosk-account]").FillAsync("01-234-5678");
        await kiosk.Locator("[data-testid=kiosk-issue]").ClickAsync();
        await Expect(kiosk.Locator("[data-testid=turn-code]")).ToHaveTextAsync("A-001");
        await kiosk.Locator("[data-testid=kiosk-done]").ClickAsync();
        await kiosk.Locator("[data-category=A]").ClickAsync();
        await kiosk.Locator("[data-testid=kiosk-issue]").DblClickAsync();
        await Expect(kiosk.Locator("[data-testid=turn-code]")).ToHaveTextAsync("A-002");
        await Expect(kiosk.Locator("[data-testid=turn-ahead]")).ToHaveTextAsync("Hay 1 persona antes que usted.");

        await Expect(rosa.Locator("[data-line=A] [data-testid=waiting]")).ToHaveTextAsync("2");
        await Expect(display.Locator("[data-line=A] [data-testid=line-count]")).ToHaveTextAsync("2");

        await rosa.Locator("[data-testid=call-next]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=active-code]")).ToHaveTextAsync("A-001");
        await Expect(display.Locator("[data-testid=newest-code]")).ToHaveTextAsync("A-001");
        await Expect(display.Locator("[data-testid=newest-desk]")).ToHaveTextAsync("Módulo 1");
        Assert.Equal(1, await display.EvaluateAsync<int>("() => window.ventanilla.chimes"));

        await luis.Locator("[data-testid=call-next]").ClickAsync();
        await Expect(luis.Locator("[data-testid=active-code]")).ToHaveTextAsync("A-002");
        await Expect(display.Locator("[data-testid=newest-code]")).ToHaveTextAsync("A-002");
        await Expect(display.Locator("[data-testid=newest-desk]")).ToHaveTextAsync("Módulo 2");
        await Expect(display.Locator("[data-testid=previous-calls]")).ToContainTextAsync("A-001");
        await Expect(display.Locator("[data-line=A] [data-testid=line-count]")).ToHaveTextAsync("0");
        Assert.DoesNotContain("Ana", await display.ContentAsync());

        // Rosa serves Ana: a new customer prefilled from the kiosk, resolved with information.
        await rosa.Locator("[data-testid=serve]").ClickAsync();
        await rosa.Locator("[data-testid=customer-new]").ClickAsync();
        await Expect(rosa.Locator("input[data-testid=new-name]")).ToHaveValueAsync("Ana López");
        await rosa.Locator("[data-testid=new-save]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=customer-chosen]")).ToContainTextAsync("Ana López");
        await ChooseAsync(rosa, "Resultado", "Resuelto: información");
        await rosa.Locator("[data-testid=finish]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=desk-message]")).ToContainTextAsync("Turno A-001 terminado.");

        // Luis's visitor never comes.
        await luis.Locator("[data-testid=recall]").ClickAsync();
        await Expect(luis.Locator("[data-testid=active-status]")).ToContainTextAsync("Llamado 2 veces");
        await luis.Locator("[data-testid=recall]").ClickAsync();
        await Expect(luis.Locator("[data-testid=active-status]")).ToContainTextAsync("Llamado 3 veces");
        await luis.Locator("[data-testid=no-show]").ClickAsync();
        await Expect(luis.Locator("[data-testid=desk-message]")).ToContainTextAsync("marcado como ausente");

        // The day's Control de Usuarios, on screen and exported.
        await rosa.GotoAsync("visitas");
        await WaitForInteractiveAsync(rosa);
        await Expect(rosa.Locator("[data-visit-turn='A-001']")).ToBeVisibleAsync();
        await Expect(rosa.Locator("[data-visit-turn='A-002']")).ToBeVisibleAsync();
        var download = await rosa.RunAndWaitForDownloadAsync(() => rosa.Locator("[data-testid=export-visits]").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("A-001", lines[1]);
        Assert.Contains("Ana López", lines[1]);
        Assert.Contains("Resuelto: información", lines[1]);
        Assert.Contains("A-002", lines[2]);
        Assert.Contains("No se presentó", lines[2]);
    }
}
