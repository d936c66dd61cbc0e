using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>The padrón page as the administrator uses it: a file imported with its counts, a bad one refused line by line, the history.</summary>
public class PadronBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_administrator_imports_the_padron_sees_a_bad_file_refused_and_the_history()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("ana", "Segura123", Roles.Administrador);
        var folder = Directory.CreateTempSubdirectory("padron-").FullName;
        var good = Path.Combine(folder, "padron.csv");
        await File.WriteAllTextAsync(good, "Cuenta,Titular,Domicilio,Colonia,CP,Estatus\n01-1,Ana Uno,Calle 1,Centro,50000,A\n01-2,Beto Dos,Calle 2,Centro,50000,Suspendida\n");
        var bad = Path.Combine(folder, "padron-malo.csv");
        await File.WriteAllTextAsync(bad, "Cuenta,Titular,Estatus\n01-1,Ana Uno,Morosa\n,Sin cuenta,A\n");

        var page = await OpenSignedInAsync(server, "ana", "admin/padron");
        await Expect(page.Locator("[data-testid=padron-freshness]")).ToContainTextAsync("Todavía no se ha importado ningún padrón.");
        await ChooseFileAsync(page.Locator("input[type=file][data-testid=padron-file]"), good);
        await page.Locator("[data-testid=padron-import]").ClickAsync();
        await Expect(page.Locator("[data-testid=padron-report]")).ToContainTextAsync("2 cuentas; 2 nuevas, 0 cambiadas, 0 dadas de baja, 0 sin cambio.");
        await Expect(page.Locator("[data-testid=padron-freshness]")).ToContainTextAsync("Padrón en uso: del");
        await Expect(page.Locator("[data-testid=padron-history] tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=padron-history] tbody tr").First).ToContainTextAsync("Aplicada · en uso");

        await ChooseFileAsync(page.Locator("input[type=file][data-testid=padron-file]"), bad);
        await page.Locator("[data-testid=padron-import]").ClickAsync();
        await Expect(page.Locator("[data-testid=padron-refused]")).ToContainTextAsync("No se importó nada: 2 líneas con error.");
        await Expect(page.Locator("[data-testid=padron-problems] tr[data-line='2']")).ToContainTextAsync("«Morosa» no es activa, suspendida ni cancelada");
        await Expect(page.Locator("[data-testid=padron-problems] tr[data-line='3']")).ToContainTextAsync("Cuenta: está vacía.");
        await Expect(page.Locator("[data-testid=padron-history] tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=padron-history] tbody tr").First).ToContainTextAsync("Rechazada (errores)");
        Assert.Empty(await AccessibilityTests.ViolationsAsync(page, "/admin/padron (rechazado)"));

        await page.Locator("[data-testid=padron-stale-days]").FillAsync("0");
        await page.Locator("[data-testid=padron-stale-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=padron-stale-error]")).ToContainTextAsync("de 1 a 90 días; se recibió 0.");
    }

    [Fact]
    public async Task The_Oficialia_finds_the_account_in_the_padron_a_third_party_is_proposed_and_the_history_keeps_the_decision()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        var bytes = System.Text.Encoding.UTF8.GetBytes("Cuenta,Titular,Domicilio,Colonia,CP,Clave catastral\n01-234-5678,PÉREZ HERNÁNDEZ JOSÉ,Av. Hidalgo 12,Centro,50000,101-02-003\n");
        await server.Get<Ventanilla.Features.Padron.PadronImporter>().ImportAsync(Actor.System, () => new MemoryStream(bytes), "padron.csv");

        var olga = await OpenSignedInAsync(server, "olga", "peticiones/nueva");
        await Expect(olga.Locator("[data-testid=padron-date]")).ToContainTextAsync("Padrón del");
        await olga.Locator("input[data-testid=petitioner]").FillAsync("Ana Ruiz");
        await olga.Locator("input[data-testid=padron-query]").FillAsync("jose perez");
        await olga.Locator("[data-testid=padron-search]").ClickAsync();
        await Expect(olga.Locator("[data-testid=padron-results]")).ToContainTextAsync("Av. Hidalgo 12, Centro, C.P. 50000");
        await olga.Locator("[data-testid=padron-pick]").ClickAsync();
        await Expect(olga.Locator("[data-testid=holder-match]")).ToContainTextAsync("Titular de la cuenta 01-234-5678 en el padrón: PÉREZ HERNÁNDEZ JOSÉ. Tercero (no es el titular): se registra como tercero");
        await Expect(olga.Locator("input[data-testid=third-party]")).ToBeCheckedAsync();
        await Expect(olga.Locator("input[data-testid=address]")).ToHaveValueAsync("Av. Hidalgo 12, Centro, C.P. 50000");
        Assert.Empty(await AccessibilityTests.ViolationsAsync(olga, "/peticiones/nueva (padrón)"));

        await olga.Locator("input[data-testid=oficialia-folio]").FillAsync("OP-2026-0900");
        await ChooseAsync(olga, "Tipo de petición");
        await olga.Locator("textarea[data-testid=subject]").FillAsync("Cobro excesivo");
        await olga.Locator("[data-testid=register]").ClickAsync();
        await WaitForUrlOrFailOnErrorAsync(olga, "**/peticiones/AU-*", "[data-testid=new-error]");
        await WaitForInteractiveAsync(olga);
        await Expect(olga.Locator("[data-testid=petition-data]")).ToContainTextAsync("(tercero, no es el propietario)");
        await Expect(olga.Locator("body")).ToContainTextAsync("Tercero (no es el titular); se registró como tercero.");

        var folio = new Uri(olga.Url).Segments[^1];
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            Assert.True(await db.PersonalDataReads.AnyAsync(r => r.Kind == PersonalDataKind.BusquedaPadron && r.Subject == "Padrón: «jose perez»" && r.UserName == "olga"));
        }

        // A second letter on the same account and type: the open one is seen before registering.
        await olga.GotoAsync("peticiones/nueva");
        await WaitForInteractiveAsync(olga);
        await olga.Locator("input[data-testid=account]").FillAsync("01-234-5678");
        await olga.Locator("input[data-testid=account]").BlurAsync();
        await ChooseAsync(olga, "Tipo de petición");
        await Expect(olga.Locator("[data-testid=account-petitions]")).ToContainTextAsync(folio);
        await Expect(olga.Locator("[data-testid=account-duplicate]")).ToContainTextAsync($"Ya hay una petición abierta del mismo tipo en esta cuenta: {folio}.");
    }

    [Fact]
    public async Task At_the_desk_the_accounts_petitions_and_visits_are_beside_the_visitor_served()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        int type, category, desk;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            type = await db.PetitionTypes.Where(t => t.ArcoRight == null).OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
            category = await db.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
            desk = await db.Desks.Where(d => d.Number == 1).Select(d => d.Id).SingleAsync();
        }
        var petition = await server.Get<PetitionRegistration>().RegisterWrittenAsync(Actor.System, new WrittenPetitionInput(
            new PetitionInput(type, "Fuga en la toma", "José Pérez", AccountNumber: "01-234-5678"), "OP-1", server.Get<OfficeClock>().Now().DateTime));
        var bytes = System.Text.Encoding.UTF8.GetBytes("Cuenta,Titular,Domicilio\n09-876-5432,PÉREZ HERNÁNDEZ JOSÉ,Calle 9\n");
        await server.Get<Ventanilla.Features.Padron.PadronImporter>().ImportAsync(Actor.System, () => new MemoryStream(bytes), "padron.csv");
        var queue = server.Get<QueueService>();
        await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category, Name: "José Pérez", AccountNumber: "01-234-5678"));
        await queue.CallNextAsync(Actor.System, desk);

        var rosa = await OpenSignedInAsync(server, "rosa", "turnos", $"localStorage.setItem('ventanilla.modulo', '{desk}')");
        await rosa.Locator("[data-testid=serve]").ClickAsync();
        await Expect(rosa.Locator("[data-testid=account-history]")).ToContainTextAsync("En la cuenta 01-234-5678");
        await Expect(rosa.Locator("[data-testid=account-petitions]")).ToContainTextAsync(petition.Folio);
        await Expect(rosa.Locator($"[data-testid=account-petitions] tr[data-folio='{petition.Folio}'] [data-light]")).ToHaveCountAsync(1);
        var found = (await AccessibilityTests.ViolationsAsync(rosa, "/turnos (cuenta)")).ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));

        // The padrón at the desk: an account chosen there fills a new customer's record from it.
        await rosa.Locator("input[data-testid=padron-query]").FillAsync("09-876-5432");
        await rosa.Locator("[data-testid=padron-search]").ClickAsync();
        await rosa.Locator("[data-testid=padron-pick]").ClickAsync();
        await Expect(rosa.Locator("input[data-testid=new-account]")).ToHaveValueAsync("09-876-5432");
        await Expect(rosa.Locator("input[data-testid=new-name]")).ToHaveValueAsync("José Pérez");
    }

    [Fact]
    public async Task A_citizen_checks_the_account_on_the_online_form_and_learns_nothing_of_its_holder()
    {
        using var smtp = TestSmtp.Start();
        await using var server = await AppServer.StartAsync(c => c["Tramite:AccountChecksPerHour"] = "3");
        await smtp.ServeAppAsync(server.Services);
        int typeId;
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var type = await db.PetitionTypes.SingleAsync(t => t.Name == "Aclaración de facturación");
            await server.Get<CatalogService>().SaveOnlineTypeAsync(Actor.System, type.Id, type.Version, true, null);
            typeId = type.Id;
        }
        var bytes = System.Text.Encoding.UTF8.GetBytes("Cuenta,Titular,Domicilio,Colonia,CP,Clave catastral\n01-234-5678,PÉREZ HERNÁNDEZ JOSÉ,Av. Hidalgo 12,Centro,50000,101-02-003\n");
        await server.Get<Ventanilla.Features.Padron.PadronImporter>().ImportAsync(Actor.System, () => new MemoryStream(bytes), "padron.csv");

        var phone = await NewPhoneAsync(server);
        await phone.GotoAsync($"tramite?tipo={typeId}");
        await phone.Locator("[data-testid=intake-name]").FillAsync("María López");
        await phone.Locator("[data-testid=intake-account]").FillAsync("01-234-5678");
        await phone.Locator("[data-testid=intake-check-account]").ClickAsync();
        await Expect(phone.Locator("[data-testid=intake-account-check]")).ToHaveTextAsync("La cuenta 01-234-5678 está en el padrón de usuarios.");
        // What was typed comes back; nothing of the account's holder or place does.
        await Expect(phone.Locator("[data-testid=intake-name]")).ToHaveValueAsync("María López");
        var html = await phone.ContentAsync();
        foreach (var secret in new[] { "PÉREZ", "Hidalgo", "50000", "101-02-003" }) Assert.DoesNotContain(secret, html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await AccessibilityTests.ViolationsAsync(phone, "/tramite con la cuenta comprobada"));

        await phone.Locator("[data-testid=intake-account]").FillAsync("01-234-0000");
        await phone.Locator("[data-testid=intake-check-account]").ClickAsync();
        await Expect(phone.Locator("[data-testid=intake-account-check]")).ToContainTextAsync("la cuenta 01-234-0000 no está en el padrón de usuarios");
        await phone.Locator("[data-testid=intake-check-account]").ClickAsync();
        await Expect(phone.Locator("[data-testid=intake-account-check]")).ToContainTextAsync("no está en el padrón");
        // The fourth check of the hour (the office set three): refused, and the form says it can still be sent.
        await phone.Locator("[data-testid=intake-account]").FillAsync("01-234-5678");
        await phone.Locator("[data-testid=intake-check-account]").ClickAsync();
        await Expect(phone.Locator("[data-testid=intake-account-check]")).ToHaveTextAsync(Ventanilla.Features.Intake.OnlineIntake.ChecksSpentMessage);
    }
}
