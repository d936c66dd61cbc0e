using System.Diagnostics;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>Runs one of the <c>.ci/</c> scripts that start and stop the tests' throwaway servers (PostgreSQL, OpenLDAP).</summary>
public static class CiScripts
{
    public static string PathOf(string name) => Path.Combine(Ventanilla.Data.DatabaseLocation.BaseFolder(), ".ci", name);

    public static async Task<(int Code, string Output, string Error)> RunAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Stops a server the tests started (<c>SCRIPT stop FOLDER</c>) when this process ends, however it ends. The
    /// process's exit handler stops it at once on a normal end; but the test host is sometimes killed after the run (and
    /// a benchmark by Ctrl+C), and then no handler runs: clusters and slapd processes were left behind. So a watchdog in
    /// its own session, with no tie to this process's output (the test runner would wait for it), stops the server once
    /// this process id is gone. Stopping twice is harmless: the scripts stop only what is still there.
    /// </summary>
    public static void StopWhenProcessEnds(string script, string folder)
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAsync(script, "stop", folder).GetAwaiter().GetResult();
        StopWhenGone(Environment.ProcessId, script, folder);
    }

    /// <summary>The watchdog alone: runs <c>SCRIPT stop FOLDER</c> once process <paramref name="processId"/> is gone.</summary>
    public static void StopWhenGone(int processId, string script, string folder)
    {
        var watchdog = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        watchdog.ArgumentList.Add("bash");
        watchdog.ArgumentList.Add("-c");
        watchdog.ArgumentList.Add("exec </dev/null >/dev/null 2>&1; while kill -0 \"$0\"; do sleep 2; done; bash \"$1\" stop \"$2\"");
        watchdog.ArgumentList.Add(processId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        watchdog.ArgumentList.Add(script);
        watchdog.ArgumentList.Add(folder);
        using var process = Process.Start(watchdog)!;
    }
}
