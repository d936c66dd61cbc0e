using System.Diagnostics;
using Ventanilla.Features.Indicators;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Server;

/// <summary>
/// The first person after a restart waits like the rest: before the server listens, the queries of the pages opened
/// most are run once, so EF compiles them (and their code is jitted) now rather than on the first visitor's request;
/// the shared snapshots of the boards are built too; then every staff page is rendered to HTML (<see cref="PageWarmup"/>)
/// twice, each round followed by a wait for the compiler to settle (<see cref="CompilerSettle"/>). Once it listens,
/// the HTTP pipeline is warmed over the loopback (<see cref="LoopbackWarmup"/>).
/// Read-only, every step on its own: a step that fails is logged and the server starts anyway. Off with
/// <c>Server:Warmup=false</c>.
/// </summary>
public sealed class StartupWarmup(IServiceProvider services, IConfiguration configuration, ILogger<StartupWarmup> logger) : IHostedLifecycleService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Server:Warmup", true)) return;
        var watch = Stopwatch.StartNew();
        // An actor of every role (the office's staff see all) and one of an area: the two shapes of the lists' queries.
        var staff = Actor.System;
        var area = new Actor("", Actor.SystemName, new HashSet<string> { Roles.Area }, new HashSet<int> { 0 });
        var queries = services.GetRequiredService<PetitionQueries>();
        var indicators = services.GetRequiredService<IndicatorService>();
        var today = services.GetRequiredService<OfficeClock>().Today();
        (string Name, Func<Task> Step)[] steps =
        [
            ("peticiones", () => queries.ListAsync(staff, new PetitionFilter(OpenOnly: true))),
            ("peticiones por entregar", () => queries.ListAsync(staff, new PetitionFilter(Status: PetitionStatus.Entregada), 1, 20)),
            ("peticiones de un área", () => queries.ListAsync(area, new PetitionFilter(OpenOnly: true))),
            ("por registrar", () => queries.PendingDraftsAsync()),
            ("seguimiento", () => queries.FollowUpsAsync(staff)),
            ("tablero por área", () => services.GetRequiredService<PetitionBoard>().GetAsync()),
            ("tablero de semáforos", () => services.GetRequiredService<FollowUpWallBoard>().GetAsync()),
            ("fila de hoy", () => services.GetRequiredService<QueueBoards>().GetAsync()),
            ("control de usuarios", () => services.GetRequiredService<VisitRegisterService>().ListAsync(new VisitFilter(today, today))),
            ("indicadores", () => indicators.GetMonthAsync(indicators.CurrentMonth())),
            ("una petición", async () =>
            {
                if (await PageWarmup.LatestFolioAsync(services, cancellationToken) is { } folio)
                {
                    await services.GetRequiredService<PetitionDetails>().FindAsync(folio, cancellationToken);
                }
            }),
            ("catálogos", () => services.GetRequiredService<CatalogService>().ListAreasAsync()),
            ("módulos", () => services.GetRequiredService<ReceptionCatalogService>().ListDesksAsync()),
            ("usuarios", () => services.GetRequiredService<UserService>().ListAsync(cancellationToken)),
            // Every signed-in request checks its session first: the first person's first page paid its compiling.
            ("sesiones", () => services.GetRequiredService<SessionStore>().IsActiveAsync("", "", cancellationToken)),
            ("oficinas", () => services.GetRequiredService<OfficeService>().ListAsync(ct: cancellationToken)),
        ];
        foreach (var (name, step) in steps)
        {
            try
            {
                await step();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "No se pudo preparar {Paso} al arrancar; se preparará con su primera visita.", name);
            }
        }
        var pages = 0;
        var settled = new List<int>();
        // The pages twice, with the compiler left to settle after each round: .NET starts counting a method's calls (to
        // compile it again, optimized, after 30) only once no new method has been compiled for a moment, so the first
        // round's calls do not count. The second round's do: the heavy pages' code is optimized now, in the background,
        // and not while the first people's pages run beside it on a two-core server (their first render was up to 1.8×
        // their later ones on a city).
        for (var round = 0; round < 2; round++)
        {
            try
            {
                pages = await PageWarmup.RenderAsync(services, logger, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (round == 0) logger.LogWarning(ex, "No se pudieron preparar las pantallas al arrancar; se prepararán con su primera visita.");
            }
            // Nothing rendered (a new installation, nobody to render for): nothing to optimize, nothing to wait for.
            if (pages == 0) break;
            settled.Add((int)(await CompilerSettle.WaitAsync(cancellationToken)).TotalMilliseconds);
        }
        logger.LogInformation("Consultas de las pantallas y {Pages} pantallas preparadas en {Ms} ms (la compilación se calmó en {Settled} ms).",
            pages, (int)watch.Elapsed.TotalMilliseconds, settled.Count == 0 ? "0" : string.Join(" y ", settled));
    }

    /// <summary>After every hosted service started, the web server included: it listens now.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Server:Warmup", true)) return;
        var watch = Stopwatch.StartNew();
        try
        {
            var steps = await LoopbackWarmup.RunAsync(services, logger, cancellationToken);
            logger.LogInformation("Cadena HTTP preparada ({Steps} pasos) en {Ms} ms.", steps, (int)watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "No se pudo preparar la cadena HTTP al arrancar; se preparará con la primera visita.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
