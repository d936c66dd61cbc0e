using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// What confused a new office, done as its people would: the folio prefix set to the legacy «GAU» in Ajustes, a third
/// party's petition registered with the written requirement handed over in the same step (paused at once), and the
/// Oficialía finding the delivered folios it has to close.
/// </summary>
public class NewOfficeTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_legacy_prefix_a_third_party_paused_at_registration_and_the_Oficialias_folios_to_close()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("admin", "Segura123", Roles.Administrador);
        var diana = await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        var olga = await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        var rosa = await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);

        // Ajustes: the prefix of the legacy spreadsheet; a bad one is refused with its reason.
        var admin = await OpenSignedInAsync(server, "admin", "admin/ajustes");
        var prefix = admin.Locator("input[data-testid=folio-prefix]");
        await prefix.FillAsync("G-AU");
        await admin.Locator("[data-testid=save-folio]").ClickAsync();
        await Expect(admin.Locator("[data-testid=folio-error]")).ToContainTextAsync("Prefijo de folio: use de 1 a 10 letras");
        await prefix.FillAsync("gau");
        await admin.Locator("[data-testid=save-folio]").ClickAsync();
        await Expect(admin.GetByText("Los folios nuevos llevarán el prefijo GAU.")).ToBeVisibleAsync();

        // The Director registers a third party's written petition and hands over the requirement in the same step.
        var page = await OpenSignedInAsync(server, "diana", "peticiones/nueva");
        await page.Locator("input[data-testid=oficialia-folio]").FillAsync("OP-2026-0400");
        await page.Locator("input[data-testid=received-at]").FillAsync(DateTime.UtcNow.AddHours(-6).AddMinutes(-30).ToString("yyyy-MM-ddTHH:mm"));
        await page.Locator("input[data-testid=petitioner]").FillAsync("Carlos Ruiz (hijo del propietario)".Replace("(", "").Replace(")", ""));
        await ChooseAsync(page, "Tipo de petición");
        await page.Locator("textarea[data-testid=subject]").FillAsync("Cambio de propietario de la toma");
        await page.Locator("input[data-testid=third-party]").CheckAsync(new() { Force = true });
        await Expect(page.Locator("[data-testid=requirement]")).ToContainTextAsync("requerimiento por escrito para acreditar la propiedad");
        await page.Locator("[data-testid=register]").ClickAsync();

        var year = DateTime.UtcNow.AddHours(-6).Year;
        await WaitForUrlOrFailOnErrorAsync(page, $"**/peticiones/GAU-{year}-00001", "[data-testid=new-error]");
        await Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Esperando al usuario");
        await Expect(page.Locator("[data-testid=proof-due]")).ToBeVisibleAsync();

        // A petition delivered to its petitioner waits for the Oficialía: it finds it on its list's first panel.
        var actors = server.Get<Actors>();
        var (dir, ofi, clerk) = (await actors.ForUserAsync(diana.Id), await actors.ForUserAsync(olga.Id), await actors.ForUserAsync(rosa.Id));
        int type;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        }
        var now = server.Get<Ventanilla.Features.Shared.OfficeClock>().Now().DateTime;
        var responses = server.Get<PetitionResponses>();
        var p = await server.Get<PetitionRegistration>().RegisterWrittenAsync(ofi, new WrittenPetitionInput(new PetitionInput(type, "Fuga", "Ana Núñez"), "OP-2026-0401", now.AddHours(-2)));
        p = await responses.ForwardToAttentionAsync(dir, p.Id, p.Version, null);
        p = await responses.SaveDraftAsync(clerk, p.Id, p.Version, "Se reparó la fuga.");
        p = await responses.SubmitForReviewAsync(clerk, p.Id, p.Version);
        p = await responses.ApproveAsync(dir, p.Id, p.Version, null);
        p = await responses.DeliverAsync(clerk, p.Id, p.Version, "Ana Núñez", now.AddMinutes(-5), null);

        var oficialia = await OpenSignedInAsync(server, "olga", "peticiones");
        await Expect(oficialia.Locator("[data-testid=to-close]")).ToContainTextAsync("Por cerrar en la Oficialía (entregadas): 1 petición");
        await oficialia.Locator($"[data-to-close='{p.Folio}'] a").ClickAsync();
        await WaitForAddressAsync(oficialia, $"**/peticiones/{p.Folio}");
        await Expect(oficialia.Locator("[data-testid=status]")).ToHaveTextAsync("Entregada");
    }
}
