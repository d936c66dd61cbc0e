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
            var clock = cli.Get<CalendarService>().Clock();
            var term = parse.GetValue(days) ?? clock.Terms.ResponseTermDays;
            if (term <= 0) throw new RuleException($"El plazo (--days) debe ser de al menos 1 día hábil; se recibió {term}.");

            var dayZero = clock.ReceptionDay(received);
            await cli.Output.WriteLineAsync($"Recibida: {received:dd/MM/yyyy HH:mm} · día 0: {dayZero:dd/MM/yyyy} · plazo: {term} días hábiles");
            var counted = clock.CountedDays(dayZero, term);
            if (parse.GetValue(explain))
            {
                foreach (var day in counted)
                {
                    await cli.Output.WriteLineAsync($"  {day.Date:yyyy-MM-dd} {day.Date.ToString("ddd", VentanillaHosting.Culture),-5} {(day.Counted ? "cuenta" : "no cuenta")}  {day.Reason}");
                }
            }
            await cli.Output.WriteLineAsync(counted.Last(d => d.Counted).Date.ToString("yyyy-MM-dd"));
            return 0;
        }, ct));
        return command;
    }
}
