using Ventanilla.Features.Shared;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>A petition from a served visit to "Cerrada" with the four people of the procedure, each in their own browser.</summary>
public class PetitionBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task From_a_served_visit_to_Cerrada_with_clerk_liaison_director_and_Oficialia()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        await server.Get<UserService>().CreateAsync(Actor.System, new UserInput("oscar", "Óscar Ruiz", [Roles.Area], ["Operación"], "Segura123"));
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var queue = server.Get<QueueService>();
            var category = await db.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
            var desk = await db.Desks.OrderBy(d => d.Number).Select(d => d.Id).FirstAsync();
            var type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
            var customer = await server.Get<CustomerService>().CreateAsync(new CustomerInput("José Pérez", "01-234-5678", "5512345678", "Av. Juárez 10"));
            await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category));
            var ticket = await queue.CallNextAsync(Actor.System, desk);
            await queue.FinishAsync(Actor.System, desk, ticket.TicketId, new ServiceOutcome(VisitOutcome.PetitionCreated, customer.Id, null, type, "Cobro excesivo en el bimestre"));
        }

        // The clerk registers the visit's petition and routes it to Operación.
        var rosa = await OpenSignedInAsync(server, "rosa", "peticiones");
        await rosa.Locator("[data-testid=drafts] a").First.ClickAsync();
        // The live page shows the form only once it holds the visit's draft (never an empty form that could be sent).
        await WaitForInteractiveAsync(rosa);
        await Expect(rosa.Locator("input[data-testid=petitioner]")).ToHaveValueAsync("José Pérez");
        await rosa.Locator("[data-testid=register]").ClickAsync();
        await WaitForAddressAsync(rosa, "**/peticiones/AU-2026-00001");
        await Expect(rosa.Locator("[data-testid=status]")).ToHaveTextAsync("Registrada");
        await rosa.Locator("input[data-area='Operación']").CheckAsync(new() { Force = true });
        await rosa.Locator("[data-testid=route]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=status]")).ToHaveTextAsync("Turnada");

        // Step 10: the daily follow-up lists the routing; one click records it.
        await rosa.GotoAsync("seguimiento");
        await WaitForInteractiveAsync(rosa);
        await Expect(rosa.Locator("[data-follow-up='AU-2026-00001|Operación'] [data-testid=last-follow-up]")).ToHaveTextAsync("nunca");
        await rosa.Locator("[data-follow-up='AU-2026-00001|Operación'] [data-testid=record]").ClickAsync();
        await Expect(rosa.Locator("[data-follow-up='AU-2026-00001|Operación']")).ToContainTextAsync("Hecho hoy");
        await rosa.GotoAsync("peticiones/AU-2026-00001");
        await WaitForInteractiveAsync(rosa);

        // The area's liaison answers in their own browser; the clerk's page follows live.
        var oscar = await OpenSignedInAsync(server, "oscar", "peticiones/AU-2026-00001");
        await Expect(oscar.Locator("[data-testid=actions]")).ToHaveCountAsync(0);
        await oscar.Locator("[data-routing='Operación'] textarea[data-testid=routing-text]").FillAsync("Lectura verificada en campo; procede ajuste.");
        await oscar.Locator("[data-routing='Operación'] [data-testid=routing-answer]").ClickAsync();
        await Expect(oscar.Locator("[data-testid=status]")).ToHaveTextAsync("En respuesta");
        await Expect(rosa.Locator("[data-testid=status]")).ToHaveTextAsync("En respuesta");

        await rosa.Locator("textarea[data-testid=response-text]").FillAsync("Se ajustó su consumo del bimestre.");
        await rosa.Locator("[data-testid=save-draft]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=submit]")).ToBeVisibleAsync();
        await rosa.Locator("[data-testid=submit]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=status]")).ToHaveTextAsync("En revisión");

        var diana = await OpenSignedInAsync(server, "diana", "peticiones/AU-2026-00001");
        await Expect(diana.Locator("[data-testid=review-text]")).ToContainTextAsync("Se ajustó su consumo");
        await diana.Locator("[data-testid=approve]").ClickAsync();
        await Expect(diana.Locator("[data-testid=status]")).ToHaveTextAsync("Aprobada");

        await Expect(rosa.Locator("[data-testid=deliver]")).ToBeVisibleAsync();
        await rosa.Locator("input[data-testid=received-by]").FillAsync("José Pérez");
        await rosa.Locator("[data-testid=deliver]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=status]")).ToHaveTextAsync("Entregada");

        var olga = await OpenSignedInAsync(server, "olga", "peticiones/AU-2026-00001");
        await olga.Locator("[data-testid=close]").ClickAsync();
        await Expect(olga.Locator("[data-testid=status]")).ToHaveTextAsync("Cerrada");
        await Expect(olga.Locator("[data-event='Cerrada']")).ToBeVisibleAsync();

        // The register lists it, closed and on time.
        await rosa.GotoAsync("peticiones");
        await WaitForInteractiveAsync(rosa);
        var download = await rosa.RunAndWaitForDownloadAsync(() => rosa.Locator("[data-testid=export-petitions]").ClickAsync());
        var lines = (await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("AU-2026-00001,,", lines[1]);
        Assert.Contains(",Presencial,José Pérez,No,01-234-5678,", lines[1]);
        Assert.Contains(",Operación,Cerrada,", lines[1]);
        Assert.EndsWith(",Sí,", lines[1]);
    }
}
