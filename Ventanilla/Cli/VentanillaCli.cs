using System.CommandLine;
using System.Globalization;
using Ventanilla.Features.Admin;

namespace Ventanilla.Cli;

/// <summary>
/// The administrative verbs of the same executable (<c>dotnet run --project Ventanilla -- VERB …</c>).
/// They use the same services as the web app, print Spanish reports and exit non-zero on failure.
/// </summary>
public static class VentanillaCli
{
    private static readonly HashSet<string> Entry = new(StringComparer.OrdinalIgnoreCase)
    {
        "user", "backup", "restore", "cert", "deadline", "calendar", "export", "import", "demo", "migrate-to-postgres", "--help", "-h", "-?", "--version",
    };

    public static bool Handles(string[] args) => args.Length > 0 && Entry.Contains(args[0]);

    /// <param name="configure">Lets tests point the verbs at their own database and clock.</param>
    public static async Task<int> RunAsync(
        string[] args, Action<WebApplicationBuilder>? configure = null, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        CultureInfo.CurrentCulture = VentanillaHosting.Culture;
        CultureInfo.CurrentUICulture = VentanillaHosting.Culture;

        // The verb's own arguments are not configuration: the builder gets none of them.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.AddVentanilla();
        configure?.Invoke(builder);
        await using var app = builder.Build();

        var context = new CliContext(app.Services, output, error);
        var root = new RootCommand("Ventanilla: atención a usuarios del organismo operador de agua. Sin verbo, inicia la aplicación web.");
        root.Subcommands.Add(UserCommands.Build(context));
        root.Subcommands.Add(BackupCommand.Build(context));
        root.Subcommands.Add(RestoreCommand.Build(context));
        root.Subcommands.Add(CertCommand.Build(context));
        root.Subcommands.Add(DeadlineCommand.Build(context));
        root.Subcommands.Add(CalendarCommands.Build(context));
        root.Subcommands.Add(ExportCommands.Build(context));
        root.Subcommands.Add(ImportCommand.Build(context));
        root.Subcommands.Add(DemoCommand.Build(context));
        root.Subcommands.Add(MigrateCommand.Build(context));
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
