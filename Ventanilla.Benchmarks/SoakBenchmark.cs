using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Ventanilla.Data;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;
using Ventanilla.Features.Shared;

namespace Ventanilla.Benchmarks;

/// <summary>
/// DESIGN.md §9, "a working day": the published executable serves a busy office's eight hours compressed into
/// <c>minutes</c> (60 by default): the kiosk issues turns, three desks call and serve them, twenty waiting-room TVs and
/// two wall boards stay open, fifty phones follow their turns, the Oficialía registers written petitions, staff record
/// follow-ups and read the registers. Every 15 s the server's resident memory, threads and handles (files, sockets,
/// the database) are read from /proc. Budget: the memory of the last 20 minutes within 10 % of the 20 before (it
/// settles), no growth of handles or database connections, and no error (none logged by the server, none seen by the
/// people and screens).
/// </summary>
public static class SoakBenchmark
{
    public const double SettleShare = 0.10;

    private sealed class Tally
    {
        private int _errors;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _first = new();
        public int Turns, Served, Petitions, FollowUps, Reads, PhoneUpdates, Reclicks;

        public int Errors => _errors;

        /// <summary>Counts the error; true for the first ten, whose details are kept.</summary>
        public bool Error(string what, Exception ex)
        {
            // Playwright's message says what it waited for on its third line («waiting for Locator(...)»).
            var lines = ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var detail = string.Join(" · ", lines.Take(1).Concat(lines.Where(l => l.StartsWith("- waiting for", StringComparison.Ordinal)).Take(1)));
            if (Interlocked.Increment(ref _errors) > 10) return false;
            _first.Enqueue($"{what}: {ex.GetType().Name}: {detail}");
            return true;
        }

        public IEnumerable<string> First => _first;
    }

