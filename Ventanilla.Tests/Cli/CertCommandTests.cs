using System.Security.Cryptography.X509Certificates;
using Ventanilla.Features.Server;

namespace Ventanilla.Tests.Cli;

/// <summary><c>cert create</c>: a server certificate for the names the tablets use, signed by an authority they trust once.</summary>
public class CertCommandTests : CliTestBase
{
    private string Certs => Path.Combine(Folder, "certs");

    private static string Value(CliResult result, string prefix) => result.Lines.Single(l => l.TrimStart().StartsWith(prefix)).Trim()[prefix.Length..];

    [Fact]
    public async Task Creates_the_certificate_for_the_servers_names_and_prints_how_to_use_it()
    {
        var result = await RunAsync("cert", "create", "servidor-ventanilla", "192.168.1.10");

        Assert.Equal(0, result.Code);
        var password = Value(result, "Https__CertificatePassword=");
        Assert.Equal(20, password.Length);
        Assert.Equal(Path.Combine(Certs, "ventanilla.pfx"), Value(result, "Https__Certificate="));
        Assert.Contains(result.Lines, l => l.StartsWith("Autoridad local nueva: " + Path.Combine(Certs, "ventanilla-ca.crt")));
        Assert.Contains("--urls \"http://0.0.0.0:5028;https://0.0.0.0:5029\"", result.Output);

        using var server = ServerCertificates.Load(Path.Combine(Certs, "ventanilla.pfx"), password);
        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("servidor-ventanilla", names.EnumerateDnsNames());
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Equal(["192.168.1.10", "127.0.0.1"], names.EnumerateIPAddresses().Select(ip => ip.ToString()));
        Assert.True(server.NotAfter - DateTime.Now <= TimeSpan.FromDays(826));
        using var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Certs, "ventanilla-ca.crt"));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(server), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        // The private keys are readable by the server's account only.
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Certs, "ventanilla.pfx")));
        // The authority's certificate, which is copied to the tablets, is readable by anyone (its key is not).
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                File.GetUnixFileMode(Path.Combine(Certs, "ventanilla-ca.crt")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Certs, "ventanilla-ca.pfx")));
        }
    }

    [Fact]
    public async Task Renewing_keeps_the_authority_the_tablets_already_trust()
    {
        var first = await RunAsync("cert", "create", "servidor", "--password", "Clave-2026");
        var authority = await File.ReadAllBytesAsync(Path.Combine(Certs, "ventanilla-ca.crt"));

        var renewed = await RunAsync("cert", "create", "servidor", "otro-nombre", "--password", "Clave-2026");

        Assert.Equal((0, 0), (first.Code, renewed.Code));
        Assert.Contains(renewed.Lines, l => l.StartsWith("Firmado con la autoridad local que ya existía"));
        Assert.DoesNotContain("Contraseña generada", renewed.Output);
        Assert.Equal(authority, await File.ReadAllBytesAsync(Path.Combine(Certs, "ventanilla-ca.crt")));
        var wrong = await RunAsync("cert", "create", "servidor", "--password", "otra");
        Assert.Equal(1, wrong.Code);
        Assert.StartsWith($"Error: Ya existe una autoridad local en {Path.Combine(Certs, "ventanilla-ca.pfx")} con otra contraseña.", wrong.Error);
        var bad = await RunAsync("cert", "create", "http://servidor/", "--password", "Clave-2026");
        Assert.Equal("Error: «http://servidor/» no es un nombre de equipo ni una dirección IP (por ejemplo servidor-ventanilla o 192.168.1.10).", bad.Error.Trim());
    }
}
