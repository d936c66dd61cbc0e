using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// WCAG 2.1 AA, checked by axe-core in the browser on every page of the app, each as the role that uses it (its menu's
/// pages, the petition as the desk and as an area, registration as the desk and as the Oficialía, the citizen's pages
/// with nobody signed in): no serious or critical violation. The page list is checked against the app's route table, so
/// a new page cannot be left out.
/// </summary>
public class AccessibilityTests(BrowserFixture browser, AccessibilityTests.Server fixture) : BrowserTest(browser), IClassFixture<AccessibilityTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public AppServer App { get; private set; } = null!;
        public string TurnCode { get; private set; } = "";
        public string ArcoFolio { get; private set; } = "";

        public static readonly string Folio = CitizenPetitions.FolioOf(PetitionStatus.Turnada);

        public async Task InitializeAsync()
        {
            App = await AppServer.StartAsync();
            foreach (var (user, role) in Users) await App.AddUserAsync(user, "Segura123", role);
            var db = App.Get<IDbContextFactory<AppDbContext>>();
            await using (var context = db.CreateDbContext()) await CitizenPetitions.SeedAsync(context);
            await using var read = db.CreateDbContext();
            var category = await read.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
            var turn = await App.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category, Name: "Ana López"));
            TurnCode = turn.PublicCode!;
            var arcoType = await read.PetitionTypes.Where(t => t.ArcoRight == ArcoRight.Rectificacion).Select(t => t.Id).SingleAsync();
            ArcoFolio = (await App.Get<PetitionRegistration>().RegisterWrittenAsync(Actor.System, new WrittenPetitionInput(
                new PetitionInput(arcoType, "Rectificar mi teléfono", CitizenPetitions.Name), "OP-ARCO", App.Get<OfficeClock>().Now().DateTime))).Folio;
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>One account per role; the Área one belongs to Operación, which holds the seeded petition.</summary>
    private static readonly (string User, string Role)[] Users =
    [
        ("ana", Roles.Administrador), ("kiosco", Roles.Recepcion), ("rosa", Roles.AtencionUsuarios), ("oscar", Roles.Area),
        ("diana", Roles.DireccionComercial), ("olga", Roles.OficialiaPartes), ("tv", Roles.Pantalla),
    ];

    /// <summary>The pages each role is checked on: route pattern → the address opened (null user: nobody signed in).</summary>
    private static readonly Dictionary<string, (string Pattern, string Path)[]> PagesByUser = new()
    {
        [""] =
        [
            ("/Account/Login", "Account/Login"), ("/consulta", "consulta"), ("/tramite", "tramite"), ("/cita", "cita"), ("/verificar", "verificar"),
            ("/aviso-de-privacidad", "aviso-de-privacidad"), ("/turno/{Code}", "turno/{turn}"),
        ],
        ["ana"] =
        [
            ("/", ""), ("/admin/usuarios", "admin/usuarios"), ("/admin/catalogos", "admin/catalogos"), ("/admin/calendario", "admin/calendario"),
            ("/admin/ajustes", "admin/ajustes"), ("/admin/citas", "admin/citas"), ("/admin/correo", "admin/correo"),
            ("/admin/aviso-de-privacidad", "admin/aviso-de-privacidad"), ("/archivo", "archivo"), ("/admin/conservacion", "admin/conservacion"), ("/admin/accesos", "admin/accesos"), ("/importar", "importar"),
            ("/admin/padron", "admin/padron"),
            ("/admin/api", "admin/api"),
            ("/indicadores", "indicadores"), ("/ayuda", "ayuda"), ("/ayuda/{Slug}", "ayuda/peticiones"),
            ("/Account/Manage/ChangePassword", "Account/Manage/ChangePassword"),
        ],
        ["kiosco"] = [("/kiosco", "kiosco"), ("/", "")],
        ["rosa"] =
        [
            ("/", ""), ("/turnos", "turnos"), ("/visitas", "visitas"), ("/peticiones", "peticiones"), ("/peticiones/{Folio}", $"peticiones/{Server.Folio}"),
            ("/peticiones/nueva", "peticiones/nueva"), ("/peticiones/tablero", "peticiones/tablero"), ("/avisos", "avisos"),
            ("/seguimiento", "seguimiento"), ("/citas", "citas"), ("/arco/{Folio}", "arco/{arco}"),
        ],
        ["oscar"] = [("/", ""), ("/peticiones", "peticiones"), ("/peticiones/{Folio}", $"peticiones/{Server.Folio}")],
        ["diana"] = [("/", ""), ("/firma", "firma"), ("/peticiones/{Folio}", $"peticiones/{Server.Folio}")],
        ["olga"] = [("/", ""), ("/peticiones/nueva", "peticiones/nueva")],
        ["tv"] = [("/pantalla/turnos", "pantalla/turnos"), ("/pantalla/seguimiento", "pantalla/seguimiento")],
    };

    /// <summary>Pages no person works on: nothing to check.</summary>
    private static readonly Dictionary<string, string> NotChecked = new()
    {
        ["/Error"] = "la página de error del servidor", ["/not-found"] = "página inexistente",
        ["/Account/Setup"] = "solo existe hasta crear el primer administrador (FirstRunTests la recorre)",
        ["/Account/AccessDenied"] = "aviso de una línea",
    };

    public static TheoryData<string> Accounts => new(PagesByUser.Keys);

    [Fact]
    public void Every_page_of_the_app_is_checked()
    {
        var pages = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/')).Distinct().ToList();
        var checkedPages = PagesByUser.Values.SelectMany(p => p).Select(p => p.Pattern).ToHashSet();
        var missing = pages.Where(p => !checkedPages.Contains(p) && !NotChecked.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, $"Páginas sin revisión de accesibilidad: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task Every_page_meets_WCAG_21_AA_for_the_role_that_uses_it(string user)
    {
        var page = user.Length == 0 ? await NewPageAsync(fixture.App) : await OpenSignedInAsync(fixture.App, user, PagesByUser[user][0].Path);
        var found = new List<string>();
        foreach (var (_, path) in PagesByUser[user])
        {
            var address = path.Replace("{turn}", fixture.TurnCode).Replace("{arco}", fixture.ArcoFolio);
            await page.GotoAsync(address);
            if (user.Length > 0 && path != "Account/Manage/ChangePassword") await WaitForInteractiveAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            found.AddRange(await ViolationsAsync(page, $"/{address}"));
        }
        Assert.True(found.Count == 0, $"Violaciones graves de WCAG 2.1 AA ({(user.Length == 0 ? "sin sesión" : user)}):\n{string.Join("\n", found)}");
    }

    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>The serious and critical violations on the page as it is now, one line per element.</summary>
    internal static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe(Wcag21AA);
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .SelectMany(v => v.Nodes.Select(n => $"{where} · {v.Id} ({v.Impact}): {v.Help} · {n.Target} · {Shorten(n.Html)}"));
    }

    private static string Shorten(string html) => html.Length <= 200 ? html : html[..200] + "…";
}

