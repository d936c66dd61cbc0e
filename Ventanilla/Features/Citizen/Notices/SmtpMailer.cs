using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using MimeKit;

namespace Ventanilla.Features.Citizen;

/// <summary>
/// Sends one e-mail through the office's SMTP server (MailKit), and keeps that server's password: encrypted with the
/// app's data-protection keys (beside the database), so a copy of the database alone does not give it away.
/// </summary>
public sealed class SmtpMailer(SettingsService settings, IDataProtectionProvider protection)
{
    public const int MaxPasswordLength = 200;

    /// <summary>A server that does not answer is a failed attempt, not a worker stuck for minutes.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private IDataProtector Protector => ProtectorOf(protection);

    private static IDataProtector ProtectorOf(IDataProtectionProvider protection) => protection.CreateProtector("Ventanilla.Smtp.Password");

    /// <summary>
    /// Whether this server's keys open a stored password. A backup holds the database, not the keys (<c>data/keys</c>):
    /// restored on another machine, the password can no longer be read and must be typed again.
    /// </summary>
    public static bool CanRead(IDataProtectionProvider protection, string stored)
    {
        try
        {
            ProtectorOf(protection).Unprotect(stored);
            return true;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return false;
        }
    }

    /// <summary>A password is stored but these keys cannot read it (see <see cref="CanRead"/>).</summary>
    public bool PasswordUnreadable => settings.Current.SmtpPasswordProtected is { } stored && !CanRead(protection, stored);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(settings.Current.SmtpHost);

    public bool HasPassword => settings.Current.SmtpPasswordProtected is not null;

    /// <summary>
    /// Saves the server settings. <paramref name="newPassword"/> empty keeps the stored password unless
    /// <paramref name="clearPassword"/>; typed, it replaces it.
    /// </summary>
    public Task SaveAsync(Actor actor, SmtpSettings input, string? newPassword, bool clearPassword, CancellationToken ct = default)
    {
        if (newPassword is { Length: > MaxPasswordLength }) throw new RuleException(RuleException.TooLong("Contraseña del correo", MaxPasswordLength, newPassword.Length));
        var change = clearPassword || !string.IsNullOrEmpty(newPassword);
        var stored = string.IsNullOrEmpty(newPassword) ? null : Protector.Protect(newPassword);
        return settings.SaveSmtpAsync(actor, input, change, stored, ct);
    }

    /// <summary>Sends now; a failure is a <see cref="RuleException"/> whose Spanish message says what went wrong.</summary>
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        var s = settings.Current;
        if (string.IsNullOrWhiteSpace(s.SmtpHost) || string.IsNullOrWhiteSpace(s.SmtpFrom))
        {
            throw new RuleException("El correo está desactivado: configure el servidor de correo (SMTP) y el remitente.");
        }
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Atención a Usuarios", s.SmtpFrom));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };

        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            try
            {
                await client.ConnectAsync(s.SmtpHost, s.SmtpPort, Security(s.SmtpSecurity), ct);
            }
            catch (NotSupportedException ex) when (s.SmtpSecurity == SmtpSecurity.StartTls)
            {
                throw new RuleException($"El servidor de correo {Server(s)} no ofrece STARTTLS: elija otra seguridad («TLS desde el inicio», por lo común " +
                    "en el puerto 465, o «Sin cifrar» si es un relevo dentro de la red de la oficina).", ex);
            }
            if (!string.IsNullOrEmpty(s.SmtpUserName))
            {
                if (!client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
                {
                    throw new RuleException($"El servidor de correo {Server(s)} no pide usuario ni contraseña (o no sobre esta conexión): deje el usuario vacío, " +
                        "o elija una conexión segura si el servidor solo acepta usuario y contraseña cifrados.");
                }
                await client.AuthenticateAsync(s.SmtpUserName, Password(s) ?? "", ct);
            }
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (Describe(ex, s, to) is { } problem)
        {
            throw new RuleException(problem, ex);
        }
    }

    private string? Password(AppSettings s)
    {
        if (s.SmtpPasswordProtected is null) return null;
        try
        {
            return Protector.Unprotect(s.SmtpPasswordProtected);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            // The keys folder was lost or replaced (a database restored on another machine, say).
            throw new RuleException("No se pudo leer la contraseña guardada del correo (cambiaron las llaves del servidor); escríbala de nuevo en la página de correo.", ex);
        }
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    private static string Server(AppSettings s) => $"{s.SmtpHost}:{s.SmtpPort}";

    /// <summary>
    /// What went wrong, in Spanish and with what to do about it; the library's own English text is never shown. The
    /// server's own words (its reply to a refused message) are quoted at the end, for whoever looks after that server.
    /// </summary>
    private static string? Describe(Exception ex, AppSettings s, string to) => ex switch
    {
        RuleException or OperationCanceledException => null,
        SocketException socket => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => $"El servidor de correo {Server(s)} rechazó la conexión: revise el puerto y que el servidor esté en marcha.",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain
                => $"No se encontró el servidor de correo «{s.SmtpHost}»: revise el nombre del servidor (y que este equipo resuelva nombres de internet).",
            SocketError.TimedOut => $"El servidor de correo {Server(s)} no respondió a tiempo: revise el nombre, el puerto y que un cortafuegos no lo bloquee.",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown
                => $"No se puede llegar al servidor de correo {Server(s)} desde este equipo: revise la red o el cortafuegos.",
            _ => $"No se pudo conectar con el servidor de correo {Server(s)} (error de red {(int)socket.SocketErrorCode}): revise el nombre, el puerto y la red.",
        },
        TimeoutException => $"El servidor de correo {Server(s)} no respondió en {Timeout.TotalSeconds:0} segundos: revise el nombre, el puerto y la red.",
        SslHandshakeException => $"No se pudo establecer la conexión segura con {Server(s)}: revise la seguridad elegida y el puerto (465 con «TLS desde el inicio», " +
            "587 con STARTTLS), o el certificado del servidor no es válido para este equipo.",
        AuthenticationException => "El servidor de correo rechazó el usuario o la contraseña: escríbalos de nuevo.",
        SmtpCommandException command => Refused(command, s, to),
        SmtpProtocolException or ProtocolException or ServiceNotConnectedException or IOException
            => $"El servidor de correo {Server(s)} cortó la conversación o respondió algo que no es correo (SMTP): revise el puerto y la seguridad elegida " +
               "(un puerto de TLS con «STARTTLS» o «Sin cifrar», o al revés, da esto).",
        NotSupportedException => $"El servidor de correo {Server(s)} no admite lo que se le pidió con esta configuración: revise la seguridad elegida y el usuario.",
        ParseException => "La dirección de correo del destinatario no es válida.",
        _ => null,
    };

    private static string Refused(SmtpCommandException command, AppSettings s, string to)
    {
        var what = command.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"no aceptó al destinatario {to}: revise la dirección",
            SmtpErrorCode.SenderNotAccepted => $"no aceptó al remitente {s.SmtpFrom}: ponga una dirección que ese servidor le permita enviar",
            _ when command.StatusCode == SmtpStatusCode.AuthenticationRequired => "pide usuario y contraseña: escríbalos",
            _ => "no aceptó el mensaje",
        };
        return $"El servidor de correo {what} (respuesta del servidor: {(int)command.StatusCode} «{command.Message}»).";
    }
}
