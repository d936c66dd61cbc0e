using Ventanilla.Features.Shared;
using Microsoft.Playwright;
using Ventanilla.Features.Citizen;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// The turn on the visitor's phone, the survey at the kiosk and the spoken calls, as the waiting room lives them:
/// the kiosk prints a ticket, a phone reads its QR code and follows the turn until the desk calls it.
/// </summary>
public class CitizenTurnBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    // The phone records what it was asked to vibrate: a headless browser has no motor.
    private const string RecordVibration = "window.__vibrations = []; navigator.vibrate = pattern => { window.__vibrations.push(pattern); return true; };";

    // Speech synthesis stubbed to record what the TV says, ending each utterance after a short while as a voice would.
    private const string RecordSpeech = """
        window.__said = [];
        window.speechSynthesis.speak = utterance => {
            window.__said.push(utterance.text + "|" + utterance.lang);
            setTimeout(() => utterance.onend && utterance.onend(new Event("end")), 150);
        };
        """;

    private static async Task<(int Desk1, int Desk2, int A)> DesksAsync(AppServer server)
    {
        await using var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var desks = await db.Desks.OrderBy(d => d.Number).Select(d => d.Id).Take(2).ToListAsync();
        return (desks[0], desks[1], await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync());
    }

    [Fact]
    public async Task The_phone_follows_the_printed_ticket_until_called_then_rates_the_visit()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("kiosco", "Segura123", Roles.Recepcion);
        var (desk1, _, a) = await DesksAsync(server);
        var queue = server.Get<QueueService>();
        var before = await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a));

        var kiosk = await OpenSignedInAsync(server, "kiosco", "kiosco");
        await kiosk.Locator("[data-category=A]").ClickAsync();
        await kiosk.Locator("[data-testid=kiosk-name]").FillAsync("Ana Confidencial");
        await kiosk.Locator("[data-testid=kiosk-account]").FillAsync("01-999-4321");
        await kiosk.Locator("[data-testid=kiosk-phone]").FillAsync("5512345678");
        await kiosk.Locator("[data-testid=kiosk-issue]").ClickAsync();
        await Expect(kiosk.Locator("[data-testid=turn-code]")).ToHaveTextAsync("A-002");
        await Expect(kiosk.Locator("[data-testid=turn-wait]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Le llamarán en cualquier momento|Tiempo estimado de espera: unos \\d+ minutos)\\.$"));
        // The paper ticket carries the same QR code as the screen.
        var printed = await QrReader.ReadAsync(kiosk.Locator(".ticket-print [data-testid=ticket-qr]"));
        Assert.Equal(printed, await QrReader.ReadAsync(kiosk.Locator("[data-testid=turn-qr]")));
        Assert.StartsWith($"{server.BaseUrl}turno/", printed);

        var phone = await NewPhoneAsync(server);
        await phone.Context.AddInitScriptAsync(RecordVibration);
        await phone.GotoAsync(printed);
        await Expect(phone.Locator("[data-testid=phone-code]")).ToHaveTextAsync("A-002");
        await Expect(phone.Locator("[data-testid=phone-headline]")).ToHaveTextAsync("Está en espera");
        await Expect(phone.Locator("[data-testid=phone-detail]")).ToContainTextAsync("Hay 1 persona antes que usted.");
        await phone.Locator("[data-testid=phone-alert]").ClickAsync();

        // The desk calls the visitor ahead: the phone counts down without being reloaded.
        var first = await queue.CallNextAsync(Actor.System, desk1);
        await Expect(phone.Locator("[data-testid=phone-detail]")).ToContainTextAsync("Usted es el siguiente.");
        await queue.FinishAsync(Actor.System, desk1, first.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
        var mine = await queue.CallNextAsync(Actor.System, desk1);
        await Expect(phone.Locator("[data-testid=phone-headline]")).ToHaveTextAsync("¡Es su turno!");
        await Expect(phone.Locator("[data-testid=phone-detail]")).ToHaveTextAsync("Pase al Módulo 1.");
        await Expect(phone.Locator("[data-testid=phone-turn][data-state=Called]")).ToBeVisibleAsync();
        Assert.Equal(1, await phone.EvaluateAsync<int>("() => window.ventanilla.turnAlerts"));
        Assert.Equal(2, await phone.EvaluateAsync<int>("() => window.__vibrations.length")); // the tap that armed it, and the call
        Assert.Equal("¡Es su turno! · Atención a Usuarios", await phone.TitleAsync());

        await queue.StartServiceAsync(Actor.System, desk1, mine.TicketId);
        await Expect(phone.Locator("[data-testid=phone-headline]")).ToHaveTextAsync("Le están atendiendo");
        await queue.FinishAsync(Actor.System, desk1, mine.TicketId, new ServiceOutcome(VisitOutcome.Information, null));

        // Finished: the page reloads itself with the survey.
        await Expect(phone.Locator("[data-testid=phone-survey]")).ToBeVisibleAsync();
        var html = await phone.ContentAsync();
        Assert.All(new[] { "Ana", "Confidencial", "01-999-4321", "5512345678" }, text => Assert.DoesNotContain(text, html));
        Assert.False(await OverflowsSidewaysAsync(phone));
        await AssertFacesAreDrawnAsync(phone);
        await phone.Locator("[data-testid=survey-comment]").FillAsync("Rápido y amable");
        await phone.Locator("[data-testid=phone-survey] [data-score='4']").ClickAsync();
        await Expect(phone.Locator("[data-testid=phone-detail]")).ToHaveTextAsync("Gracias también por su opinión.");
        await Expect(phone.Locator("[data-testid=phone-survey]")).ToHaveCountAsync(0);

        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var answer = await db.SurveyAnswers.SingleAsync();
            Assert.Equal((mine.VisitId, 4, "Rápido y amable", SurveySource.Phone), (answer.VisitId, answer.Score, answer.Comment, answer.Source));
        }
        // The answer came back as a plain page: reloading it neither posts again nor offers the survey again.
        await phone.ReloadAsync();
        await Expect(phone.Locator("[data-testid=phone-detail]")).ToHaveTextAsync("Gracias también por su opinión.");
        await Expect(phone.Locator("[data-testid=phone-survey]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(before.PublicCode!, printed); // each ticket has its own code
    }

    [Fact]
    public async Task A_wrong_turn_code_says_so_and_the_code_reaches_no_log()
    {
        await using var server = await AppServer.StartAsync(s =>
        {
            s["Logging:LogLevel:Default"] = "Trace";
            s["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        });
        var (_, _, a) = await DesksAsync(server);
        var turn = await server.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a));
        var phone = await NewPhoneAsync(server);

        var shown = await phone.GotoAsync($"turno/{turn.PublicCode}");
        Assert.Equal(200, shown!.Status);
        await Expect(phone.Locator("[data-testid=phone-headline]")).ToHaveTextAsync("Está en espera");
        Assert.Contains("default-src 'self'", shown.Headers["content-security-policy"]);
        Assert.Contains("no-store", shown.Headers["cache-control"]);

        await phone.GotoAsync($"turno/{new string('Z', PublicCodes.TicketCodeLength)}");
        await Expect(phone.Locator("[data-testid=phone-headline]")).ToHaveTextAsync("Este turno no es válido hoy");
        Assert.Equal(404, (await phone.APIRequest.GetAsync($"turno/{new string('Z', PublicCodes.TicketCodeLength)}/eventos")).Status);

        Assert.Contains(server.Logs.Lines, line => line.Contains("Microsoft.AspNetCore"));
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains(turn.PublicCode!));
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains(new string('Z', PublicCodes.TicketCodeLength)));
        // Nor the server's log files, which go through the same filters.
        var files = Directory.GetFiles(Path.Combine(server.Folder, "logs"), "*.log");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var text = await new StreamReader(stream).ReadToEndAsync();
            Assert.Contains("Microsoft.AspNetCore", text);
            Assert.DoesNotContain(turn.PublicCode!, text);
        }
    }

    [Fact]
    public async Task Turn_pages_are_limited_per_address()
    {
        await using var server = await AppServer.StartAsync(s => s["Citizen:TurnRequestsPerMinute"] = "4");
        var phone = await NewPhoneAsync(server);
        for (var i = 0; i < 4; i++) Assert.Equal(200, (await phone.APIRequest.GetAsync($"turno/{new string('Z', PublicCodes.TicketCodeLength)}")).Status);
        var refused = await phone.GotoAsync($"turno/{new string('Y', PublicCodes.TicketCodeLength)}");
        Assert.Equal(429, refused!.Status);
        await Expect(phone.Locator("[data-testid=rate-limited]")).ToHaveTextAsync(RequestLimits.TurnMessage);
    }

    [Fact]
    public async Task The_kiosk_asks_how_the_visit_went()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("kiosco", "Segura123", Roles.Recepcion);
        var (desk1, _, a) = await DesksAsync(server);
        var queue = server.Get<QueueService>();
        var turn = await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a, Name: "Ana Confidencial"));
        var called = await queue.CallNextAsync(Actor.System, desk1);
        await queue.FinishAsync(Actor.System, desk1, called.TicketId, new ServiceOutcome(VisitOutcome.Information, null));

        var kiosk = await OpenSignedInAsync(server, "kiosco", "kiosco");
        await kiosk.Locator("[data-testid=kiosk-survey]").ClickAsync();
        await kiosk.Locator($"[data-survey-turn='{turn.Code}']").ClickAsync();
        Assert.DoesNotContain("Ana", await kiosk.ContentAsync());
        await AssertFacesAreDrawnAsync(kiosk);
        await kiosk.Locator("[data-testid=kiosk-survey-comment]").FillAsync("Me explicaron todo");
        await kiosk.Locator("[data-score='5']").ClickAsync();
        await Expect(kiosk.Locator("[data-testid=survey-thanks]")).ToBeVisibleAsync();
        // After its thanks the kiosk is ready for the next person, and the rated turn is no longer offered.
        await Expect(kiosk.Locator("[data-testid=kiosk-survey]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await kiosk.Locator("[data-testid=kiosk-survey]").ClickAsync();
        await Expect(kiosk.Locator("[data-testid=survey-none]")).ToBeVisibleAsync();

        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var answer = await db.SurveyAnswers.SingleAsync();
            Assert.Equal((turn.VisitId, 5, "Me explicaron todo", SurveySource.Kiosk), (answer.VisitId, answer.Score, answer.Comment, answer.Source));
        }

        // The answer reaches the month's indicators: the card, the tables and the comments, without the visitor's name.
        await server.AddUserAsync("diana", "Segura123", Roles.DireccionComercial);
        var director = await OpenSignedInAsync(server, "diana", "indicadores");
        await Expect(director.Locator("[data-card=encuesta] .value")).ToHaveTextAsync("5.0 de 5");
        await Expect(director.Locator("[data-card=encuesta] .note")).ToHaveTextAsync("1 respuesta");
        await Expect(director.Locator("[data-table=encuesta-por-modulo] tr[data-row='Módulo 1'] td").First).ToHaveTextAsync("1");
        var comment = director.Locator("[data-table=encuesta-comentarios] tbody tr").First;
        await Expect(comment).ToContainTextAsync("Me explicaron todo");
        await Expect(comment).ToContainTextAsync(turn.Code);
        Assert.DoesNotContain("Ana", string.Join("\n", await director.Locator("[data-table^=encuesta]").AllInnerTextsAsync()));
    }

    [Fact]
    public async Task The_waiting_room_says_every_call_once_in_order_and_can_be_silenced()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("tv", "Segura123", Roles.Pantalla);
        var (desk1, desk2, a) = await DesksAsync(server);
        var queue = server.Get<QueueService>();
        for (var i = 0; i < 4; i++) await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), a));

        var display = await NewPageAsync(server);
        await display.Context.AddInitScriptAsync(RecordSpeech);
        await SignInAsync(display, "tv", "Segura123", "Account/Login?ReturnUrl=%2Fpantalla%2Fturnos");
        await display.WaitForURLAsync("**/pantalla/turnos", UrlWait);
        await WaitForInteractiveAsync(display);
        await Expect(display.Locator("[data-line=A] [data-testid=line-wait]")).ToContainTextAsync("min");

        // Two desks call at the same instant: both are said, in the order they were called, once each.
        var one = await queue.CallNextAsync(Actor.System, desk1);
        await queue.CallNextAsync(Actor.System, desk2);
        await Expect(display.Locator("[data-testid=newest-code]")).ToHaveTextAsync("A-002");
        await WaitForSaidAsync(display, 2);
        Assert.Equal(["Turno A 1, módulo 1|es-MX", "Turno A 2, módulo 2|es-MX"], await display.EvaluateAsync<string[]>("() => window.__said"));

        // A recall is said again.
        await queue.RecallAsync(Actor.System, desk1, one.TicketId);
        await WaitForSaidAsync(display, 3);
        Assert.Equal("Turno A 1, módulo 1|es-MX", (await display.EvaluateAsync<string[]>("() => window.__said"))[2]);

        // Turned off in Ajustes: the TV still chimes but says nothing.
        var settings = server.Get<SettingsService>();
        var reception = ReceptionSettings.From(settings.Current);
        await settings.SaveReceptionAsync(Actor.System, reception with { SpeakCalls = false });
        await Expect(display.Locator("[data-testid=waiting-room][data-speak=false]")).ToBeVisibleAsync();
        var chimes = await display.EvaluateAsync<int>("() => window.ventanilla.chimes");
        await queue.FinishAsync(Actor.System, desk1, one.TicketId, new ServiceOutcome(VisitOutcome.Information, null));
        await queue.CallNextAsync(Actor.System, desk1);
        await Expect(display.Locator("[data-testid=newest-code]")).ToHaveTextAsync("A-003");
        await display.WaitForFunctionAsync($"() => window.ventanilla.chimes > {chimes}");
        await Task.Delay(1500); // longer than the pause before a voice
        Assert.Equal(3, await display.EvaluateAsync<int>("() => window.__said.length"));
    }

    private static Task WaitForSaidAsync(IPage page, int count)
        => page.WaitForFunctionAsync($"() => window.__said.length >= {count}", null, new() { Timeout = 15_000 });

    /// <summary>
    /// The five faces are drawn (an SVG each, visibly sized), not emoji characters: a kiosk or phone without an emoji font
    /// would show empty boxes.
    /// </summary>
    private static async Task AssertFacesAreDrawnAsync(IPage page)
    {
        await Expect(page.Locator("[data-score] svg[data-face]")).ToHaveCountAsync(5);
        Assert.True(await page.EvaluateAsync<bool>(
            "() => [...document.querySelectorAll('[data-score] svg[data-face]')].every(f => f.getBoundingClientRect().width >= 24)"));
        Assert.False(await page.EvaluateAsync<bool>("() => /\\p{Extended_Pictographic}/u.test(document.body.innerText)"));
    }
}
