using Ventanilla.Features.Server;

namespace Ventanilla.Tests.Features.Server;

/// <summary>
/// What an office can get wrong when it starts the server (a certificate, its password, a damaged database, a second
/// server on the same file) ends the real executable with a Spanish message and exit code 1, never a stack trace.
/// </summary>
public class StartupFaultTests : IDisposable
{
    private readonly string _folder = TestApp.NewFolder();

    public void Dispose() => TestApp.TryDelete(_folder);

    private async Task<ProcessRun> StartAsync(Dictionary<string, string> environment, params string[] urls)
    {
        foreach (var (key, value) in AppProcess.On(_folder)) environment[key] = value;
        var run = await AppProcess.RunAsync(["--urls", string.Join(';', urls)], environment,
            until: text => text.Contains("Application started", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 1, $"código {run.ExitCode?.ToString() ?? "(seguía en marcha)"}:\n{run.Output}");
        Assert.DoesNotContain("   at ", run.Output);
        Assert.DoesNotContain("Unhandled exception", run.Output);
        return run;
    }

    [Fact]
    public async Task A_missing_certificate_file()
    {
        var missing = Path.Combine(_folder, "no-existe.pfx");

        var run = await StartAsync(new() { ["Https__Certificate"] = missing }, "http://127.0.0.1:0", "https://127.0.0.1:0");

        Assert.Contains($"Error: No existe el certificado HTTPS configurado ({missing}).", run.Output);
    }

    [Fact]
    public async Task A_wrong_certificate_password()
    {
        var created = ServerCertificates.Create(Path.Combine(_folder, "cert"), [], "Correcta-2026", DateTimeOffset.UtcNow);

        var run = await StartAsync(new() { ["Https__Certificate"] = created.ServerPfx, ["Https__CertificatePassword"] = "otra" },
            "http://127.0.0.1:0", "https://127.0.0.1:0");

        Assert.Contains($"Error: No se pudo abrir el certificado {created.ServerPfx}: la contraseña (Https:CertificatePassword) no es la suya", run.Output);
    }

    [Fact]
    public async Task A_damaged_database_file()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "ventanilla.db"), new string('x', 8192));

        var run = await StartAsync([], "http://127.0.0.1:0");

        Assert.Contains("está dañado o no es una base de datos de Ventanilla", run.Output);
    }

    [Fact]
    public async Task A_proxy_address_that_is_not_one()
    {
        var run = await StartAsync(new() { ["Proxy__KnownProxies"] = "nginx-local" }, "http://127.0.0.1:0");

        Assert.Contains("Error: Proxy:KnownProxies: «nginx-local» no es una dirección IP (escriba las de los proxies separadas por comas).", run.Output);
    }
}
