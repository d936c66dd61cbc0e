using System.Diagnostics;
using System.Text;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>What the executable printed, and its exit code (null when the test stopped it).</summary>
public sealed record ProcessRun(int? ExitCode, string Output);

/// <summary>
/// The app's own executable, run as an office runs it from source (<c>dotnet run --project Ventanilla</c>): the project
/// folder as content root (its appsettings), the Development environment of launchSettings, a database of the test's.
/// For what only a real start shows: the console a new office reads, exit codes, a typo in the first word.
/// </summary>
public static class AppProcess
{
    public static async Task<ProcessRun> RunAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, Func<string, bool>? until = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(DatabaseLocation.BaseFolder(), "Ventanilla"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ventanilla.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Backup__Enabled"] = "false";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        while (!process.HasExited && deadline.Elapsed < limit)
        {
            string text;
            lock (output) text = output.ToString();
            if (until?.Invoke(text) == true) break;
            await Task.Delay(100);
        }
        int? code = null;
        if (process.HasExited)
        {
            await process.WaitForExitAsync();
            code = process.ExitCode;
        }
        else
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        lock (output) return new ProcessRun(code, output.ToString());
    }

    /// <summary>The environment of a run over a database file in <paramref name="folder"/>.</summary>
    public static Dictionary<string, string> On(string folder) => new()
    {
        ["ConnectionStrings__Ventanilla"] = $"Data Source={Path.Combine(folder, "ventanilla.db")}",
    };
}
