using System.CommandLine;
using Ventanilla.Features.Padron;

namespace Ventanilla.Cli;

/// <summary>
/// <c>padron import ARCHIVO</c>: the utility's account register from its commercial system's CSV export, for a nightly
/// scheduled task. All or nothing; exit code 1 with every bad line when the file has errors.
/// </summary>
public static class PadronCommand
{
    public static Command Build(CliContext cli)
    {
        var file = new Argument<string>("ARCHIVO") { Description = "CSV del padrón exportado del sistema comercial (UTF-8 o Windows-1252; coma, punto y coma o tabulador)." };
        var import = new Command("import", "Importa el padrón de usuarios; si una línea tiene error, no importa nada.") { file };
        import.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path)) throw new RuleException($"No existe el archivo {path}.");
            var report = await cli.Get<PadronImporter>().ImportAsync(Actor.CommandLine, () => File.OpenRead(path), Path.GetFileName(path), token);
            await cli.Output.WriteLineAsync($"Archivo: {Path.GetFileName(path)} ({report.FileFormat}); {Spanish.Count(report.Rows, "cuenta", "cuentas")}.");
            if (report.IgnoredColumns.Count > 0) await cli.Output.WriteLineAsync($"Columnas que no se usan: {string.Join(", ", report.IgnoredColumns)}.");
            if (report.Applied)
            {
                await cli.Output.WriteLineAsync($"Padrón importado: {report.Summary}.");
                return 0;
            }
            foreach (var problem in report.Problems) await cli.Error.WriteLineAsync(problem.ToString());
            if (report.ProblemCount > report.Problems.Count) await cli.Error.WriteLineAsync($"… y {report.ProblemCount - report.Problems.Count:N0} más.");
            await cli.Error.WriteLineAsync($"Error: {Spanish.Count(report.ProblemCount, "línea con error", "líneas con error")}; no se importó nada y sigue en uso el padrón anterior.");
            return 1;
        }, ct));
        return new Command("padron", "El padrón de usuarios del organismo (cuentas, titulares, domicilios).") { import };
    }
}
