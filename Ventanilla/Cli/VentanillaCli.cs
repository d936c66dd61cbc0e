using System.CommandLine;
using System.Globalization;
using Ventanilla.Features.Server;

namespace Ventanilla.Cli;

/// <summary>
/// The administrative verbs of the same executable (<c>dotnet run --project Ventanilla -- VERB …</c>).
/// They use the same services as the web app, print Spanish reports and exit non-zero on failure.
/// </summary>
public static class VentanillaCli
{
    /// <summary>The verbs, written once: their names here are checked against the commands they build (CliTests).</summary>
    public static readonly IReadOnlyList<(string Name, Func<CliContext, Command> Build)> Verbs =
    [
        ("user", UserCommands.Build), ("backup", BackupCommand.Build), ("restore", RestoreCommand.Build), ("cert", CertCommand.Build),
        ("deadline", DeadlineCommand.Build), ("calendar", CalendarCommands.Build), ("export", ExportCommands.Build), ("import", ImportCommand.Build),
        ("demo", DemoCommand.Build), ("migrate-to-postgres", MigrateCommand.Build), ("access-log", AccessLogCommand.Build), ("padron", PadronCommand.Build), ("token", TokenCommand.Build),
    ];

    private static readonly string[] HelpSwitches = ["--help", "-h", "-?", "--version"];

    /// <summary>
    /// Any first word is for the verbs (a mistyped one is told, not taken as a start of the server); only no arguments or
    /// the host's own switches (<c>--urls …</c>, <c>--Section:Key=value</c>, <c>/Key value</c>) start the web app.
    /// </summary>
    public static bool Handles(string[] args)
        => args.Length > 0 && (HelpSwitches.Contains(args[0], StringComparer.OrdinalIgnoreCase) || !(args[0].StartsWith('-') || args[0].StartsWith('/') || args[0].Contains('=')));

    /// <summary>The known verb <paramref name="word"/> names (case-insensitive), or null.</summary>
    private static string? VerbNamed(string word) => Verbs.Select(v => v.Name).FirstOrDefault(v => string.Equals(v, word, StringComparison.OrdinalIgnoreCase));

    /// <summary>«verbo desconocido», the closest verb when it looks like a typo, and the list.</summary>
    public static string UnknownVerb(string word)
    {
        var closest = Verbs.Select(v => v.Name).MinBy(v => Distance(v, word.ToLowerInvariant()))!;
        var hint = Distance(closest, word.ToLowerInvariant()) <= 2 ? $" ¿Quiso decir «{closest}»?" : "";
        return $"Error: verbo desconocido «{word}».{hint} Los verbos son: {string.Join(", ", Verbs.Select(v => v.Name))}. " +
            "Sin verbo se inicia la aplicación web; «--help» explica cada verbo.";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }

    /// <param name="configure">Lets tests point the verbs at their own database and clock.</param>
    public static async Task<int> RunAsync(
        string[] args, Action<WebApplicationBuilder>? configure = null, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        CultureInfo.CurrentCulture = VentanillaHosting.Culture;
        CultureInfo.CurrentUICulture = VentanillaHosting.Culture;
        if (!HelpSwitches.Contains(args[0], StringComparer.OrdinalIgnoreCase))
        {
            // Told before anything is built: a typo never opens (or creates) a database.
            if (VerbNamed(args[0]) is not { } verb)
            {
                await error.WriteLineAsync(UnknownVerb(args[0]));
                return 1;
            }
            args = [verb, .. args[1..]];
        }

        // The verb's own arguments are not configuration: the builder gets none of them.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.AddVentanilla();
        configure?.Invoke(builder);
        await using var app = builder.Build();

        var context = new CliContext(app.Services, output, error);
        var root = new RootCommand("Ventanilla: atención a usuarios del organismo operador de agua. Sin verbo, inicia la aplicación web.");
        foreach (var (_, build) in Verbs) root.Subcommands.Add(build(context));
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}

/// <summary>What every verb needs: the app's services and where to write.</summary>
public sealed record CliContext(IServiceProvider Services, TextWriter Output, TextWriter Error)
{
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Prepares the database like the web app does (unless the verb is about to replace it), runs the verb, and turns a
    /// broken rule or an unusable database into a Spanish message and exit code 1.
    /// </summary>
    public async Task<int> RunAsync(Func<CancellationToken, Task<int>> verb, CancellationToken ct, bool prepareDatabase = true)
    {
        try
        {
            if (prepareDatabase)
            {
                await DatabaseInitializer.InitializeAsync(Services, ct);
                await Get<SettingsService>().ReloadAsync(ct);
            }
            return await verb(ct);
        }
        catch (Exception ex) when (ex is RuleException or DatabaseStartupException)
        {
            await Error.WriteLineAsync($"Error: {ex.Message}");
            return 1;
        }
    }
}
