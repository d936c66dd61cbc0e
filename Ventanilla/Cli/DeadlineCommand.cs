using System.CommandLine;
using Ventanilla.Features.Deadlines;
using Ventanilla.Features.Shared;

namespace Ventanilla.Cli;

/// <summary><c>deadline WHEN [--days N] [--explain]</c>: the due date of a petition received at WHEN.</summary>
public static class DeadlineCommand
{
    public static Command Build(CliContext cli)
    {
        var when = new Argument<string[]>("CUANDO")
        {
            Description = "Fecha de recepción yyyy-MM-dd, o fecha y hora yyyy-MM-dd HH:mm (hora local de la oficina).",
            Arity = new ArgumentArity(1, 2),
        };
        var days = new Option<int?>("--days", "-d") { Description = "Plazo en días hábiles (predeterminado: el de los ajustes, 15)." };
        var explain = new Option<bool>("--explain") { Description = "Lista los días contados y los que se saltaron, con el motivo." };
        var command = new Command("deadline", "Calcula la fecha límite de una petición recibida en CUANDO.") { when, days, explain };
        command.SetAction((parse, ct) => cli.RunAsync(async _ =>
        {
            var received = CalendarService.ParseWhen(string.Join(' ', parse.GetValue(when)!));
            var answer = cli.Get<CalendarService>().Explain(received, parse.GetValue(days));
            await cli.Output.WriteLineAsync($"Recibida: {received:dd/MM/yyyy HH:mm} · día 0: {answer.DayZero:dd/MM/yyyy} · plazo: {Spanish.BusinessDays(answer.TermDays)}");
            if (parse.GetValue(explain))
            {
                await cli.Output.WriteLineAsync($"  {answer.DayZeroReason}");
                foreach (var day in answer.Days)
                {
                    await cli.Output.WriteLineAsync($"  {day.Date:yyyy-MM-dd} {day.Date.ToString("ddd", VentanillaHosting.Culture),-5} {(day.Counted ? "cuenta" : "no cuenta")}  {day.Reason}");
                }
            }
            await cli.Output.WriteLineAsync(answer.DueDate.ToString("yyyy-MM-dd"));
            return 0;
        }, ct));
        return command;
    }
}
