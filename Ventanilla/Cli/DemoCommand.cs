using System.CommandLine;
using Ventanilla.Features.Import;
using Ventanilla.Features.Import.Demo;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Reception;

namespace Ventanilla.Cli;

/// <summary>
/// <c>demo</c>: everything needed to look around in one command, on a database without petitions: the sample
/// legacy file imported, one user per role (passwords printed), today's queue with visits waiting and served,
/// and two petitions of today routed to areas, so every screen and board shows something real.
/// </summary>
public static class DemoCommand
{
    private static readonly (string UserName, string FullName, string Role, string[] Areas)[] Users =
    [
        ("admin.demo", "Administración (demostración)", Roles.Administrador, []),
        ("recepcion", "Tableta de recepción", Roles.Recepcion, []),
        ("rosa", "Rosa Martínez", Roles.AtencionUsuarios, []),
        ("diana", "Diana López", Roles.DireccionComercial, []),
        ("olga", "Olga Ruiz", Roles.OficialiaPartes, []),
        ("oscar", "Óscar Díaz", Roles.Area, ["Operación"]),
        ("tv", "Televisión de la sala de espera", Roles.Pantalla, []),
    ];

    public static Command Build(CliContext cli)
    {
        var command = new Command("demo", "Carga datos de demostración (solo en una base sin peticiones) e imprime los usuarios y contraseñas.");
        command.SetAction((_, ct) => cli.RunAsync(async token =>
        {
            await using (var db = await cli.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(token))
            {
                if (await db.Petitions.AnyAsync(token))
                {
                    throw new RuleException("Esta base ya tiene peticiones: la demostración solo se carga en una base nueva (para no mezclarse con datos reales).");
                }
            }

            var report = await cli.Get<LegacyImport>().RunAsync(() => File.OpenRead(DemoFiles.LegacySample), Path.GetFileName(DemoFiles.LegacySample),
                new ImportOptions(UserName: "Demostración"), ct: token);
            if (!report.Written) throw new RuleException($"No se pudo importar el archivo de muestra:\n{report.ToText()}");
            await cli.Output.WriteLineAsync($"Control de peticiones anterior: {Spanish.Petitions(report.ToAdd)} importadas de {report.FileName}.");

            await cli.Output.WriteLineAsync("Usuarios (anote las contraseñas; se pueden cambiar con «user reset-password»):");
            foreach (var (userName, fullName, role, areas) in Users)
            {
                try
                {
                    var created = await cli.Get<UserService>().CreateAsync(Actor.CommandLine, new UserInput(userName, fullName, [role], areas), token);
                    await cli.Output.WriteLineAsync($"  {userName,-11} {created.GeneratedPassword,-14} {Roles.DisplayName(role)}{(areas.Length > 0 ? $" ({string.Join(", ", areas)})" : "")}");
                }
                catch (RuleException)
                {
                    await cli.Output.WriteLineAsync($"  {userName,-11} (ya existía; conserva su contraseña)");
                }
            }

            var (waiting, served) = await FillQueueAsync(cli, token);
            await cli.Output.WriteLineAsync($"Fila de hoy: {Spanish.Count(waiting, "turno esperando", "turnos esperando")}, {Spanish.Count(served, "atendido o en atención", "atendidos o en atención")}.");
            var routed = await TodaysPetitionsAsync(cli, token);
            await cli.Output.WriteLineAsync($"Peticiones de hoy turnadas a las áreas: {routed}.");
            await cli.Output.WriteLineAsync("Listo: inicie la aplicación y entre con cualquiera de esos usuarios.");
            return 0;
        }, ct));
        return command;
    }

    /// <summary>Eight visitors at the kiosk; two called to desks, one of them already served.</summary>
    private static async Task<(int Waiting, int Served)> FillQueueAsync(CliContext cli, CancellationToken ct)
    {
        var queue = cli.Get<QueueService>();
        var categories = await cli.Get<ReceptionCatalogService>().ListCategoriesAsync(activeOnly: true, ct);
        var desks = await cli.Get<ReceptionCatalogService>().ListDesksAsync(activeOnly: true, ct);
        if (categories.Count == 0 || desks.Count == 0) return (0, 0);
        string?[] names = ["Ana Torres", null, "Luis Gómez", null, "Carmen Ortiz", null, "Pedro Salas", null];
        for (var i = 0; i < names.Length; i++)
        {
            await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), categories[i % categories.Count].Id, i == 2 ? PreferentialReason.OlderAdult : PreferentialReason.None, names[i]), ct);
        }
        var served = 0;
        foreach (var desk in desks.Take(2))
        {
            var ticket = await queue.CallNextAsync(Actor.System, desk.Id, ct);
            await queue.StartServiceAsync(Actor.System, desk.Id, ticket.TicketId, ct);
            if (served == 0) await queue.FinishAsync(Actor.System, desk.Id, ticket.TicketId, new ServiceOutcome(VisitOutcome.Information, null, "Horarios de pago"), ct);
            served++;
        }
        return (names.Length - served, served);
    }

    /// <summary>Two written petitions received today, handed over by the Dirección and routed by Atención a Usuarios.</summary>
    private static async Task<int> TodaysPetitionsAsync(CliContext cli, CancellationToken ct)
    {
        var actors = cli.Get<Actors>();
        await using var db = await cli.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
        var ids = await db.Users.Where(u => u.UserName == "olga" || u.UserName == "diana" || u.UserName == "rosa").ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        if (ids.Count < 3) return 0;
        var (oficialia, director, clerk) = (await actors.ForUserAsync(ids["olga"], ct), await actors.ForUserAsync(ids["diana"], ct), await actors.ForUserAsync(ids["rosa"], ct));
        var type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync(ct);
        var areas = await db.Areas.Where(a => a.Name == "Operación" || a.Name == "Facturación y Cobranza").ToDictionaryAsync(a => a.Name, a => a.Id, ct);
        var now = cli.Get<OfficeClock>().Now().DateTime.AddMinutes(-5);
        (string Name, string Subject, string Area)[] petitions =
        [
            ("Ernesto Vidal", "Fuga en la toma domiciliaria desde hace una semana", "Operación"),
            ("Patricia Ramos", "Cobro doble en el recibo del bimestre", "Facturación y Cobranza"),
        ];
        var responses = cli.Get<PetitionResponses>();
        var service = cli.Get<PetitionService>();
        foreach (var (i, (name, subject, area)) in petitions.Index())
        {
            var p = await cli.Get<PetitionRegistration>().RegisterWrittenAsync(oficialia, new WrittenPetitionInput(new PetitionInput(type, subject, name), $"OP-DEMO-{i + 1}", now), ct);
            p = await responses.ForwardToAttentionAsync(director, p.Id, p.Version, "Atender", ct);
            await service.RouteAsync(clerk, p.Id, p.Version, [areas[area]], "Favor de revisar", ct);
        }
        return petitions.Length;
    }
}
