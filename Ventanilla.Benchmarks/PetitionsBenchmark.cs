using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ventanilla.Data;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Shared;

namespace Ventanilla.Benchmarks;

/// <summary>
/// Budget: with 50,000 petitions of which 10,000 open, the list page, the follow-up list and the kanban render
/// for the first time in ≤ 300 ms of server time, and a card move takes ≤ 50 ms. The first render is measured
/// as a signed-in GET of the page from the real app over Kestrel: the server prerenders the page with its data
/// (the same components and queries the live circuit then runs), so the response time is the first render's
/// server time, HTML included. The data queries alone are reported beside it.
/// </summary>
public static partial class PetitionsBenchmark
{
    public const double RenderBudgetMs = 300;
    public const double MoveBudgetMs = 50;

    public static async Task<bool> RunAsync(int total = 50_000, int open = 10_000, int rounds = 20)
    {
        await using var app = await AppServer.StartAsync();
        var clerk = await app.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var actor = await app.Get<Actors>().ForUserAsync(clerk.Id);
        var areas = await SeedAsync(app, total, open);
        using var http = await SignInAsync(app, "rosa", "Segura123");

        var queries = app.Get<PetitionQueries>();
        var board = app.Get<PetitionBoard>();
        // Warm-up: the first query of each kind pays for JIT and EF's query compilation once per process.
        await queries.ListAsync(actor, new PetitionFilter(OpenOnly: true));
        await queries.FollowUpsAsync(actor);
        await board.GetAsync();

        var list = await TimeAsync(rounds, () => queries.ListAsync(actor, new PetitionFilter(OpenOnly: true)));
        var followUps = await TimeAsync(rounds, () => queries.FollowUpsAsync(actor));
        var kanban = await TimeAsync(rounds, () => board.GetAsync());

        var listPage = await TimePageAsync(http, "peticiones", rounds);
        var followUpPage = await TimePageAsync(http, "seguimiento", rounds);
        var boardPage = await TimePageAsync(http, "peticiones/tablero", rounds);

        await using var db = app.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var movable = await db.Petitions.AsNoTracking().Where(p => p.Status == PetitionStatus.Turnada)
            .Select(p => new { p.Id, p.Version, Area = p.Routings.First(r => r.Status == RoutingStatus.Pending).AreaId }).Take(rounds + 3).ToListAsync();
        var petitions = app.Get<PetitionService>();
        var moves = new List<double>();
        foreach (var (m, i) in movable.Select((m, i) => (m, i)))
        {
            var to = areas.First(a => a != m.Area);
            var watch = Stopwatch.StartNew();
            await petitions.MoveToAreaAsync(actor, m.Id, m.Version, m.Area, to, "Benchmark");
            if (i >= 3) moves.Add(watch.Elapsed.TotalMilliseconds); // the first moves warm up
        }

        var results = new[]
        {
            ("Control de Peticiones /peticiones, primer render", Timings.Of(listPage), RenderBudgetMs),
            ("Seguimiento diario /seguimiento, primer render", Timings.Of(followUpPage), RenderBudgetMs),
            ("Tablero por área /peticiones/tablero, primer render", Timings.Of(boardPage), RenderBudgetMs),
            ("Mover una tarjeta", Timings.Of(moves), MoveBudgetMs),
        };
        var ok = Timings.Report($"Peticiones: {total:N0} en la base, {open:N0} abiertas (tiempo de servidor de cada pantalla, HTML incluido):", results);
        Console.WriteLine("  de ello, solo las consultas de datos:");
        Console.WriteLine($"    lista (primera página de abiertas): {Timings.Of(list)}");
        Console.WriteLine($"    seguimiento (todas las turnadas): {Timings.Of(followUps)}");
        Console.WriteLine($"    tablero (todas las abiertas, {PetitionBoard.CardsPerColumn} tarjetas por columna): {Timings.Of(kanban)}");
        return ok;
    }

