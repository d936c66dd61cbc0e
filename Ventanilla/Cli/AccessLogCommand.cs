using System.CommandLine;
using Ventanilla.Features.Citizen;
using Ventanilla.Features.Privacy;

namespace Ventanilla.Cli;

/// <summary>
/// <c>access-log FOLIO [--from] [--to]</c>: who read the personal data of one folio, when and from where (the same lines
/// as Administración → Bitácora de accesos), for an ARCO answer or an audit on the server itself.
/// </summary>
public static class AccessLogCommand
{
    public static Command Build(CliContext cli)
    {
        var folio = new Argument<string>("FOLIO") { Description = "Folio de la petición (por ejemplo AU-2026-00015)." };
        var from = new Option<string?>("--from") { Description = "Primer día, yyyy-MM-dd (predeterminado: desde el principio)." };
        var to = new Option<string?>("--to") { Description = "Último día, yyyy-MM-dd (predeterminado: hoy)." };
        var command = new Command("access-log", "Imprime quién consultó los datos personales de un folio, cuándo y desde dónde.") { folio, from, to };
        command.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var typed = FolioLookup.Typed(parse.GetValue(folio));
            var filter = new AccessFilter(Folio: typed, From: HtmlInputs.Date(parse.GetValue(from), "--from"), To: HtmlInputs.Date(parse.GetValue(to), "--to"));
            var count = 0;
            await foreach (var row in cli.Get<AccessLog>().RowsAsync(Actor.CommandLine, filter, token))
            {
                count++;
                var detail = row.Detail is null ? "" : $" ({row.Detail})";
                await cli.Output.WriteLineAsync($"{row.AtLocal:dd/MM/yyyy HH:mm:ss} · {row.UserName} · {row.KindLabel}: {row.Subject}{detail} · {row.Source} · {row.Address}");
            }
            await cli.Output.WriteLineAsync(count == 0
                ? $"Nadie ha consultado datos personales del folio {typed} en ese periodo."
                : $"Folio {typed}: {Spanish.Count(count, "acceso", "accesos")}.");
            return 0;
        }, ct));
        return command;
    }
}
