using MimeKit;
using netDumbster.smtp;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>A real SMTP server inside the test (netDumbster) on a free loopback port, and what it received as MIME.</summary>
public static class TestSmtp
{
    public static SimpleSmtpServer Start() => SimpleSmtpServer.Start(FreePort());

    /// <summary>The messages received, parsed (the server keeps them in no particular order).</summary>
    public static List<MimeMessage> Messages(this SimpleSmtpServer server)
        => [.. server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))];

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