    /// <summary>A client with the signed-in cookie, through the same login form a person uses.</summary>
    internal static async Task<HttpClient> SignInAsync(AppServer app, string userName, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(app.BaseUrl),
        };
        var form = await http.GetStringAsync("Account/Login");
        var fields = HiddenFields(form);
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;
        var response = await http.PostAsync("Account/Login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("Login") == true)
        {
            throw new InvalidOperationException($"No se pudo iniciar sesión para medir: {response.StatusCode}");
        }
        return http;
    }

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("(?<attr>name|value|type)=\"(?<text>[^\"]*)\"")]
    private static partial Regex Attribute();

    /// <summary>The form's hidden fields (antiforgery token, handler) as name → value.</summary>
    internal static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match tag in InputTag().Matches(html))
        {
            var attrs = Attribute().Matches(tag.Value).ToDictionary(m => m.Groups["attr"].Value, m => WebUtility.HtmlDecode(m.Groups["text"].Value));
            if (attrs.GetValueOrDefault("type") == "hidden" && attrs.TryGetValue("name", out var name)) fields[name] = attrs.GetValueOrDefault("value") ?? "";
        }
        return fields;
    }

    /// <summary>GETs a page (after one warm-up) and checks that it came with its data (<paramref name="marker"/>), not a login redirect.</summary>
    /// <param name="includeFirst">Keep the first request too (the first after a start is what is being measured).</param>
    internal static async Task<List<double>> TimePageAsync(HttpClient http, string path, int rounds, string marker = "AU-", Action? before = null, bool includeFirst = false)
    {
        var times = new List<double>();
        for (var i = 0; i <= rounds; i++)
        {
            before?.Invoke();
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains(marker))
            {
                var body = html.Contains("<body") ? html[html.IndexOf("<body", StringComparison.Ordinal)..] : html;
                body = System.Text.RegularExpressions.Regex.Replace(body, "<style[^>]*>.*?</style>", " ", System.Text.RegularExpressions.RegexOptions.Singleline);
                var text = System.Text.RegularExpressions.Regex.Replace(body, "<[^>]+>", " ");
                text = System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
                throw new InvalidOperationException($"/{path} no devolvió la página con sus datos ({response.StatusCode}): {text[..Math.Min(1500, text.Length)]}");
            }
            if (i > 0 || includeFirst) times.Add(elapsed);
        }
        return times;
    }

    internal static async Task<List<double>> TimeAsync<T>(int rounds, Func<Task<T>> load)
    {
        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            await load();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    /// <summary>Years of closed petitions and the open ones spread over the states and areas, inserted in batches.</summary>
    internal static Task<List<int>> SeedAsync(AppServer app, int total, int open)
        => SeedAsync(app.Get<IDbContextFactory<AppDbContext>>(), app.Get<Ventanilla.Features.Deadlines.CalendarService>(), app.Get<OfficeClock>(), total, open);

    internal static async Task<List<int>> SeedAsync(
        IDbContextFactory<AppDbContext> dbFactory, Ventanilla.Features.Deadlines.CalendarService calendar, OfficeClock office, int total, int open, int years = 5)
    {
        await using var db = dbFactory.CreateDbContext();
        var areas = await db.Areas.Where(a => a.Kind == AreaKind.General).Select(a => a.Id).ToListAsync();
        var types = await db.PetitionTypes.Select(t => t.Id).ToListAsync();
        var clock = calendar.Clock();
        var today = office.Today();
        PetitionStatus[] openStates = [PetitionStatus.Registrada, PetitionStatus.Turnada, PetitionStatus.Turnada, PetitionStatus.Turnada, PetitionStatus.EnRespuesta, PetitionStatus.EsperandoUsuario, PetitionStatus.EnRevision, PetitionStatus.Aprobada];
        var random = new Random(7);
        const int batch = 5_000;
        for (var start = 0; start < total; start += batch)
        {
            await using var insert = dbFactory.CreateDbContext();
            insert.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(total, start + batch); i++)
            {
                var isOpen = i >= total - open;
                var received = isOpen ? today.AddDays(-random.Next(0, 40)) : today.AddDays(-random.Next(41, years * 365));
                var dayZero = clock.Calendar.IsBusinessDay(received) ? received : clock.Calendar.NextBusinessDay(received);
                var status = isOpen ? openStates[i % openStates.Length] : PetitionStatus.Cerrada;
                var name = $"Usuario {i}";
                var petition = new Petition
                {
                    Folio = Folios.Format("AU", received.Year, i + 1), FolioYear = received.Year, FolioNumber = i + 1,
                    ReceivedAtUtc = received.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc), DayZero = dayZero,
                    PetitionerName = name, SearchName = TextFold.Fold(name), PublicCode = Ventanilla.Features.Citizen.PublicCodes.NewPetitionCode(), AccountNumber = $"{i:00-000-0000}", PetitionTypeId = types[i % types.Count],
                    Subject = "Revisión de consumo", Status = status, TermDays = 15, DueDate = clock.Calendar.AddBusinessDays(dayZero, 15),
                    CreatedAtUtc = received.ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc),
                    OnTime = isOpen ? null : i % 5 != 0, ResponseDate = isOpen ? null : received.AddDays(10),
                };
                if (status is PetitionStatus.Turnada || !isOpen && i % 2 == 0)
                {
                    petition.Routings.Add(new Routing
                    {
                        AreaId = areas[i % areas.Count], RoutedAtUtc = petition.ReceivedAtUtc,
                        Status = isOpen ? RoutingStatus.Pending : RoutingStatus.Answered, Answer = isOpen ? null : "Atendido",
                    });
                }
                insert.Petitions.Add(petition);
            }
            await insert.SaveChangesAsync();
        }
        // The folio counters where the app would have left them, so a petition registered on this base gets a new folio.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "FolioSequences" ("Prefix", "Year", "LastNumber")
            SELECT 'AU', "FolioYear", MAX("FolioNumber") FROM "Petitions" WHERE TRUE GROUP BY "FolioYear"
            ON CONFLICT ("Prefix", "Year") DO UPDATE SET "LastNumber" = excluded."LastNumber"
            """);
        return areas;
    }
}
