using System.CommandLine;
using Ventanilla.Features.Import;

namespace Ventanilla.Cli;

/// <summary><c>import FILE [--dry-run]</c>: the office's old Control de Peticiones into Ventanilla, all or nothing.</summary>
public static class ImportCommand
{
    public static Command Build(CliContext cli)
    {
        var file = new Argument<string>("ARCHIVO") { Description = "CSV del control de peticiones anterior (UTF-8 o Windows-1252; coma, punto y coma o tabulador)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Solo revisa el archivo e informa; no escribe nada." };
        var command = new Command("import", "Importa peticiones de un archivo CSV heredado; si hay un error, no importa nada.") { file, dryRun };
        command.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path)) throw new RuleException($"No existe el archivo {path}.");
            var check = parse.GetValue(dryRun);
            var report = await cli.Get<LegacyImport>().RunAsync(() => File.OpenRead(path), Path.GetFileName(path), new ImportOptions(DryRun: check), ct: token);
            await cli.Output.WriteAsync(report.ToText());
            if (report.IsValid) return 0;
            await cli.Error.WriteLineAsync($"Error: el archivo tiene {report.ErrorCount} {(report.ErrorCount == 1 ? "error" : "errores")}; no se importó nada.");
            return 1;
        }, ct));
        return command;
    }
}