    public static async Task<bool> RunAsync(int minutes = 60)
    {
        Console.WriteLine($"Un día de trabajo comprimido en {minutes} minutos (el ejecutable publicado):");
        var folder = TestApp.NewFolder();
        try
        {
            await PrepareAsync(folder);
            await using var server = await RealServer.StartAsync(new() { ["ConnectionStrings__Ventanilla"] = $"Data Source={Path.Combine(folder, "ventanilla.db")}" });
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Chromium.LaunchAsync(playwright);
            var tally = new Tally();
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
            var samples = new List<ProcessSample>();
            var load = new List<Task>
            {
                KioskAsync(browser, server, tally, stop.Token),
                OficialiaAsync(browser, server, tally, stop.Token),
                FollowUpAsync(browser, server, tally, stop.Token),
                RegistersAsync(server, tally, stop.Token),
                PhonesAsync(server, folder, 50, tally, stop.Token),
            };
            for (var desk = 1; desk <= 3; desk++) load.Add(DeskAsync(browser, server, desk, tally, stop.Token));
            var screens = await ScreensAsync(browser, server, tvs: 20, boards: 2);

            var watch = Stopwatch.StartNew();
            while (!stop.IsCancellationRequested)
            {
                samples.Add(server.Sample());
                if (samples.Count % 4 == 1)
                {
                    var s = samples[^1];
                    Console.WriteLine($"  {watch.Elapsed.TotalMinutes,5:0.0} min: {s.ResidentMegabytes,6:0} MB, {s.Threads} hilos, {s.Handles} manejadores " +
                        $"({s.Sockets} sockets, {s.DatabaseHandles} de la base); turnos {tally.Turns}, atendidos {tally.Served}, peticiones {tally.Petitions}, " +
                        $"seguimientos {tally.FollowUps}, lecturas {tally.Reads}, avisos a teléfonos {tally.PhoneUpdates}, errores {tally.Errors}");
                }
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(15), stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
            await Task.WhenAll(load.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            var screenErrors = 0;
            foreach (var screen in screens)
            {
                // A screen that lost its server shows the reconnect notice; a live one does not.
                if (await screen.Locator("#components-reconnect-modal[open]").CountAsync() > 0) screenErrors++;
            }
            samples.Add(server.Sample());
            return Report(samples, tally, server.Failures, screenErrors, minutes);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestApp.TryDelete(folder);
        }
    }

    /// <summary>A mid-size office's database (50,000 petitions, 200,000 visits) and the day's accounts.</summary>
    private static async Task PrepareAsync(string folder)
    {
        await using var app = await AppServer.StartInAsync(folder);
        foreach (var (user, role) in new[] { ("kiosco", Roles.Recepcion), ("olga", Roles.OficialiaPartes), ("tv", Roles.Pantalla), ("rosa", Roles.AtencionUsuarios),
                     ("luis", Roles.AtencionUsuarios), ("ana", Roles.AtencionUsuarios), ("diana", Roles.DireccionComercial) })
        {
            await app.AddUserAsync(user, "Segura123", role);
        }
        await PetitionsBenchmark.SeedAsync(app, 50_000, 10_000);
        await CityData.SeedVisitsAsync(app.Get<IDbContextFactory<AppDbContext>>(), app.Get<OfficeClock>(), 200_000, years: 4);
    }

    private static async Task<IPage> SignedInPageAsync(IBrowser browser, RealServer server, string user, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login");
        await page.Locator("[id='Input.UserName']").FillAsync(user);
        await page.Locator("[id='Input.Password']").FillAsync("Segura123");
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("Account/Login"));
        await page.GotoAsync(path);
        await page.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    private static async Task<List<IPage>> ScreensAsync(IBrowser browser, RealServer server, int tvs, int boards)
    {
        var screens = new List<IPage>();
        var tv = await SignedInPageAsync(browser, server, "tv", "pantalla/turnos");
        screens.Add(tv);
        for (var i = 1; i < tvs; i++)
        {
            var page = await tv.Context.NewPageAsync();
            await page.GotoAsync("pantalla/turnos");
            screens.Add(page);
        }
        for (var i = 0; i < boards; i++)
        {
            var page = await tv.Context.NewPageAsync();
            await page.GotoAsync("pantalla/seguimiento");
            screens.Add(page);
        }
        return screens;
    }

    /// <summary>
    /// Clicks as a person does: when the screen has not answered within 10 s, clicks again (up to three times). A click
    /// that lands while a live update is redrawing the page can be dropped (its handler was just replaced), as it would
    /// be for anyone; the person sees nothing happen and clicks again. Each repeated click is counted and reported.
    /// </summary>
    private static async Task ClickUntilAsync(ILocator button, ILocator answer, Tally tally)
    {
        for (var attempt = 1; ; attempt++)
        {
            await button.ClickAsync();
            try
            {
                await answer.First.WaitForAsync(new() { Timeout = 10_000 });
                return;
            }
            catch (TimeoutException)
            {
                if (attempt == 3 || !await button.IsVisibleAsync()) throw;
                Interlocked.Increment(ref tally.Reclicks);
            }
        }
    }

    /// <summary>Runs <paramref name="step"/> every <paramref name="every"/> until the day ends, counting what fails.</summary>
    private static async Task EveryAsync(TimeSpan every, string what, Tally tally, CancellationToken stop, Func<Task> step, IPage? page = null)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.StartNew();
            try
            {
                await step();
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                // What the person saw when it failed, for the first few failures (the path is printed with the error).
                if (tally.Error(what, ex) && page is not null)
                {
                    var shot = Path.Combine(Path.GetTempPath(), $"jornada-error-{tally.Errors}.png");
                    try
                    {
                        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
                        Console.WriteLine($"    ({tally.First.Last()}; captura en {shot})");
                    }
                    catch (PlaywrightException)
                    {
                    }
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            var rest = every - started.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(rest, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>400 visitors in eight hours: a turn every 72 s of the day, compressed eightfold (one each 9 s).</summary>
    private static async Task KioskAsync(IBrowser browser, RealServer server, Tally tally, CancellationToken stop)
    {
        var kiosk = await SignedInPageAsync(browser, server, "kiosco", "kiosco");
        var letters = new[] { "A", "B", "C", "D", "E" };
        var i = 0;
        await EveryAsync(TimeSpan.FromSeconds(9), "quiosco", tally, stop, async () =>
        {
            await kiosk.Locator($"[data-category={letters[i++ % letters.Length]}]").ClickAsync();
            await ClickUntilAsync(kiosk.Locator("[data-testid=kiosk-issue]"), kiosk.Locator("[data-testid=turn-code]"), tally);
            Interlocked.Increment(ref tally.Turns);
            await kiosk.Locator("[data-testid=kiosk-done]").ClickAsync();
        }, kiosk);
    }

    /// <summary>
    /// A desk calls the next turn, serves it and records «Resuelto: información»; with nobody waiting it waits. Each
    /// round starts from what the screen shows (no desk chosen, a turn called, a turn being served), as a clerk would.
    /// </summary>
    private static async Task DeskAsync(IBrowser browser, RealServer server, int number, Tally tally, CancellationToken stop)
    {
        var desk = await SignedInPageAsync(browser, server, number switch { 1 => "rosa", 2 => "luis", _ => "ana" }, "turnos");
        await EveryAsync(TimeSpan.FromSeconds(20), $"módulo {number}", tally, stop, async () =>
        {
            var callNext = desk.Locator("[data-testid=call-next]");
            var serve = desk.Locator("[data-testid=serve]");
            var finish = desk.Locator("[data-testid=finish]");
            var noDesk = desk.Locator("[data-testid=no-desk]");
            // Last round's message («No hay turnos en espera», «Turno … terminado») is closed first, as the clerk would:
            // left on screen, it would read as this round's answer.
            var message = desk.Locator("[data-testid=desk-message]");
            for (var attempt = 1; await message.IsVisibleAsync(); attempt++)
            {
                if (attempt > 1) Interlocked.Increment(ref tally.Reclicks);
                if (attempt > 3) throw new TimeoutException("El mensaje del módulo no se cerró tras tres clics.");
                await message.Locator("button").First.ClickAsync();
                try
                {
                    await message.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 10_000 });
                }
                catch (TimeoutException)
                {
                }
            }
            await callNext.Or(serve).Or(finish).Or(noDesk).First.WaitForAsync();
            if (await noDesk.IsVisibleAsync())
            {
                await desk.Locator("[data-testid=desk-select]").ClickAsync();
                await desk.Locator(".mud-popover-open .mud-list-item", new() { HasText = $"Módulo {number}" }).First.ClickAsync();
                await callNext.Or(serve).Or(finish).First.WaitForAsync();
            }
            if (await callNext.IsVisibleAsync())
            {
                var nobody = desk.Locator("[data-testid=desk-message]", new() { HasText = "No hay turnos en espera" });
                await ClickUntilAsync(callNext, serve.Or(nobody), tally);
                if (await nobody.IsVisibleAsync()) return;
            }
            await serve.Or(finish).First.WaitForAsync();
            if (await serve.IsVisibleAsync()) await ClickUntilAsync(serve, finish, tally);
            await desk.Locator(".mud-select", new() { HasText = "Resultado" }).First.ClickAsync();
            await desk.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Resuelto: información" }).First.ClickAsync();
            // The choice is the server's once the list has closed (a click on «Terminar» before that can overtake it).
            await desk.Locator(".mud-popover-open").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            await ClickUntilAsync(finish, desk.Locator("[data-testid=desk-message]", new() { HasText = "terminado" }), tally);
            Interlocked.Increment(ref tally.Served);
        }, desk);
    }

    /// <summary>Thirty written petitions a day: one every 16 minutes of the day, every 2 compressed.</summary>
    private static async Task OficialiaAsync(IBrowser browser, RealServer server, Tally tally, CancellationToken stop)
    {
        var olga = await SignedInPageAsync(browser, server, "olga", "peticiones/nueva");
        var n = 0;
        await EveryAsync(TimeSpan.FromMinutes(2), "oficialía", tally, stop, async () =>
        {
            await olga.GotoAsync("peticiones/nueva");
            await olga.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await olga.Locator("input[data-testid=oficialia-folio]").FillAsync($"OP-SOAK-{++n}");
            await olga.Locator("input[data-testid=petitioner]").FillAsync("Usuaria de la jornada");
            await olga.Locator(".mud-select", new() { HasText = "Tipo de petición" }).First.ClickAsync();
            await olga.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
            await olga.Locator("textarea[data-testid=subject]").FillAsync("Revisión del cobro del bimestre");
            await olga.Locator("[data-testid=register]").ClickAsync();
            // The new petition's page, with the Oficialía folio just typed (waiting for the address instead once timed out
            // with the page already shown: Blazor changes the address without a load event).
            await olga.Locator("text=folio de Oficialía OP-SOAK-" + n).First.WaitForAsync();
            Interlocked.Increment(ref tally.Petitions);
        }, olga);
    }

    /// <summary>The daily follow-up, worked through: a progress request recorded every 30 s (each one reaches the boards).</summary>
    private static async Task FollowUpAsync(IBrowser browser, RealServer server, Tally tally, CancellationToken stop)
    {
        var rosa = await SignedInPageAsync(browser, server, "rosa", "seguimiento");
        await EveryAsync(TimeSpan.FromSeconds(30), "seguimiento", tally, stop, async () =>
        {
            await rosa.GotoAsync("seguimiento");
            await rosa.Locator("[data-interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            var pending = rosa.Locator("tr.pending-today").First;
            if (await pending.CountAsync() == 0) return;
            // The row is named by its folio and area: once recorded it stays, marked «Hecho hoy».
            var key = await pending.GetAttributeAsync("data-follow-up");
            // Recorded, the row is marked «Hecho hoy» or, the list being sorted again, moves off this page: the count says it.
            var summary = rosa.Locator("[data-testid=follow-up-summary]");
            var left = int.Parse(System.Text.RegularExpressions.Regex.Match(await summary.InnerTextAsync(), @"(\d+) de \d+").Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture);
            await ClickUntilAsync(rosa.Locator($"tr[data-follow-up=\"{key}\"] [data-testid=record]"),
                rosa.Locator($"tr.done-today[data-follow-up=\"{key}\"]").Or(summary.Filter(new() { HasText = $" {left - 1} de " })), tally);
            Interlocked.Increment(ref tally.FollowUps);
        }, rosa);
    }

    /// <summary>Staff reading the registers and boards (pages rendered on the server, then left): one every 5 s.</summary>
    private static async Task RegistersAsync(RealServer server, Tally tally, CancellationToken stop)
    {
        using var diana = await server.SignInAsync("diana", "Segura123");
        string[] pages = ["peticiones", "seguimiento", "peticiones/tablero", "visitas", "indicadores", "turnos", ""];
        var i = 0;
        await EveryAsync(TimeSpan.FromSeconds(5), "lecturas", tally, stop, async () =>
        {
            using var response = await diana.GetAsync(pages[i++ % pages.Length], stop);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"/{pages[(i - 1) % pages.Length]}: {response.StatusCode}");
            Interlocked.Increment(ref tally.Reads);
        });
    }

    /// <summary>
    /// Fifty phones on their turn pages' event streams: each follows one of the day's newest turns (read from the
    /// database, as its QR would give it) until the turn is served, then the phone takes another.
    /// </summary>
    private static async Task PhonesAsync(RealServer server, string folder, int phones, Tally tally, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
        var database = $"Data Source={Path.Combine(folder, "ventanilla.db")};Mode=ReadOnly;Pooling=False";
        async Task<string?> NextCodeAsync(int phone)
        {
            await using var connection = new SqliteConnection(database);
            await connection.OpenAsync(stop);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"PublicCode\" FROM \"Visits\" WHERE \"PublicCode\" IS NOT NULL ORDER BY \"Id\" DESC LIMIT 1 OFFSET $n";
            command.Parameters.AddWithValue("$n", phone % 10);
            return await command.ExecuteScalarAsync(stop) as string;
        }
        await Task.WhenAll(Enumerable.Range(0, phones).Select(phone => EveryAsync(TimeSpan.FromSeconds(1), "teléfono", tally, stop, async () =>
        {
            if (await NextCodeAsync(phone) is not { } code) return;
            using var response = await http.GetAsync($"turno/{code}/eventos", HttpCompletionOption.ResponseHeadersRead, stop);
            if (response.StatusCode == HttpStatusCode.NotFound) return; // yesterday's, or not issued yet
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            // Follow it for a while (the turn moves, a desk calls it), then let go as a phone whose page is closed.
            using var follow = CancellationTokenSource.CreateLinkedTokenSource(stop);
            follow.CancelAfter(TimeSpan.FromSeconds(40 + phone % 20));
            try
            {
                while (await reader.ReadLineAsync(follow.Token) is { } line)
                {
                    if (line.StartsWith("data:", StringComparison.Ordinal)) Interlocked.Increment(ref tally.PhoneUpdates);
                }
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
            }
        })));
    }

    private static bool Report(List<ProcessSample> samples, Tally tally, IReadOnlyCollection<string> failures, int screenErrors, int minutes)
    {
        var end = samples[^1].AtUtc;
        double Mean(double fromMinutes, double toMinutes) => samples.Where(s => s.AtUtc > end.AddMinutes(-fromMinutes) && s.AtUtc <= end.AddMinutes(-toMinutes))
            .Select(s => s.ResidentMegabytes).DefaultIfEmpty(double.NaN).Average();
        var last = Mean(20, 0);
        var before = Mean(40, 20);
        var change = (last - before) / before;
        var settled = minutes >= 40 && Math.Abs(change) <= SettleShare;
        // Handles and database connections: the second half's highest no higher than the first half's (plus a little slack for in-flight requests).
        var half = samples.Count / 2;
        int Max(IEnumerable<ProcessSample> part, Func<ProcessSample, int> of) => part.Select(of).DefaultIfEmpty(0).Max();
        var handlesFlat = Max(samples.Skip(half), s => s.Handles) <= Max(samples.Take(half), s => s.Handles) + 20;
        var databaseFlat = Max(samples.Skip(half), s => s.DatabaseHandles) <= Max(samples.Take(half), s => s.DatabaseHandles) + 2;
        var errors = tally.Errors + failures.Count + screenErrors;

        Console.WriteLine($"  Hecho: {tally.Turns} turnos, {tally.Served} atendidos, {tally.Petitions} peticiones registradas, {tally.FollowUps} seguimientos, " +
            $"{tally.Reads} lecturas de registros, {tally.PhoneUpdates} avisos a teléfonos; {tally.Reclicks} clics repetidos porque la pantalla no respondió en 10 s.");
        Console.WriteLine($"  Memoria residente: al empezar {samples[0].ResidentMegabytes:0} MB, máxima {samples.Max(s => s.ResidentMegabytes):0} MB, " +
            $"al terminar {samples[^1].ResidentMegabytes:0} MB; media de los últimos 20 min {last:0} MB contra {before:0} MB de los 20 anteriores " +
            $"({change:+0.0 %;-0.0 %}): {(settled ? "SE ASIENTA" : "NO SE ASIENTA")} (≤ {SettleShare:0 %}).");
        Console.WriteLine($"  Manejadores: primera mitad máx. {Max(samples.Take(half), s => s.Handles)}, segunda máx. {Max(samples.Skip(half), s => s.Handles)} " +
            $"({(handlesFlat ? "sin crecer" : "CRECEN")}); de la base: {Max(samples.Take(half), s => s.DatabaseHandles)} y {Max(samples.Skip(half), s => s.DatabaseHandles)} " +
            $"({(databaseFlat ? "sin crecer" : "CRECEN")}); hilos al terminar {samples[^1].Threads}.");
        Console.WriteLine($"  Errores: {tally.Errors} de las personas y pantallas, {failures.Count} en la bitácora del servidor, {screenErrors} pantallas sin servidor: " +
            $"{(errors == 0 ? "NINGUNO" : "HAY ERRORES")}.");
        foreach (var line in tally.First.Concat(failures.Take(10))) Console.WriteLine($"    {line}");
        return settled && handlesFlat && databaseFlat && errors == 0;
    }
}
