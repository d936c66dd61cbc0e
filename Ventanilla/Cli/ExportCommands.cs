using System.CommandLine;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Privacy;
using Ventanilla.Features.Reception;

namespace Ventanilla.Cli;

/// <summary><c>export visits FILE [--from] [--to]</c> and <c>export petitions FILE</c>: the registers as CSV for auditors.</summary>
public static class ExportCommands
{
    public static Command Build(CliContext cli)
    {
        var export = new Command("export", "Exporta los registros a CSV (UTF-8 con BOM, encabezados en español).");
        export.Subcommands.Add(Visits(cli));
        export.Subcommands.Add(Petitions(cli));
        return export;
    }

    private static Command Visits(CliContext cli)
    {
        var file = new Argument<string>("ARCHIVO") { Description = "Archivo CSV a escribir (se reemplaza si existe)." };
        var from = new Option<string?>("--from") { Description = "Primer día, yyyy-MM-dd (predeterminado: hoy)." };
        var to = new Option<string?>("--to") { Description = "Último día, yyyy-MM-dd (predeterminado: el mismo que --from)." };
        var command = new Command("visits", "El Control de Usuarios (ON-GAU-12): cada visita con sus horas y su resultado.") { file, from, to };
        command.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var first = ParseDate(parse.GetValue(from), "--from") ?? cli.Get<OfficeClock>().Today();
            var last = ParseDate(parse.GetValue(to), "--to") ?? first;
            var register = cli.Get<VisitRegisterService>();
            var filter = new VisitFilter(first, last);
            VisitRegisterService.Check(filter);
            await cli.Get<AccessLog>().RecordAsync(Actor.CommandLine, VisitRegisterService.ExportRead(filter), ReadPlace.CommandLine, token);
            var (path, count) = await WriteAsync(parse.GetValue(file)!, output => register.WriteAsync(output, filter, token), token);
            await cli.Output.WriteLineAsync($"Control de Usuarios del {first:dd/MM/yyyy} al {last:dd/MM/yyyy}: {Spanish.Count(count, "visita escrita", "visitas escritas")} en {path}.");
            return 0;
        }, ct));
        return command;
    }

    private static Command Petitions(CliContext cli)
    {
        var file = new Argument<string>("ARCHIVO") { Description = "Archivo CSV a escribir (se reemplaza si existe)." };
        var command = new Command("petitions", "El Control de Peticiones (ON-GAU-02): cada petición con su plazo, semáforo y resultado.") { file };
        command.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var export = cli.Get<PetitionExport>();
            await cli.Get<AccessLog>().RecordAsync(Actor.CommandLine, PetitionExport.Read, ReadPlace.CommandLine, token);
            var (path, count) = await WriteAsync(parse.GetValue(file)!, output => export.WriteAsync(output, new PetitionFilter(), token), token);
            await cli.Output.WriteLineAsync($"Control de Peticiones: {Spanish.Count(count, "petición escrita", "peticiones escritas")} en {path}.");
            return 0;
        }, ct));
        return command;
    }

    private static DateOnly? ParseDate(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", out var date)
            ? date
            : throw new RuleException($"{option}: «{text}» no es una fecha válida; use yyyy-MM-dd (por ejemplo 2026-11-27).");
    }

    /// <summary>
    /// Writes the file beside its final name and renames it once complete, so an interrupted export never leaves half
    /// a register where the last full one was; returns the full path and the rows written.
    /// </summary>
    public static async Task<(string Path, int Count)> WriteAsync(string file, Func<Stream, Task<int>> write, CancellationToken ct)
    {
        var path = Path.GetFullPath(file);
        var partial = $"{path}.{Guid.NewGuid():N}.parcial";
        try
        {
            int count;
            await using (var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                count = await write(output);
            }
            File.Move(partial, path, overwrite: true);
            return (path, count);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuleException($"No se pudo escribir {path}: {ex.Message}");
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }
}
