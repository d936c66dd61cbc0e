using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// Every long field takes its whole stated limit through the live connection (accents and line breaks included), and
/// one character more gets a message naming the field with the text still on screen — nothing is lost either way.
/// </summary>
public class LongTextTests(BrowserFixture browser) : BrowserTest(browser)
{
    /// <summary>Spanish text with accents, quotes and line breaks (the worst case for the connection's size), cut to length.</summary>
    private static string Text(int length)
        => string.Concat(Enumerable.Repeat("“Señor Núñez”: «sí» — año… \"ok\"\n", length / 30 + 1))[..length];

    private static async Task<AppServer> OfficeAsync()
    {
        var server = await AppServer.StartAsync();
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        return server;
    }

    [Fact]
    public async Task A_20000_character_response_is_saved_whole_and_one_more_gets_a_message_with_the_text_kept()
    {
        await using var server = await OfficeAsync();
        var actors = server.Get<Actors>();
        string rosaId;
        int type;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            rosaId = await db.Users.Where(u => u.UserName == "rosa").Select(u => u.Id).SingleAsync();
            type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        }
        var ofi = await actors.ForUserAsync(await IdAsync(server, "olga"));
        var p = await server.Get<PetitionRegistration>().RegisterWrittenAsync(ofi,
            new WrittenPetitionInput(new PetitionInput(type, "Cobro excesivo", "José Pérez"), "OP-1", new DateTime(2026, 11, 26, 10, 0, 0)));
        var director = await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        await server.Get<PetitionResponses>().ForwardToAttentionAsync(await actors.ForUserAsync(director.Id), p.Id, p.Version, null);
        var page = await OpenSignedInAsync(server, "rosa", $"peticiones/{p.Folio}");
        var field = page.Locator("textarea[data-testid=response-text]");

        // One character over the limit: refused with the field's name; the whole text stays, the page stays live.
        await field.FillAsync(Text(PetitionResponses.MaxResponseLength + 1));
        await page.Locator("[data-testid=save-draft]").ClickAsync();
        await Expect(page.Locator("[data-testid=action-error]")).ToContainTextAsync("Texto de la respuesta: admite a lo más 20,000 caracteres (tiene 20,001)");
        Assert.Equal(PetitionResponses.MaxResponseLength + 1, await field.EvaluateAsync<int>("e => e.value.length"));

        // At the limit exactly: saved whole, and there after a reload.
        var text = Text(PetitionResponses.MaxResponseLength);
        await field.FillAsync(text);
        await page.Locator("[data-testid=save-draft]").ClickAsync();
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("En respuesta");
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            Assert.Equal(text.Trim(), (await db.PetitionResponses.SingleAsync()).Text);
        }
        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        Assert.Equal(text.Trim().Length, await page.Locator("textarea[data-testid=response-text]").EvaluateAsync<int>("e => e.value.length"));
    }

    [Fact]
    public async Task A_new_petition_takes_every_long_field_at_its_limit()
    {
        await using var server = await OfficeAsync();
        var page = await OpenSignedInAsync(server, "olga", "peticiones/nueva");
        var (subject, notes, documents, address) = (Text(PetitionLimits.Subject), Text(PetitionLimits.Notes), Text(PetitionLimits.DocumentsReceived),
            Text(PetitionLimits.Address).Replace('\n', ' '));
        await page.Locator("input[data-testid=oficialia-folio]").FillAsync("OP-2026-0311");
        await page.Locator("input[data-testid=received-at]").FillAsync("2026-11-26T10:00");
        await page.Locator("input[data-testid=petitioner]").FillAsync("María López");
        await ChooseAsync(page, "Tipo de petición");
        await page.Locator("textarea[data-testid=subject]").FillAsync(subject);
        await page.Locator("textarea[data-testid=notes]").FillAsync(notes);
        await page.Locator("input[data-testid=documents]").FillAsync(documents.Replace('\n', ' '));
        await page.Locator("input[data-testid=address]").FillAsync(address);
        await page.Locator("[data-testid=register]").ClickAsync();

        await WaitForUrlOrFailOnErrorAsync(page, "**/peticiones/AU-2026-00001", "[data-testid=new-error]");
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var stored = await db.Petitions.SingleAsync();
        Assert.Equal((subject.Trim(), notes.Trim(), documents.Replace('\n', ' ').Trim(), address.Trim()), (stored.Subject, stored.Notes, stored.DocumentsReceived, stored.Address));
    }

    private static async Task<string> IdAsync(AppServer server, string userName)
    {
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}
