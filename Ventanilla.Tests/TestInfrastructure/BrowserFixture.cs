using System.Diagnostics;
using Microsoft.Playwright;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// One headless Chromium for the whole run (Debian's package: Playwright's own download does not work here).
/// When it is missing and we run as root, it is installed with apt-get; otherwise the run fails saying how
/// to install it. Browser tests are never skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("VENTANILLA_CHROMIUM") ?? DefaultChromium;
        if (!File.Exists(executable))
        {
            await InstallChromiumAsync(executable);
        }
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    private static async Task InstallChromiumAsync(string executable)
    {
        const string how = "Instale Chromium con: apt-get update && apt-get install -y chromium (o indique su ruta en VENTANILLA_CHROMIUM).";
        if (executable != DefaultChromium || !File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
        {
            throw new InvalidOperationException($"No se encontró Chromium en '{executable}'. {how}");
        }
        foreach (var args in new[] { "update -qq", "install -y -qq chromium" })
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

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
