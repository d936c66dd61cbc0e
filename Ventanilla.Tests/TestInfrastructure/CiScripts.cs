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
}