/// <summary>
/// The kiosk and the citizen's pages with the keyboard alone (no mouse, no touch) and at 200 % zoom (half the CSS width
/// of the screen): a turn is taken and a folio looked up, and nothing needs scrolling sideways.
/// </summary>
public class KeyboardAndZoomTests(BrowserFixture browser, AccessibilityTests.Server fixture) : BrowserTest(browser), IClassFixture<AccessibilityTests.Server>
{
    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has the focus (fails after 40 presses).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
        }
        Assert.Fail($"Con el teclado no se llega a {selector}.");
    }

    [Fact]
    public async Task A_visitor_takes_a_turn_at_the_kiosk_with_the_keyboard_alone()
    {
        var kiosk = await OpenSignedInAsync(fixture.App, "kiosco", "kiosco");
        await TabToAsync(kiosk, "[data-category=B]");
        await kiosk.Keyboard.PressAsync("Enter");
        await TabToAsync(kiosk, "[data-testid=kiosk-name]");
        await kiosk.Keyboard.TypeAsync("Luis Teclado");
        await TabToAsync(kiosk, "[data-testid=kiosk-issue]");
        await kiosk.Keyboard.PressAsync("Enter");
        await Expect(kiosk.Locator("[data-testid=turn-code]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^B-\\d{3}$"));
    }

    [Fact]
    public async Task A_citizen_looks_up_a_folio_with_the_keyboard_alone()
    {
        var phone = await NewPageAsync(fixture.App);
        await phone.GotoAsync("consulta");
        await TabToAsync(phone, "[data-testid=status-folio]");
        await phone.Keyboard.TypeAsync(AccessibilityTests.Server.Folio);
        await TabToAsync(phone, "[data-testid=status-code]");
        await phone.Keyboard.TypeAsync(CitizenPetitions.CodeOf(PetitionStatus.Turnada));
        await phone.Keyboard.PressAsync("Enter");
        await Expect(phone.Locator("[data-testid=status-result]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task At_200_percent_zoom_the_kiosk_and_the_citizens_pages_fit_the_width()
    {
        // A 1280 × 800 screen at 200 %: 640 × 400 CSS pixels.
        var kiosk = await OpenSignedInAsync(fixture.App, "kiosco", "kiosco");
        await kiosk.SetViewportSizeAsync(640, 400);
        Assert.False(await OverflowsSidewaysAsync(kiosk), "el quiosco se sale de la pantalla al 200 %");
        await kiosk.Locator("[data-category=A]").ClickAsync();
        await Expect(kiosk.Locator("[data-testid=kiosk-issue]")).ToBeVisibleAsync();
        Assert.False(await OverflowsSidewaysAsync(kiosk), "los datos del quiosco se salen de la pantalla al 200 %");

        var citizen = await NewPageAsync(fixture.App);
        await citizen.SetViewportSizeAsync(640, 400);
        foreach (var path in new[] { "consulta", "tramite", "cita", "verificar", "aviso-de-privacidad", $"turno/{fixture.TurnCode}" })
        {
            await citizen.GotoAsync(path);
            Assert.False(await OverflowsSidewaysAsync(citizen), $"/{path} se sale de la pantalla al 200 %");
        }
    }
}
