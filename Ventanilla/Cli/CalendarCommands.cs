using System.CommandLine;

namespace Ventanilla.Cli;

/// <summary><c>calendar export FILE</c> and <c>calendar import FILE</c>: the non-working days as CSV.</summary>
public static class CalendarCommands
{
    public static Command Build(CliContext cli)
    {
        var calendar = new Command("calendar", "Días inhábiles: exportar el calendario o importar los días del organismo.");
        calendar.Subcommands.Add(Export(cli));
        calendar.Subcommands.Add(Import(cli));
        return calendar;
    }

    private static Command Export(CliContext cli)
    {
        var file = new Argument<string>("ARCHIVO") { Description = "Archivo CSV a escribir (se reemplaza si existe)." };
        var command = new Command("export",
            "Escribe cada día inhábil (sin fines de semana) desde el primer año con datos hasta el año próximo: Fecha,Tipo,Descripcion.") { file };
        command.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var days = await cli.Get<CalendarService>().NonWorkingDaysAsync(token);
            var bytes = await CsvFiles.ToBytesAsync(OrganismoDaysCsv.CalendarHeader, days.Select(OrganismoDaysCsv.CalendarRow), token);
            var (path, _) = await ExportCommands.WriteAsync(parse.GetValue(file)!, async output =>
            {
                await output.WriteAsync(bytes, token);
                return days.Count;
            }, token);
            var federal = days.Count(d => d.Kind == DayKind.Federal);
            var years = days.Count == 0 ? "" : $" de {days[0].Date.Year} a {days[^1].Date.Year}";
            await cli.Output.WriteLineAsync($"Calendario escrito en {path}: {Spanish.Count(days.Count, "día inhábil", "días inhábiles")}{years} ({federal} federales, {days.Count - federal} del organismo).");
            return 0;
        }, ct));
        return command;
    }

    private static Command Import(CliContext cli)
    {
        var file = new Argument<string>("ARCHIVO") { Description = "CSV con Fecha,FechaFin,Descripcion (o Fecha,Tipo,Descripcion como lo exporta calendar export)." };
        var command = new Command("import", "Agrega los días inhábiles del organismo de un CSV; los que ya existen se omiten.") { file };
        command.SetAction((parse, ct) => cli.RunAsync(async token =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(path, token);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new RuleException($"No se pudo leer {path}: {ex.Message}");
            }
            var result = await cli.Get<CalendarService>().ImportOrganismoDaysAsync(content, Actor.CommandLine, token);
            await cli.Output.WriteLineAsync(
                $"Importación de {Path.GetFileName(path)}: {result.Read} filas del organismo leídas, {result.Added} agregadas, " +
                $"{result.AlreadyPresent} ya estaban registradas; {CalendarService.MovedText(result.PetitionsMoved)}.");
            return 0;
        }, ct));
        return command;
    }
}
