using Microsoft.AspNetCore.Routing;
using Microsoft.Playwright;
using Ventanilla.Features.Citizen;
using Ventanilla.Features.Expediente;
using Ventanilla.Features.Privacy;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// The access log in the real app: every route the app serves is listed from its route table and must be classified
/// here, so a new page that shows people's data cannot be added without a test that opens it and finds its line in the
/// log; public pages and the citizen's own lookups write none; the Administrador reads, filters and exports the log.
/// </summary>
public class AccessLogBrowserTests(BrowserFixture browser, AccessLogBrowserTests.Server fixture) : BrowserTest(browser), IClassFixture<AccessLogBrowserTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public AppServer App { get; private set; } = null!;
        public int PetitionId { get; private set; }
        public int AttachmentId { get; private set; }
        public int DraftVisitId { get; private set; }
        public int DeskId { get; private set; }
        public string ArcoFolio { get; private set; } = "";
        public int ArcoPetitionId { get; private set; }

        public static readonly string Folio = CitizenPetitions.FolioOf(PetitionStatus.Turnada);

        public async Task InitializeAsync()
        {
            App = await AppServer.StartAsync();
            await App.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
            await App.AddUserAsync("ana", "Segura123", Roles.Administrador);
            var db = App.Get<IDbContextFactory<AppDbContext>>();
            await using (var context = db.CreateDbContext()) await CitizenPetitions.SeedAsync(context);
            await using var read = db.CreateDbContext();
            PetitionId = await read.Petitions.Where(p => p.Folio == Folio).Select(p => p.Id).SingleAsync();
            var category = await read.ServiceCategories.OrderBy(c => c.SortOrder).FirstAsync();
            DeskId = await read.Desks.Where(d => d.Number == 1).Select(d => d.Id).SingleAsync();
            var actors = App.Get<Actors>();
            var rosa = await actors.ForUserAsync(await read.Users.Where(u => u.UserName == "rosa").Select(u => u.Id).SingleAsync());

            AttachmentId = (await App.Get<AttachmentService>().AddToPetitionAsync(rosa, PetitionId, AttachmentKind.Identificacion, "ine.pdf",
                new MemoryStream(TestDocuments.Pdf(1)))).Id;

            // Today's register: a visit turned into a petition draft, and a visitor being served at desk 1 right now.
            var queue = App.Get<QueueService>();
            await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category.Id, Name: CitizenPetitions.Name, AccountNumber: CitizenPetitions.Account));
            var first = await queue.CallNextAsync(rosa, DeskId);
            var customer = await App.Get<CustomerService>().CreateAsync(new CustomerInput(CitizenPetitions.Name, CitizenPetitions.Account, null, null));
            var type = await read.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
            DraftVisitId = (await queue.FinishAsync(rosa, DeskId, first.TicketId, new ServiceOutcome(VisitOutcome.PetitionCreated, customer.Id, null, type, "Cobro"))).VisitId;
            await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category.Id, Name: "Pedro Privado"));
            await queue.CallNextAsync(rosa, DeskId);

            // An appointment today.
            var today = App.Get<OfficeClock>().Today();
            await using var write = db.CreateDbContext();
            write.Appointments.Add(new Appointment
            {
                ServiceCategoryId = category.Id, Day = today, StartMinute = 23 * 60, SlotMinutes = 15, StartUtc = App.Get<OfficeClock>().ToUtc(today.ToDateTime(new TimeOnly(23, 0))),
                Code = "CITA01", CodeHash = "x", Name = "Lucía Reservada", Phone = "5511112222", Status = AppointmentStatus.Booked,
                CreatedAtUtc = DateTime.UtcNow, RequestId = Guid.NewGuid(), PrivacyNoticeVersion = "1",
            });
            await write.SaveChangesAsync();

            // An ARCO request from the same citizen.
            var arcoType = await read.PetitionTypes.Where(t => t.ArcoRight == ArcoRight.Acceso).Select(t => t.Id).SingleAsync();
            var arco = await App.Get<PetitionRegistration>().RegisterWrittenAsync(Actor.System, new WrittenPetitionInput(
                new PetitionInput(arcoType, "Acceso a mis datos", CitizenPetitions.Name), "OP-ARCO-1", App.Get<OfficeClock>().Now().DateTime));
            (ArcoFolio, ArcoPetitionId) = (arco.Folio, arco.Id);

            // The padrón, with the citizen's account; and a token of the API acting for Rosa.
            var padron = System.Text.Encoding.UTF8.GetBytes($"Cuenta,Titular,Domicilio\n{CitizenPetitions.Account},{CitizenPetitions.Name},Calle 1\n");
            await App.Get<Ventanilla.Features.Padron.PadronImporter>().ImportAsync(Actor.System, () => new MemoryStream(padron), "padron.csv");
            ApiToken = (await App.Get<Ventanilla.Features.Api.ApiTokens>().CreateAsync(Actor.System, "RAS", "rosa",
                [.. Ventanilla.Features.Api.ApiScopes.All.Select(s => s.Key)], null)).Secret;
        }

        public string ApiToken { get; private set; } = "";

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private AppServer App => fixture.App;

    /// <summary>Routes that show a citizen's personal data to staff: each has a case in <see cref="OpenAsync"/>.</summary>
    private static readonly string[] Personal =
    [
        "/peticiones/{Folio}", "/peticiones", "/peticiones/nueva", "/visitas", "/turnos", "/citas",
        "/expediente/{id:int}", "/expediente/{id:int}/descargar", "/expediente/peticion/{petitionId:int}/expediente.zip",
        "/visitas/exportar.csv", "/peticiones/exportar.csv", "/arco/{Folio}", "/arco/{folio}/datos.zip",
    ];

    /// <summary>The API's operations that give a citizen's personal data to another system: each has a case in <see cref="CallAsync"/>.</summary>
    private static readonly string[] ApiPersonal = ["/api/v1/peticiones", "/api/v1/peticiones/{folio}", "/api/v1/citas", "/api/v1/padron"];

    /// <summary>Every other route, and why it is not a read of personal data by staff.</summary>
    private static readonly Dictionary<string, string> NoPersonalData = new()
    {
        ["/"] = "inicio: cifras del día", ["/{**path:file}"] = "archivos estáticos de la aplicación",
        ["/Account/Login"] = "inicio de sesión", ["/Account/Logout"] = "cierre de sesión", ["/Account/Setup"] = "primera cuenta",
        ["/Account/AccessDenied"] = "aviso", ["/Account/Manage/ChangePassword"] = "la contraseña propia",
        ["/Error"] = "página de error", ["/not-found"] = "página inexistente",
        ["/admin/ajustes"] = "ajustes", ["/admin/calendario"] = "días inhábiles", ["/admin/calendario/dias-inhabiles.csv"] = "días inhábiles",
        ["/admin/catalogos"] = "catálogos", ["/admin/citas"] = "horarios de citas", ["/admin/correo"] = "servidor de correo",
        ["/archivo"] = "series, folios y fechas de archivo", ["/archivo/inventario.csv"] = "series, folios y fechas",
        ["/archivo/transferencia.csv"] = "folios, tipos y fechas",
        ["/admin/conservacion"] = "plazos y cuentas de la depuración",
        ["/admin/padron"] = "archivos importados y cuántas cuentas: ningún titular",
        ["/admin/api"] = "tokens, sus cuentas y alcances: ningún dato de ciudadanos",
        ["/admin/api/referencia/{documentName?}"] = "el contrato de la API", ["/admin/api/referencia/favicon.svg"] = "archivo de la referencia",
        ["/admin/api/referencia/scalar.aspnetcore.js"] = "archivo de la referencia", ["/admin/api/referencia/scalar.js"] = "archivo de la referencia",
        ["/openapi/{documentName}.json"] = "el contrato de la API", ["/api/v1/catalogos"] = "tipos, áreas y oficinas",
        ["/api/v1/indicadores/{mes}"] = "cifras", ["/api/v1/turnos"] = "códigos de turno y módulos",
        ["/api/v1/peticiones/{folio}/documentos"] = "subir un documento (escritura)",
        ["/api/v1/peticiones/{folio}/turnos/{turno:int}/seguimientos"] = "anotar un seguimiento (escritura)",
        ["/admin/usuarios"] = "cuentas del personal, no de ciudadanos", ["/admin/aviso-de-privacidad"] = "textos del aviso",
        ["/aviso-de-privacidad"] = "página pública: el aviso de privacidad", ["/admin/accesos"] = "la propia bitácora", ["/admin/accesos/exportar.csv"] = "la propia bitácora",
        ["/avisos"] = "folio y etapa del plazo", ["/ayuda"] = "manual", ["/ayuda/{Slug}"] = "manual",
        ["/cita"] = "página pública: el ciudadano reserva", ["/cita/calendario"] = "página pública: la cita propia",
        ["/consulta"] = "página pública: la consulta propia", ["/consulta/respuesta"] = "página pública: la respuesta propia",
        ["/tramite"] = "página pública: el trámite propio", ["/turno/{Code}"] = "página pública: el turno propio", ["/turno/{code}/eventos"] = "página pública: el turno propio",
        ["/verificar"] = "página pública: verificación de un documento", ["/health"] = "estado del servidor",
        ["/firma"] = "el certificado propio", ["/importar"] = "el archivo que trae el administrador", ["/indicadores"] = "cifras",
        ["/indicadores/{month}/{table}.csv"] = "cifras", ["/kiosco"] = "el visitante escribe sus propios datos",
        ["/pantalla/turnos"] = "códigos de turno", ["/pantalla/seguimiento"] = "folios y semáforos",
        ["/peticiones/tablero"] = "folios, tipos y áreas", ["/seguimiento"] = "folios, tipos y áreas",
        ["/expediente/peticion/{petitionId:int}"] = "subir un documento (escritura)", ["/expediente/visita/{visitId:int}"] = "subir un documento (escritura)",
    };

    /// <summary>The app's own routes from its route table (the framework's and the static files' left out).</summary>
    private IReadOnlyList<string> AppRoutes()
        => [.. App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(r => !r.StartsWith("/_", StringComparison.Ordinal))
            .Distinct().Order()];

    [Fact]
    public void Every_route_of_the_app_is_classified_as_showing_personal_data_or_not()
    {
        var routes = AppRoutes();
        var personal = Personal.Concat(ApiPersonal).ToHashSet();
        var unclassified = routes.Where(r => !personal.Contains(r) && !NoPersonalData.ContainsKey(r)).ToList();
        Assert.True(unclassified.Count == 0, $"Rutas sin clasificar (¿muestran datos personales? agréguelas a una lista con su prueba): {string.Join(", ", unclassified)}");
        var gone = personal.Concat(NoPersonalData.Keys).Where(r => !routes.Contains(r)).ToList();
        Assert.True(gone.Count == 0, $"Rutas clasificadas que ya no existen: {string.Join(", ", gone)}");
    }

    private async Task<long> LastIdAsync()
    {
        await using var db = App.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.PersonalDataReads.MaxAsync(r => (long?)r.Id) ?? 0;
    }

    private async Task<List<PersonalDataRead>> ReadsAfterAsync(long id)
    {
        await using var db = App.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.PersonalDataReads.AsNoTracking().Where(r => r.Id > id).OrderBy(r => r.Id).ToListAsync();
    }

    [Fact]
    public async Task Opening_each_page_or_file_with_personal_data_writes_who_what_and_from_where()
    {
        // One person signed in once goes through every route (a browser per route took a sign-in each).
        var page = await OpenSignedInAsync(App, "rosa", "avisos", $"localStorage.setItem('ventanilla.modulo', '{fixture.DeskId}')");
        foreach (var route in Personal)
        {
            var before = await LastIdAsync();
            var (kind, folio) = await OpenAsync(page, route);
            PersonalDataRead? line = null;
            await Signals.WaitUntilAsync(() =>
            {
                line = ReadsAfterAsync(before).GetAwaiter().GetResult().FirstOrDefault(r => r.Kind == kind);
                return line is not null;
            }, $"una línea {kind} en la bitácora al abrir {route}");
            Assert.Equal(("rosa", folio, "127.0.0.1"), (line!.UserName, line.Folio, line.Address));
            Assert.False(string.IsNullOrEmpty(line.Source), route);
        }
    }

    [Fact]
    public async Task Each_api_call_with_personal_data_writes_the_token_what_and_from_where()
    {
        using var client = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.ApiToken);
        foreach (var route in ApiPersonal)
        {
            var before = await LastIdAsync();
            var (kind, folio) = await CallAsync(client, route);
            await App.Get<AccessLog>().FlushAsync();
            var line = (await ReadsAfterAsync(before)).FirstOrDefault(r => r.Kind == kind);
            Assert.True(line is not null, $"una línea {kind} en la bitácora al llamar {route}");
            Assert.Equal(("rosa (API «RAS»)", folio, "127.0.0.1"), (line.UserName, line.Folio, line.Address));
            Assert.StartsWith("/api/v1/", line.Source);
        }
    }

    /// <summary>Calls the API's <paramref name="route"/> with Rosa's token; the kind of line and the folio it must write.</summary>
    private static async Task<(PersonalDataKind Kind, string? Folio)> CallAsync(HttpClient client, string route)
    {
        var (address, kind, folio) = route switch
        {
            "/api/v1/peticiones" => ("api/v1/peticiones?tamano=49", PersonalDataKind.ListaPeticiones, (string?)null),
            "/api/v1/peticiones/{folio}" => ($"api/v1/peticiones/{Server.Folio}", PersonalDataKind.Peticion, Server.Folio),
            "/api/v1/citas" => ("api/v1/citas", PersonalDataKind.Citas, null),
            "/api/v1/padron" => ($"api/v1/padron?q={Uri.EscapeDataString(CitizenPetitions.Account)}", PersonalDataKind.BusquedaPadron, null),
            _ => throw new InvalidOperationException($"Falta el caso de {route}."),
        };
        var text = await client.GetStringAsync(address);
        Assert.Contains(route == "/api/v1/citas" ? "Lucía Reservada" : CitizenPetitions.Name, text);
        return (kind, folio);
    }

    /// <summary>Opens <paramref name="route"/> as Rosa (Atención a Usuarios) would; the kind of line and the folio it must write.</summary>
    private async Task<(PersonalDataKind Kind, string? Folio)> OpenAsync(IPage page, string route)
    {
        var f = fixture;
        async Task GoAsync(string path)
        {
            await page.GotoAsync(path);
            await WaitForInteractiveAsync(page);
        }
        switch (route)
        {
            case "/peticiones/{Folio}":
                // Its own address: another test's read of the same page a moment ago is the same read (AccessLog.SameReadWindow).
                await GoAsync($"peticiones/{Server.Folio}?desde=bitacora");
                await Expect(page.Locator("[data-testid=petition-data]")).ToContainTextAsync(CitizenPetitions.Name);
                return (PersonalDataKind.Peticion, Server.Folio);
            case "/peticiones":
                await GoAsync("peticiones");
                await Expect(page.Locator("[data-testid=petitions-table]")).ToContainTextAsync(CitizenPetitions.Name);
                return (PersonalDataKind.ListaPeticiones, null);
            case "/peticiones/nueva":
                await GoAsync($"peticiones/nueva?visita={f.DraftVisitId}");
                await Expect(page.Locator("[data-testid=new-petition]")).ToBeVisibleAsync();
                return (PersonalDataKind.Visita, null);
            case "/visitas":
                await GoAsync("visitas");
                await Expect(page.Locator("[data-testid=visits-table]")).ToContainTextAsync(CitizenPetitions.Name);
                return (PersonalDataKind.RegistroVisitas, null);
            case "/turnos":
                await GoAsync("turnos");
                await Expect(page.Locator("[data-testid=active-code]")).ToBeVisibleAsync();
                return (PersonalDataKind.Visita, null);
            case "/citas":
                await GoAsync("citas");
                await Expect(page.Locator("[data-testid=appointments]")).ToContainTextAsync("Lucía Reservada");
                return (PersonalDataKind.Citas, null);
            case "/arco/{Folio}":
                await GoAsync($"arco/{f.ArcoFolio}");
                await page.Locator("[data-testid=arco-search]").ClickAsync();
                await Expect(page.Locator("[data-testid=arco-records]")).ToContainTextAsync(Server.Folio);
                return (PersonalDataKind.BusquedaArco, f.ArcoFolio);
        }
        // Files and exports: what a click on the page's link fetches, with the page's cookie.
        var (path, kind, folio) = route switch
        {
            "/expediente/{id:int}" => ($"expediente/{f.AttachmentId}", PersonalDataKind.Documento, Server.Folio),
            "/expediente/{id:int}/descargar" => ($"expediente/{f.AttachmentId}/descargar", PersonalDataKind.Documento, Server.Folio),
            "/expediente/peticion/{petitionId:int}/expediente.zip" => ($"expediente/peticion/{f.PetitionId}/expediente.zip", PersonalDataKind.Expediente, Server.Folio),
            "/visitas/exportar.csv" => ("visitas/exportar.csv", PersonalDataKind.ExportacionVisitas, (string?)null),
            "/peticiones/exportar.csv" => ("peticiones/exportar.csv", PersonalDataKind.ExportacionPeticiones, null),
            "/arco/{folio}/datos.zip" => ($"arco/{f.ArcoFolio}/datos.zip?registros=P{f.PetitionId}", PersonalDataKind.ExportacionArco, f.ArcoFolio),
            _ => throw new InvalidOperationException($"Sin caso de prueba para {route}"),
        };
        var response = await page.Context.APIRequest.GetAsync(path);
        Assert.Equal(200, response.Status);
        return (kind, folio);
    }

    [Fact]
    public async Task Public_pages_and_the_citizens_own_lookups_write_nothing()
    {
        var before = await LastIdAsync();
        var phone = await NewPhoneAsync(App);
        var status = PetitionStatus.Turnada;
        await phone.GotoAsync($"consulta#folio={CitizenPetitions.FolioOf(status)}&codigo={CitizenPetitions.CodeOf(status)}");
        await Expect(phone.Locator("[data-testid=status-result]")).ToBeVisibleAsync();
        foreach (var path in new[] { "tramite", "cita", "verificar" })
        {
            Assert.Equal(200, (await phone.GotoAsync(path))!.Status);
        }
        Assert.Empty(await ReadsAfterAsync(before));
    }

    [Fact]
    public async Task The_Administrador_finds_who_opened_a_folio_and_exports_it()
    {
        var rosa = await OpenSignedInAsync(App, "rosa", $"peticiones/{Server.Folio}");
        await Expect(rosa.Locator("[data-testid=folio]")).ToHaveTextAsync(Server.Folio);

        var ana = await OpenSignedInAsync(App, "ana", "admin/accesos");
        await ana.Locator("[data-testid=access-folio]").FillAsync(Server.Folio.ToLowerInvariant());
        await ana.Locator("[data-testid=access-search]").ClickAsync();
        var rows = ana.Locator("[data-testid=access-rows] tbody tr");
        // Only that folio's lines once the search has answered.
        await Expect(rows.Filter(new() { HasNotText = Server.Folio })).ToHaveCountAsync(0);
        await Expect(rows.Filter(new() { HasText = "Petición" }).First).ToContainTextAsync("rosa");

        var download = await ana.RunAndWaitForDownloadAsync(() => ana.Locator("[data-testid=export-access]").ClickAsync());
        var lines = Exports.CsvLines(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Equal(string.Join(',', AccessLog.CsvHeader), lines[0]);
        Assert.Contains(lines.Skip(1), l => l.Contains(",rosa,Petición,") && l.Contains(Server.Folio));

        await ana.Locator("[data-testid=access-from]").FillAsync("2026-12-31");
        await ana.Locator("[data-testid=access-to]").FillAsync("2026-01-01");
        await ana.Locator("[data-testid=access-search]").ClickAsync();
        await Expect(ana.Locator("[data-testid=access-error]")).ToContainTextAsync("Hasta");
    }
}
