using Microsoft.Extensions.Configuration;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Playwright;
using Ventanilla.Features.Server;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// The office's server on HTTPS with a certificate from <c>cert create</c>: HTTP redirects, the certificate chains to
/// the local authority a tablet installs, a person signs in, and the session cookie only travels encrypted.
/// </summary>
public class HttpsTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_tablet_signs_in_over_HTTPS_with_the_generated_certificate()
    {
        var certs = TestApp.NewFolder();
        var created = ServerCertificates.Create(certs, ["servidor-ventanilla", "192.168.1.10"], null, DateTimeOffset.UtcNow);
        await using var server = await AppServer.StartHttpsAsync(s =>
        {
            s["Https:Certificate"] = created.ServerPfx;
            s["Https:CertificatePassword"] = created.Password;
        });
        await server.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios);
        var https = new Uri(server.HttpsUrl!);

        // Plain HTTP goes to the same address over HTTPS.
        using (var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        {
            var redirected = await plain.GetAsync(server.BaseUrl + "Account/Login?ReturnUrl=%2Fturnos");
            Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
            Assert.Equal($"https://127.0.0.1:{https.Port}/Account/Login?ReturnUrl=%2Fturnos", redirected.Headers.Location!.ToString());
            // A Host the certificate does not name is not sent back: the redirect goes to a name it does.
            using var forged = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "turnos");
            forged.Headers.Host = $"evil.example:{new Uri(server.BaseUrl).Port}";
            var elsewhere = await plain.SendAsync(forged);
            Assert.Equal($"https://servidor-ventanilla:{https.Port}/turnos", elsewhere.Headers.Location!.ToString());
        }

        // A device that trusts the local authority (and nothing else) accepts the server for 127.0.0.1.
        using var authority = X509CertificateLoader.LoadCertificateFromFile(created.AuthorityCertificate);
        X509Certificate2? served = null;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                served = new X509Certificate2(certificate!);
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate!) && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
            },
        };
        using (var trusting = new HttpClient(handler))
        {
            Assert.Equal(HttpStatusCode.OK, (await trusting.GetAsync(server.HttpsUrl + "health")).StatusCode);
        }
        Assert.Equal(created.Thumbprint, served!.Thumbprint);

        // The browser (told to accept it, as a tablet that installed the authority would) signs in and works live.
        var page = await NewHttpsPageAsync(server);
        await SignInAsync(page, "rosa", "Segura123", "Account/Login?ReturnUrl=%2Fturnos");
        await page.WaitForURLAsync("**/turnos", UrlWait);
        await WaitForInteractiveAsync(page);
        Assert.StartsWith("https://", page.Url);
        var cookies = await page.Context.CookiesAsync();
        var session = cookies.Single(c => c.Name == "Ventanilla.Sesion");
        Assert.True(session.Secure && session.HttpOnly);
        Assert.All(cookies.Where(c => c.Name.StartsWith(".AspNetCore.Antiforgery")), c => Assert.True(c.Secure));
        TestApp.TryDelete(certs);
    }

    [Fact]
    public async Task A_wrong_certificate_password_stops_the_server_with_a_Spanish_message()
    {
        var certs = TestApp.NewFolder();
        var created = ServerCertificates.Create(certs, [], "Correcta-2026", DateTimeOffset.UtcNow);
        var refused = Assert.ThrowsAny<Exception>(() => ServerCertificates.Load(created.ServerPfx, "otra"));
        Assert.StartsWith($"No se pudo abrir el certificado {created.ServerPfx}: la contraseña (Https:CertificatePassword) no es la suya", refused.Message);
        var missing = Assert.Throws<ServerSetupException>(() => ServerCertificates.Load(Path.Combine(certs, "no-existe.pfx"), null));
        Assert.StartsWith("No existe el certificado HTTPS configurado", missing.Message);

        var start = await Record.ExceptionAsync(async () =>
        {
            await using var server = await AppServer.StartHttpsAsync(s =>
            {
                s["Https:Certificate"] = created.ServerPfx;
                s["Https:CertificatePassword"] = "otra";
            });
        });
        Assert.Contains("la contraseña (Https:CertificatePassword) no es la suya", Flatten(start!));
        TestApp.TryDelete(certs);
    }

    [Fact]
    public async Task A_second_server_on_the_same_database_refuses_to_start()
    {
        var folder = TestApp.NewFolder();
        await using (var first = await AppServer.StartInAsync(folder))
        {
            // The web app prints the reason and exits with code 1 (RunServerAsync); the test host only sees it stop.
            Assert.NotNull(Record.Exception(() => AppServer.Restart(folder, 0)));
            var database = Path.Combine(folder, "ventanilla.db");
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Ventanilla"] = $"Data Source={database}" }).Build();
            using var another = new InstanceLock(configuration);
            var refused = await Assert.ThrowsAsync<DatabaseStartupException>(() => another.StartAsync(default));
            Assert.Equal($"Ya hay una Ventanilla en marcha con la base de datos {database}. Deténgala (o detenga su servicio) antes de iniciar otra.", refused.Message);
            // The first one goes on serving.
            var page = await NewPageAsync(first);
            await page.GotoAsync("Account/Login");
            await Expect(page.Locator("[data-testid=login-submit]")).ToBeVisibleAsync();
        }
        // Once it stops, the lock is free again.
        await using (var again = AppServer.Restart(folder, 0)) Assert.StartsWith("http://", again.BaseUrl);
        TestApp.TryDelete(folder);
    }

    private static string Flatten(Exception ex) => ex is AggregateException all ? string.Join(" | ", all.InnerExceptions.Select(Flatten)) : ex.Message + (ex.InnerException is { } inner ? " | " + Flatten(inner) : "");
}
