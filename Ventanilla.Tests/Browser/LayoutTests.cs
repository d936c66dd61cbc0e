using Ventanilla.Features.Shared;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// On the office's 1,366-pixel screens nothing runs off the side: long names without spaces wrap, and the petition
/// page, the Control de Usuarios and the kanban fit the width.
/// </summary>
public class LayoutTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly string LongName = "Subdirección" + new string('x', 108);

    [Fact]
    public async Task A_120_character_area_name_wraps_and_the_busy_pages_fit_1366_pixels()
    {
        await using var server = await AppServer.StartAsync();
        var rosa = await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var olga = await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        var diana = await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        await server.AddUserAsync("kiosco", "Segura123", Roles.Recepcion);
        var actors = server.Get<Actors>();
        int longArea, type;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var area = new Area { Name = LongName, Kind = AreaKind.General, SortOrder = 2, IsActive = true };
            db.Areas.Add(area);
            await db.SaveChangesAsync();
            longArea = area.Id;
            type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        }
        server.Get<Ventanilla.Features.Shared.LiveUpdates>().Publish(Ventanilla.Features.Shared.LiveTopic.Catalogs);
        var petitions = server.Get<PetitionService>();
        var yesterday = server.Get<Ventanilla.Features.Shared.OfficeClock>().Now().DateTime.AddDays(-1);
        var p = await server.Get<PetitionRegistration>().RegisterWrittenAsync(await actors.ForUserAsync(olga.Id),
            new WrittenPetitionInput(new PetitionInput(type, "Fuga en la toma " + new string('y', 200), "Ana Núñez", AccountNumber: "01-234-5678"), "OP-1", yesterday));
        p = await server.Get<PetitionResponses>().ForwardToAttentionAsync(await actors.ForUserAsync(diana.Id), p.Id, p.Version, null);
        await petitions.RouteAsync(await actors.ForUserAsync(rosa.Id), p.Id, p.Version, [longArea], "Revisar " + new string('z', 150));
        // A visit with long texts in the register.
        var queue = server.Get<QueueService>();
        var category = (await server.Get<ReceptionCatalogService>().ListCategoriesAsync(activeOnly: true))[0].Id;
        await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category, Name: "Maria Fernanda de los Angeles Gutierrez Hernandez"));
        var desk = (await server.Get<ReceptionCatalogService>().ListDesksAsync())[0].Id;
        var clerk = await actors.ForUserAsync(rosa.Id);
        var ticket = await queue.CallNextAsync(clerk, desk);
        await queue.FinishAsync(clerk, desk, ticket.TicketId, new ServiceOutcome(VisitOutcome.OtherResolved, null, "Se explicó " + new string('w', 300)));

        // Each page with what it measures: the check waits for it, so an empty page cannot pass.
        var pages = new Dictionary<string, string>
        {
            [$"peticiones/{p.Folio}"] = $"text={LongName[..20]}",
            ["visitas"] = "[data-visit-turn] >> nth=0",
            ["peticiones/tablero"] = "[data-column] >> nth=0",
            ["peticiones"] = $"text={p.Folio}",
            ["seguimiento"] = "[data-testid=follow-ups] tbody tr >> nth=0",
            ["turnos"] = "[data-testid=queue-lines] tbody tr >> nth=0",
        };
        foreach (var (path, content) in pages)
        {
            var page = await OpenSignedInAsync(server, "rosa", path);
            await page.SetViewportSizeAsync(1366, 768);
            await Expect(page.Locator(content).First).ToBeVisibleAsync();
            await page.WaitForTimeoutAsync(300);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 1366, $"/{path} mide {width} px de ancho en una pantalla de 1,366");
            // Nor hidden to the side inside the page: every kanban column and every register column is within the screen.
            var rightmost = await page.EvaluateAsync<double>(
                "() => Math.max(0, ...[...document.querySelectorAll('[data-column], .register-table th')].map(e => e.getBoundingClientRect().right))");
            Assert.True(rightmost <= 1366, $"/{path}: una columna termina a {rightmost:0} px, fuera de la pantalla de 1,366");
            // Column headings wrap between words, never inside one («Prefer|entes»).
            var split = await page.EvaluateAsync<string[]>(SplitHeadingWords);
            Assert.True(split.Length == 0, $"/{path}: encabezados partidos a media palabra: {string.Join(", ", split)}");
        }
    }

    /// <summary>The words of the table headings that the browser drew over two lines.</summary>
    private const string SplitHeadingWords = """
        () => [...document.querySelectorAll('th')].flatMap(th => {
            const split = [];
            const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
            for (let node; (node = walker.nextNode());) {
                for (const word of node.data.matchAll(/\S+/g)) {
                    const range = document.createRange();
                    range.setStart(node, word.index);
                    range.setEnd(node, word.index + word[0].length);
                    if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) split.push(word[0]);
                }
            }
            return split;
        })
        """;
}
