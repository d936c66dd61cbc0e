using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Ventanilla.Features.Api;

namespace Ventanilla.Tests.Features.Api;

/// <summary>
/// The REST API served by the real app over HTTP: the OpenAPI document against the route table, every operation
/// behind its token and scope and the account's roles, strict bodies answered as Spanish problems with nothing written,
/// a written petition registered and attributed to its token, revocation at once.
/// </summary>
public abstract partial class ApiEndpointTests(ApiEndpointTests.Server fixture)
{
    /// <summary>The app with petitions of every state, the padrón, and tokens of accounts of every role; on SQLite.</summary>
    public class Server : IAsyncLifetime
    {
        public AppServer App { get; private set; } = null!;
        public string Full { get; private set; } = "";
        public string OneScope { get; private set; } = "";
        public string Area { get; private set; } = "";
        public string Reception { get; private set; } = "";
        public Dictionary<string, string> ByRole { get; } = [];
        public int RoutingId { get; private set; }
        public int TypeId { get; private set; }

        public static readonly string Routed = CitizenPetitions.FolioOf(PetitionStatus.Turnada);
        public static readonly string Other = CitizenPetitions.FolioOf(PetitionStatus.EnRespuesta);

        protected virtual bool OnPostgres => false;

        public async Task InitializeAsync()
        {
            if (OnPostgres)
            {
                var folder = TestApp.NewFolder();
                var (_, connection) = await TestApp.NewPostgresDatabaseAsync();
                App = await AppServer.StartInAsync(folder, s => TestApp.UsePostgres(s, connection, folder), copyTemplate: false);
            }
            else
            {
                App = await AppServer.StartAsync();
            }
            await App.AddUserAsync("dir", "Segura123", Roles.DireccionComercial);
            await App.AddUserAsync("oscar", "Segura123", Roles.Area);
            await App.AddUserAsync("recep", "Segura123", Roles.Recepcion);
            var db = App.Get<IDbContextFactory<AppDbContext>>();
            await using (var context = db.CreateDbContext()) await CitizenPetitions.SeedAsync(context);
            await using var read = db.CreateDbContext();
            RoutingId = await read.Routings.Where(r => r.Petition!.Folio == Routed).Select(r => r.Id).SingleAsync();
            TypeId = await read.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
            var tokens = App.Get<ApiTokens>();
            var all = ApiScopes.All.Select(s => s.Key).ToList();
            Full = (await tokens.CreateAsync(Actor.System, "Pruebas", "dir", all, null)).Secret;
            OneScope = (await tokens.CreateAsync(Actor.System, "Solo fila", "dir", [ApiScopes.Queue], null)).Secret;
            Area = (await tokens.CreateAsync(Actor.System, "SCCAN", "oscar", all, null)).Secret;
            Reception = (await tokens.CreateAsync(Actor.System, "Quiosco", "recep", all, null)).Secret;
            // One account of each role, each with a token of every scope: the roles alone decide.
            foreach (var role in Roles.All.Select(r => r.Key))
            {
                var user = $"rol-{role.ToLowerInvariant()}";
                await App.AddUserAsync(user, "Segura123", role);
                ByRole[role] = (await tokens.CreateAsync(Actor.System, $"Rol {role}", user, all, null)).Secret;
            }
            var padron = Encoding.UTF8.GetBytes($"Cuenta,Titular,Domicilio\n{CitizenPetitions.Account},PÉREZ JOSÉ,Calle 1\n");
            await App.Get<Ventanilla.Features.Padron.PadronImporter>().ImportAsync(Actor.System, () => new MemoryStream(padron), "padron.csv");
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>The same app on PostgreSQL: every write of the API on the other engine too.</summary>
    public sealed class PostgresServer : Server
    {
        protected override bool OnPostgres => true;
    }

    protected AppServer App => fixture.App;

    protected HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("codigo").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    protected static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;

    private async Task<int> PetitionCountAsync()
    {
        await using var db = App.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Petitions.CountAsync();
    }

    /// <summary>Every operation of the OpenAPI document, with its method, path, scope and an address to call it at.</summary>
    private async Task<List<(string Method, string Path, string Scope, string Address)>> OperationsAsync()
    {
        using var client = Client(fixture.Full);
        var document = JsonDocument.Parse(await client.GetStringAsync("openapi/v1.json")).RootElement;
        var month = App.Get<OfficeClock>().Today().ToString("yyyy-MM");
        var operations = new List<(string, string, string, string)>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post"))
            {
                var scope = ScopeIn().Match(operation.Value.GetProperty("description").GetString() ?? "").Groups[1].Value;
                var address = path.Name.TrimStart('/').Replace("{folio}", Server.Routed).Replace("{turno}", fixture.RoutingId.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .Replace("{mes}", month);
                operations.Add((operation.Name.ToUpperInvariant(), path.Name, scope, address));
            }
        }
        return operations;
    }

    [GeneratedRegex("Alcance: «([^»]+)»")]
    private static partial Regex ScopeIn();

    /// <summary>A call of the operation with a body of the type it takes (an empty object; a small PDF for a document).</summary>
    private static HttpRequestMessage Request(string method, string address)
    {
        HttpContent? content = null;
        if (method == "POST" && address.Contains("/documentos", StringComparison.Ordinal))
        {
            content = new ByteArrayContent(TestDocuments.Pdf(1));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        }
        else if (method == "POST")
        {
            content = Json("{}");
        }
        return new(new HttpMethod(method), address) { Content = content };
    }

    [Fact]
    public async Task Every_endpoint_is_in_the_OpenAPI_document_and_every_documented_operation_answers()
    {
        var operations = await OperationsAsync();
        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) == true && !e.RoutePattern.RawText.Contains("**", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(m => $"{m} {Regex.Replace(e.RoutePattern.RawText!, ":[a-z]+}", "}")}"))
            .Order().ToList();
        Assert.Equal(routes, operations.Select(o => $"{o.Method} {o.Path}").Order().ToList());
        Assert.All(operations, o => Assert.Contains(o.Scope, ApiScopes.All.Select(s => s.Key)));

