using MimeKit;
using netDumbster.smtp;
using Ventanilla.Data;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Citizen;
using Ventanilla.Features.Shared;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>A real SMTP server inside the test (netDumbster) on a free loopback port, and what it received as MIME.</summary>
public static class TestSmtp
{
    public static SimpleSmtpServer Start() => SimpleSmtpServer.Start(FreePort());

    /// <summary>The messages received, parsed (the server keeps them in no particular order).</summary>
    public static List<MimeMessage> Messages(this SimpleSmtpServer server)
        => [.. server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))];

    /// <summary>Points the app's mail to citizens at this server (plain SMTP on loopback, no password), as an administrator does in /admin/correo.</summary>
    public static Task ServeAppAsync(this SimpleSmtpServer server, IServiceProvider app) => PointAppAtAsync(app, server.Configuration.Port);

    /// <summary>Turns the app's mail on towards a loopback port (no server needed when the test only reads the outbox).</summary>
    public static Task PointAppAtAsync(IServiceProvider app, int port)
        => app.GetRequiredService<SmtpMailer>().SaveAsync(Actor.System,
            new SmtpSettings("127.0.0.1", port, SmtpSecurity.None, null, "avisos@organismo.gob.mx",
                app.GetRequiredService<SettingsService>().Current.Version), null, clearPassword: false);

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
