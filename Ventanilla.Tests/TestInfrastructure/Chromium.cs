using System.Diagnostics;
using Microsoft.Playwright;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// Debian's Chromium for the browser tests and the benchmarks (Playwright's own download does not work here).
/// When it is missing and we run as root, it is installed with apt-get; otherwise it fails saying how to
/// install it. Browser tests are never skipped.
/// </summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        var executable = Environment.GetEnvironmentVariable("VENTANILLA_CHROMIUM") ?? DefaultPath;
        if (!File.Exists(executable))
        {
            await InstallAsync(executable);
        }
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                // Background tabs must not be throttled: the benchmarks keep twenty boards open at once.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
            ],
        });
    }

    private static async Task InstallAsync(string executable)
    {
        const string how = "Instale Chromium con: apt-get update && apt-get install -y chromium (o indique su ruta en VENTANILLA_CHROMIUM).";
        if (executable != DefaultPath || !File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
        {
            throw new InvalidOperationException($"No se encontró Chromium en '{executable}'. {how}");
        }
        // Another install running (a package manager started by hand or by the system) holds dpkg's lock: wait for it
        // for up to five minutes instead of failing every browser test of the run.
        foreach (var args in new[] { "-o DPkg::Lock::Timeout=300 update -qq", "-o DPkg::Lock::Timeout=300 install -y -qq chromium" })
        {
            var start = new ProcessStartInfo("apt-get", args) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"apt-get {args} falló ({process.ExitCode}): {await stderr}. {how}");
            }
        }
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"apt-get terminó pero no hay Chromium en '{executable}'. {how}");
        }
    }
}