        using var client = Client(fixture.Full);
        foreach (var (method, path, _, address) in operations)
        {
            using var response = await client.SendAsync(Request(method, address));
            Assert.True(response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed) && (int)response.StatusCode < 500,
                $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Without_a_valid_token_or_without_the_scope_nothing_answers_but_a_problem()
    {
        using var anonymous = Client(null);
        using var forged = Client("vnt_abcdefghij_" + new string('A', 40));
        using var oneScope = Client(fixture.OneScope);
        foreach (var (method, path, scope, address) in await OperationsAsync())
        {
            Assert.StartsWith("Falta el token", Detail(await ProblemAsync(await anonymous.SendAsync(Request(method, address)), HttpStatusCode.Unauthorized, "token-invalido")));
            Assert.Equal("El token no es válido: no corresponde a ningún token de esta oficina.",
                Detail(await ProblemAsync(await forged.SendAsync(Request(method, address)), HttpStatusCode.Unauthorized, "token-invalido")));
            if (scope == ApiScopes.Queue) continue;
            Assert.Equal($"El token «Solo fila» no tiene el alcance «{scope}».",
                Detail(await ProblemAsync(await oneScope.SendAsync(Request(method, address)), HttpStatusCode.Forbidden, "sin-permiso")));
        }
        Assert.Equal(HttpStatusCode.OK, (await oneScope.GetAsync("api/v1/turnos")).StatusCode);
        // An address under the API that is nothing: a problem too.
        await ProblemAsync(await oneScope.GetAsync("api/v1/nada"), HttpStatusCode.NotFound, "no-encontrado");
    }

    [Fact]
    public async Task The_accounts_roles_and_areas_decide_as_on_the_pages()
    {
        using var reception = Client(fixture.Reception);
        foreach (var address in new[] { "api/v1/peticiones", $"api/v1/peticiones/{Server.Routed}", "api/v1/padron?q=perez", $"api/v1/indicadores/{App.Get<OfficeClock>().Today():yyyy-MM}" })
        {
            Assert.Contains("le corresponde a", Detail(await ProblemAsync(await reception.GetAsync(address), HttpStatusCode.Forbidden, "sin-permiso")));
        }
        Assert.Equal(HttpStatusCode.OK, (await reception.GetAsync("api/v1/citas")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reception.GetAsync("api/v1/turnos")).StatusCode);

        // An area's system sees only what was routed to its area, and reports progress on its routing.
        using var area = Client(fixture.Area);
        var list = JsonDocument.Parse(await area.GetStringAsync("api/v1/peticiones")).RootElement;
        Assert.Equal(Server.Routed, Assert.Single(list.GetProperty("peticiones").EnumerateArray()).GetProperty("folio").GetString());
        Assert.Equal(1, JsonDocument.Parse(await area.GetStringAsync("api/v1/peticiones?orden=urgencia&abiertas=true")).RootElement.GetProperty("total").GetInt32());
        await ProblemAsync(await area.GetAsync($"api/v1/peticiones/{Server.Other}"), HttpStatusCode.NotFound, "no-encontrado");
        var progress = await area.PostAsync($"api/v1/peticiones/{Server.Routed}/turnos/{fixture.RoutingId}/seguimientos", Json("""{"tipo":"avance","nota":"Cuadrilla asignada"}"""));
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        Assert.Contains("le corresponde a", Detail(await ProblemAsync(await area.PostAsync("api/v1/peticiones", Json(NewPetition("OP-AREA"))), HttpStatusCode.Forbidden, "sin-permiso")));
        var detail = JsonDocument.Parse(await area.GetStringAsync($"api/v1/peticiones/{Server.Routed}")).RootElement;
        var followUp = detail.GetProperty("turnos")[0].GetProperty("seguimientos").EnumerateArray().Last();
        Assert.Equal(("avance", "Cuadrilla asignada"), (followUp.GetProperty("tipo").GetString(), followUp.GetProperty("nota").GetString()));
        Assert.Contains(detail.GetProperty("historia").EnumerateArray(), e => e.GetProperty("usuario").GetString() == "oscar (API «SCCAN»)");
    }

    private string NewPetition(string oficialia, string extra = "")
        => $$"""{"tipo":{{fixture.TypeId}},"asunto":"Fuga en la toma","solicitante":"Ana Núñez","folioOficialia":"{{oficialia}}","recibida":"{{App.Get<OfficeClock>().Now().DateTime.AddMinutes(-5):yyyy-MM-ddTHH:mm:ss}}","cuenta":"01-234-5678"{{extra}}}""";

    [Fact]
    public async Task A_written_petition_is_registered_attributed_to_the_token_and_read_back_with_the_read_logged()
    {
        using var client = Client(fixture.Full);
        var created = await client.PostAsync("api/v1/peticiones", Json(NewPetition("OP-API-1", ""","telefono":"55 1234 5678","correo":"ana@example.com" """)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var folio = body.GetProperty("folio").GetString()!;
        Assert.Equal($"/api/v1/peticiones/{folio}", created.Headers.Location?.OriginalString);
        Assert.Equal("Registrada", body.GetProperty("estado").GetString());

        // The list's default order is the register's, latest first.
        var first = JsonDocument.Parse(await client.GetStringAsync("api/v1/peticiones?tamano=1")).RootElement;
        Assert.Equal(folio, first.GetProperty("peticiones")[0].GetProperty("folio").GetString());
        Assert.Equal(1, first.GetProperty("tamano").GetInt32());

        var petition = JsonDocument.Parse(await client.GetStringAsync($"api/v1/peticiones/{folio}")).RootElement;
        Assert.Equal(("Ana Núñez", "5512345678", "Escrito", "OP-API-1"), (petition.GetProperty("solicitante").GetString(), petition.GetProperty("telefono").GetString(),
            petition.GetProperty("canal").GetString(), petition.GetProperty("folioOficialia").GetString()));
        var registered = petition.GetProperty("historia")[0];
        Assert.Equal(("Registrada", "dir (API «Pruebas»)"), (registered.GetProperty("tipo").GetString(), registered.GetProperty("usuario").GetString()));

        // The document goes to the expediente, listed with the petition.
        var pdf = new ByteArrayContent(TestDocuments.Pdf(1));
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var attached = await client.PostAsync($"api/v1/peticiones/{folio}/documentos?tipo=EscritoUsuario&nombre=oficio.pdf", pdf);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var documents = JsonDocument.Parse(await client.GetStringAsync($"api/v1/peticiones/{folio}")).RootElement.GetProperty("documentos");
        Assert.Equal(("EscritoUsuario", "oficio.pdf"), (documents[0].GetProperty("tipo").GetString(), documents[0].GetProperty("nombre").GetString()));

        await App.Get<Ventanilla.Features.Privacy.AccessLog>().FlushAsync();
        await using var db = App.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var read = await db.PersonalDataReads.Where(r => r.Folio == folio && r.Kind == PersonalDataKind.Peticion).FirstAsync();
        Assert.Equal(("dir (API «Pruebas»)", $"/api/v1/peticiones/{folio}"), (read.UserName, read.Source));

        // The same letter twice: the Oficialía's rule, as a problem.
        Assert.Equal("Folio de Oficialía: OP-API-1 ya está registrado en otra petición.",
            Detail(await ProblemAsync(await client.PostAsync("api/v1/peticiones", Json(NewPetition("OP-API-1"))), HttpStatusCode.BadRequest, "regla-incumplida")));
    }

    [Theory]
    [InlineData("{\"tipo\": 1, ", "json-invalido", "El JSON está mal formado")]
    [InlineData("{\"tipo\": \"uno\"}", "json-invalido", "Tipo de dato equivocado en «$.tipo».")]
    [InlineData("{\"tipo\": 1, \"prioridad\": \"alta\"}", "json-invalido", "El campo «prioridad» no existe en este recurso")]
    [InlineData("[1, 2]", "json-invalido", "Tipo de dato equivocado")]
    [InlineData("{\"tipo\": 1, \"recibida\": \"2026-12-01T10:00:00\"}", "regla-incumplida", "Folio de Oficialía: es obligatorio")]
    public async Task A_bad_body_is_a_problem_naming_what_is_wrong_and_nothing_is_written(string json, string code, string start)
    {
        var before = await PetitionCountAsync();
        using var client = Client(fixture.Full);
        var problem = await ProblemAsync(await client.PostAsync("api/v1/peticiones", Json(json)), HttpStatusCode.BadRequest, code);
        Assert.StartsWith(start, Detail(problem));
        Assert.Equal(before, await PetitionCountAsync());
    }

    [Fact]
    public async Task Oversized_not_json_bad_parameters_and_a_stale_version_are_refused_as_problems()
    {
        var before = await PetitionCountAsync();
        using var client = Client(fixture.Full);
        var huge = NewPetition("OP-BIG", $",\"notas\":\"{new string('x', ApiJson.MaxBodyBytes)}\"");
        Assert.Equal("El cuerpo pasa de 64 KB.", Detail(await ProblemAsync(await client.PostAsync("api/v1/peticiones", Json(huge)), HttpStatusCode.RequestEntityTooLarge, "demasiado-grande")));
        var form = new StringContent("tipo=1", Encoding.UTF8, "application/x-www-form-urlencoded");
        Assert.StartsWith("El Content-Type del cuerpo no es el que admite", Detail(await ProblemAsync(await client.PostAsync("api/v1/peticiones", form), HttpStatusCode.UnsupportedMediaType, "json-invalido")));
        Assert.Equal("Esta dirección no admite DELETE; vea el documento OpenAPI.",
            Detail(await ProblemAsync(await client.DeleteAsync($"api/v1/peticiones/{Server.Routed}"), HttpStatusCode.MethodNotAllowed, "regla-incumplida")));
        Assert.Equal(before, await PetitionCountAsync());

        Assert.Equal("Parámetro «pagina»: «dos» no es un número entero entre 1 y 1000000.",
            Detail(await ProblemAsync(await client.GetAsync("api/v1/peticiones?pagina=dos"), HttpStatusCode.BadRequest, "regla-incumplida")));
        Assert.StartsWith("Parámetro «estado»: «Abierta» no es uno de Registrada",
            Detail(await ProblemAsync(await client.GetAsync("api/v1/peticiones?estado=Abierta"), HttpStatusCode.BadRequest, "regla-incumplida")));
        Assert.Equal("Parámetro «orden»: «fecha» no es registro ni urgencia.",
            Detail(await ProblemAsync(await client.GetAsync("api/v1/peticiones?orden=fecha"), HttpStatusCode.BadRequest, "regla-incumplida")));
        Assert.Equal("Mes: «2026-13» no es un mes aaaa-mm.", Detail(await ProblemAsync(await client.GetAsync("api/v1/indicadores/2026-13"), HttpStatusCode.BadRequest, "regla-incumplida")));

        // A follow-up sent against a version read before someone else's change: 409, and not written.
        var version = JsonDocument.Parse(await client.GetStringAsync($"api/v1/peticiones/{Server.Routed}")).RootElement.GetProperty("version").GetInt64();
        var first = await client.PostAsync($"api/v1/peticiones/{Server.Routed}/turnos/{fixture.RoutingId}/seguimientos", Json($$"""{"tipo":"solicitud","version":{{version}}}"""));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stale = await client.PostAsync($"api/v1/peticiones/{Server.Routed}/turnos/{fixture.RoutingId}/seguimientos", Json($$"""{"tipo":"solicitud","nota":"otra vez","version":{{version}}}"""));
        await ProblemAsync(stale, HttpStatusCode.Conflict, "cambio-simultaneo");
        var notes = JsonDocument.Parse(await client.GetStringAsync($"api/v1/peticiones/{Server.Routed}")).RootElement.GetProperty("turnos")[0].GetProperty("seguimientos");
        Assert.DoesNotContain(notes.EnumerateArray(), n => n.GetProperty("nota").GetString() == "otra vez");
    }

    [Fact]
    public async Task Revoking_a_token_stops_it_at_its_next_call()
    {
        var tokens = App.Get<ApiTokens>();
        var secret = (await tokens.CreateAsync(Actor.System, "Temporal", "dir", [ApiScopes.Queue], null)).Secret;
        using var client = Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/turnos")).StatusCode);
        await tokens.RevokeAsync(Actor.System, "Temporal");
        Assert.Equal("El token «Temporal» fue revocado.", Detail(await ProblemAsync(await client.GetAsync("api/v1/turnos"), HttpStatusCode.Unauthorized, "token-invalido")));
    }

    [Fact]
    public async Task The_padron_queue_appointments_and_indicators_answer_in_the_contracts_shape()
    {
        using var client = Client(fixture.Full);
        var padron = JsonDocument.Parse(await client.GetStringAsync("api/v1/padron?q=perez jose")).RootElement;
        Assert.Equal(("PÉREZ JOSÉ", CitizenPetitions.Account), (padron.GetProperty("cuentas")[0].GetProperty("titular").GetString(), padron.GetProperty("cuentas")[0].GetProperty("cuenta").GetString()));
        var queue = JsonDocument.Parse(await client.GetStringAsync("api/v1/turnos")).RootElement;
        Assert.True(queue.GetProperty("categorias").GetArrayLength() > 0);
        Assert.Equal(0, queue.GetProperty("enEspera").GetInt32());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await client.GetStringAsync("api/v1/citas")).RootElement.ValueKind);
        var month = App.Get<OfficeClock>().Today().ToString("yyyy-MM");
        var indicators = JsonDocument.Parse(await client.GetStringAsync($"api/v1/indicadores/{month}")).RootElement;
        Assert.Equal(month, indicators.GetProperty("mes").GetString());
        Assert.True(indicators.GetProperty("peticiones").GetProperty("recibidas").GetInt32() >= 0);
    }

    private static ByteArrayContent Pdf(string text)
    {
        var content = new ByteArrayContent(TestDocuments.Pdf(1, text));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return content;
    }

    /// <summary>What each role may call with a token of every scope, as the pages decide (200-299 allowed, 403 refused).</summary>
    private static readonly Dictionary<string, string> Allowed = new()
    {
        ["GET /api/v1/peticiones"] = Roles.PetitionReaders,
        ["GET /api/v1/peticiones/{folio}"] = Roles.PetitionReaders,
        ["GET /api/v1/catalogos"] = Roles.PetitionReaders,
        ["POST /api/v1/peticiones"] = Roles.WrittenRegistrars,
        ["POST /api/v1/peticiones/{folio}/turnos/{turno}/seguimientos"] = Roles.Attention,
        ["POST /api/v1/peticiones/{folio}/documentos"] = Roles.PetitionReaders,
        ["GET /api/v1/turnos"] = Roles.AnyRole,
        ["GET /api/v1/citas"] = $"{Roles.Attention},{Roles.Recepcion},{Roles.Administrador}",
        ["GET /api/v1/padron"] = Ventanilla.Features.Padron.PadronLookup.ReaderRoles,
        ["GET /api/v1/indicadores/{mes}"] = Roles.IndicatorReaders,
    };

    [Fact]
    public async Task Every_operation_answers_each_role_as_its_pages_do()
    {
        var operations = await OperationsAsync();
        Assert.Equal(Allowed.Keys.Order(), operations.Select(o => $"{o.Method} {o.Path}").Order());
        var letter = 0;
        foreach (var (role, token) in fixture.ByRole)
        {
            using var client = Client(token);
            foreach (var (method, path, _, address) in operations)
            {
                var target = path.EndsWith("/padron", StringComparison.Ordinal) ? address + "?q=perez"
                    : path.EndsWith("/documentos", StringComparison.Ordinal) ? address + "?tipo=Otro&nombre=oficio.pdf" : address;
                using var request = new HttpRequestMessage(new HttpMethod(method), target)
                {
                    Content = method != "POST" ? null
                        : path.EndsWith("/documentos", StringComparison.Ordinal) ? Pdf($"Oficio de {role}")
                        : path.EndsWith("/seguimientos", StringComparison.Ordinal) ? Json("""{"tipo":"solicitud"}""")
                        : Json(NewPetition($"OP-ROL-{++letter}")),
                };
                using var response = await client.SendAsync(request);
                var allowed = Roles.In(Allowed[$"{method} {path}"]).Contains(role);
                var text = await response.Content.ReadAsStringAsync();
                // An area account sees its own area's routed petition; the rest of the roles' refusals are 403.
                Assert.True(allowed ? response.IsSuccessStatusCode : response.StatusCode == HttpStatusCode.Forbidden,
                    $"{role}: {method} {path} → {(int)response.StatusCode} {text}");
            }
        }
    }
}

/// <summary>The API on SQLite, and each token's own allowance.</summary>
public sealed class ApiEndpointTestsOnSqlite(ApiEndpointTests.Server fixture) : ApiEndpointTests(fixture), IClassFixture<ApiEndpointTests.Server>
{
    [Fact]
    public async Task Each_token_has_its_own_allowance_and_past_it_gets_a_429_problem()
    {
        await using var server = await AppServer.StartAsync(c => c["Api:RequestsPerMinute"] = "3");
        await server.AddUserAsync("dir", "Segura123", Roles.DireccionComercial);
        var tokens = server.Get<ApiTokens>();
        var first = (await tokens.CreateAsync(Actor.System, "Uno", "dir", [ApiScopes.Queue], null)).Secret;
        var second = (await tokens.CreateAsync(Actor.System, "Dos", "dir", [ApiScopes.Queue], null)).Secret;
        using var one = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        one.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", first);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("api/v1/turnos")).StatusCode);
        var refused = await one.GetAsync("api/v1/turnos");
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.StartsWith("Demasiadas solicitudes con este token", Detail(await ProblemAsync(refused, HttpStatusCode.TooManyRequests, "demasiadas-solicitudes")));
        using var two = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        two.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", second);
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync("api/v1/turnos")).StatusCode);
    }
}

/// <summary>The API on PostgreSQL.</summary>
public sealed class ApiEndpointTestsOnPostgres(ApiEndpointTests.PostgresServer fixture) : ApiEndpointTests(fixture), IClassFixture<ApiEndpointTests.PostgresServer>;
