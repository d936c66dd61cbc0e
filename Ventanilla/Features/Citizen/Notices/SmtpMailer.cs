using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using MimeKit;
using Ventanilla.Features.Admin;

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
        catch (System.Security.Cryptography.CryptographicException)
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
    public Task SaveAsync(SmtpSettings input, string? newPassword, bool clearPassword, CancellationToken ct = default)
    {
        if (newPassword is { Length: > MaxPasswordLength }) throw new RuleException(RuleException.TooLong("Contraseña del correo", MaxPasswordLength, newPassword.Length));
        var change = clearPassword || !string.IsNullOrEmpty(newPassword);
        var stored = string.IsNullOrEmpty(newPassword) ? null : Protector.Protect(newPassword);
        return settings.SaveSmtpAsync(input, change, stored, ct);
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
            await client.ConnectAsync(s.SmtpHost, s.SmtpPort, Security(s.SmtpSecurity), ct);
            if (!string.IsNullOrEmpty(s.SmtpUserName)) await client.AuthenticateAsync(s.SmtpUserName, Password(s) ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (Describe(ex, s) is { } problem)
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

    private static string? Describe(Exception ex, AppSettings s) => ex switch
    {
        RuleException => null,
        OperationCanceledException => null,
        SocketException or TimeoutException or IOException when ex is not SslHandshakeException
            => $"No se pudo conectar con el servidor de correo {s.SmtpHost}:{s.SmtpPort} ({ex.Message}).",
        SslHandshakeException => $"No se pudo establecer la conexión segura con {s.SmtpHost}:{s.SmtpPort}; revise la seguridad elegida y el puerto ({ex.Message}).",
        AuthenticationException => "El servidor de correo rechazó el usuario o la contraseña.",
        SmtpCommandException command => $"El servidor de correo rechazó el envío ({(int)command.StatusCode}: {command.Message}).",
        SmtpProtocolException or ProtocolException or ServiceNotConnectedException or NotSupportedException
            => $"El servidor de correo respondió algo inesperado ({ex.Message}).",
        ParseException => "La dirección de correo del destinatario no es válida.",
        _ => null,
    };
}
