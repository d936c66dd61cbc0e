using System.CommandLine;

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
            var received = ParseWhen(string.Join(' ', parse.GetValue(when)!), cli.Get<CalendarService>().Clock().Terms.Opens);
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

    /// <summary>Parses the CLI's WHEN: <c>yyyy-MM-dd</c> (counted as received when the office opens) or <c>yyyy-MM-dd HH:mm</c>.</summary>
    public static DateTime ParseWhen(string when, TimeOnly opens)
    {
        var text = when.Trim();
        if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm", null, System.Globalization.DateTimeStyles.None, out var withTime))
        {
            return withTime;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date))
        {
            return date.ToDateTime(opens);
        }
        throw new RuleException($"Fecha y hora '{when}' no válida: use yyyy-MM-dd o yyyy-MM-dd HH:mm (por ejemplo 2026-11-13 16:30).");
    }
}
