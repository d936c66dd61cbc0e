using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The kanban when two people drag the same card at once: one wins, the other is told and sees the fresh board.</summary>
public class BoardBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    /// <summary>Drags as a hand does: press on the card, move in steps over the column, release.</summary>
    private static async Task DragAsync(Microsoft.Playwright.IPage page, string from, string to)
    {
        var source = await page.Locator(from).Locator(".type").BoundingBoxAsync();
        var target = await page.Locator(to).BoundingBoxAsync();
        await page.Mouse.MoveAsync(source!.X + source.Width / 2, source.Y + source.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(source.X + source.Width / 2 + 10, source.Y + source.Height / 2 + 10, new() { Steps = 5 });
        await page.Mouse.MoveAsync(target!.X + target.Width / 2, target.Y + 60, new() { Steps = 10 });
        await page.Mouse.UpAsync();
    }

    [Fact]
    public async Task Two_people_dragging_the_same_card_the_second_gets_a_clear_message_and_nothing_is_lost()
    {
        await using var server = await AppServer.StartAsync();
        var rosa = await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        var olga = await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        var actors = server.Get<Actors>();
        int operation;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            operation = await db.Areas.Where(a => a.Name == "Operación").Select(a => a.Id).SingleAsync();
            var type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
            var petitions = server.Get<PetitionService>();
            var p = await server.Get<PetitionRegistration>().RegisterWrittenAsync(await actors.ForUserAsync(olga.Id),
                new WrittenPetitionInput(new PetitionInput(type, "Fuga", "Ana Núñez"), "OP-1", server.Get<Ventanilla.Features.Shared.OfficeClock>().Now().DateTime.AddDays(-1)));
            await petitions.RouteAsync(await actors.ForUserAsync(rosa.Id), p.Id, p.Version, [operation], null);
        }

        var first = await OpenSignedInAsync(server, "rosa", "peticiones/tablero");
        var second = await OpenSignedInAsync(server, "diana", "peticiones/tablero");
        // Every column on screen, as on the office's wide monitor.
        await first.SetViewportSizeAsync(2200, 900);
        await second.SetViewportSizeAsync(2200, 900);
        var card = "[data-column='Operación'] [data-card='AU-2026-00001']";
        await DragAsync(first, card, "[data-column='Facturación y Cobranza']");
        await DragAsync(second, card, "[data-column='Jurídico']");
        await Expect(first.Locator("[data-testid=move-dialog]")).ToContainTextAsync("a Facturación y Cobranza");
        await Expect(second.Locator("[data-testid=move-dialog]")).ToContainTextAsync("a Jurídico");

        await first.Locator("[data-testid=move-confirm]").ClickAsync();
        await Expect(first.Locator("[data-testid=board-message]")).ToContainTextAsync("turnada a Facturación y Cobranza");
        await second.Locator("[data-testid=move-confirm]").ClickAsync();

        await Expect(second.Locator("[data-testid=board-message]")).ToContainTextAsync("Alguien más cambió la petición AU-2026-00001");
        await Expect(second.Locator("[data-column='Facturación y Cobranza'] [data-card='AU-2026-00001']")).ToBeVisibleAsync();
        await Expect(second.Locator("[data-column='Jurídico'] [data-card]")).ToHaveCountAsync(0);
        await Expect(first.Locator("[data-column='Operación'] [data-card]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_card_dropped_where_it_cannot_go_is_refused_at_once_and_a_paused_card_says_why()
    {
        await using var server = await AppServer.StartAsync();
        var rosa = await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var olga = await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        var director = await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        var actors = server.Get<Actors>();
        var petitions = server.Get<PetitionService>();
        var (clerk, oficialia, dir) = (await actors.ForUserAsync(rosa.Id), await actors.ForUserAsync(olga.Id), await actors.ForUserAsync(director.Id));
        int operation, type;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            operation = await db.Areas.Where(a => a.Name == "Operación").Select(a => a.Id).SingleAsync();
            type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        }
        var yesterday = server.Get<Ventanilla.Features.Shared.OfficeClock>().Now().DateTime.AddDays(-1);
        var routed = await server.Get<PetitionRegistration>().RegisterWrittenAsync(oficialia, new WrittenPetitionInput(new PetitionInput(type, "Fuga", "Ana Núñez"), "OP-1", yesterday));
        routed = await server.Get<PetitionResponses>().ForwardToAttentionAsync(dir, routed.Id, routed.Version, null);
        await petitions.RouteAsync(clerk, routed.Id, routed.Version, [operation], null);
        var paused = await server.Get<PetitionRegistration>().RegisterWrittenAsync(oficialia, new WrittenPetitionInput(new PetitionInput(type, "Cambio de propietario", "Beto Ruiz", IsThirdParty: true), "OP-2", yesterday));
        paused = await server.Get<PetitionResponses>().ForwardToAttentionAsync(dir, paused.Id, paused.Version, null);
        await petitions.WaitForPetitionerAsync(clerk, paused.Id, paused.Version, PauseReason.OwnershipProof, DateOnly.FromDateTime(yesterday), null);

        var page = await OpenSignedInAsync(server, "rosa", "peticiones/tablero");
        await page.SetViewportSizeAsync(2200, 900);

        // Onto the Oficialía's column: no note is asked, the refusal comes at once, nothing is written.
        await DragAsync(page, "[data-column='Operación'] [data-card='AU-2026-00001']", "[data-column='Oficialía de Partes']");
        await Expect(page.Locator("[data-testid=board-message]")).ToContainTextAsync("Solo se turna a las áreas del organismo");
        await Expect(page.Locator("[data-testid=move-dialog]")).ToHaveCountAsync(0);

        // A paused card says why it does not move as soon as it is picked up.
        var pausedCard = page.Locator("[data-card='AU-2026-00002']");
        await Expect(pausedCard.Locator("[data-testid=move-to]")).ToHaveCountAsync(0);
        await DragAsync(page, "[data-card='AU-2026-00002']", "[data-column='Jurídico']");
        await Expect(page.Locator("[data-testid=board-message]")).ToContainTextAsync("AU-2026-00002 está en pausa esperando al usuario");
        await Expect(page.Locator("[data-testid=move-dialog]")).ToHaveCountAsync(0);
        await using var check = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        Assert.Equal(1, await check.Routings.CountAsync());
    }
}
