using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ventanilla.Tests.Browser;

/// <summary>
/// The administrator turns the e-mail notices on against a real SMTP server (netDumbster, started by the test) and
/// checks them with a test message; the Oficialía registers a petition with the petitioner's address; the notice
/// arrives by itself and the log says so; a server that goes down shows up in the log with its reason.
/// </summary>
public class MailBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task The_administrator_turns_mail_on_and_the_petitioner_is_told_of_the_registration()
    {
        using var smtp = TestSmtp.Start();
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("admin", "Segura123", Roles.Administrador);
        await server.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);

        var admin = await OpenSignedInAsync(server, "admin", "admin/correo");
        await Expect(admin.Locator("[data-testid=mail-state]")).ToContainTextAsync("desactivados");
        await admin.Locator("input[data-testid=smtp-host]").FillAsync("127.0.0.1");
        await admin.Locator("input[data-testid=smtp-port]").FillAsync(smtp.Configuration.Port.ToString());
        await ChooseAsync(admin, "Seguridad de la conexión", "Sin cifrar");
        await admin.Locator("input[data-testid=smtp-from]").FillAsync("avisos-organismo.gob.mx");
        await admin.Locator("[data-testid=save-smtp]").ClickAsync();
        await Expect(admin.Locator("[data-testid=smtp-error]")).ToContainTextAsync("Remitente: «avisos-organismo.gob.mx» no es una dirección de correo válida");
        await admin.Locator("input[data-testid=smtp-from]").FillAsync("avisos@organismo.gob.mx");
        await admin.Locator("[data-testid=save-smtp]").ClickAsync();
        await Expect(admin.Locator("[data-testid=mail-state]")).ToContainTextAsync("activados");
        await Expect(admin.Locator("[data-testid=no-public-url]")).ToBeVisibleAsync();

        await admin.Locator("input[data-testid=test-to]").FillAsync("sistemas@organismo.gob.mx");
        await admin.Locator("[data-testid=send-test]").ClickAsync();
        await Expect(admin.Locator("[data-testid=test-result]")).ToHaveTextAsync("Correo de prueba enviado a sistemas@organismo.gob.mx.");
        Assert.Equal("Correo de prueba de Ventanilla", Assert.Single(smtp.ReceivedEmail).Subject);
        // It is in the log like any notice.
        var test = admin.Locator("[data-notice]", new() { HasText = "sistemas@organismo.gob.mx" });
        await Expect(test).ToContainTextAsync("Prueba");
        await Expect(test.Locator("[data-testid=notice-status]")).ToHaveTextAsync("Enviado");

        // The Oficialía registers a written petition with the petitioner's address.
        var olga = await OpenSignedInAsync(server, "olga", "peticiones");
        await RegisterWrittenAsync(olga, "OP-2026-0311", "María López", "maria.lopez@example.com", "Fuga en la toma domiciliaria");
        await Expect(olga.Locator("[data-testid=petition-email]")).ToHaveTextAsync("maria.lopez@example.com");
        var folio = PathOf(olga).Split('/')[^1];

        // The background sender delivers it on its own; the log, open on the admin's screen, updates by itself.
        await Expect(admin.Locator("[data-notice] [data-testid=notice-status]").First).ToHaveTextAsync("Enviado", new() { Timeout = 15_000 });
        var notice = admin.Locator("[data-notice]").First;
        await Expect(notice).ToContainTextAsync(folio);
        await Expect(notice).ToContainTextAsync("maria.lopez@example.com");
        var mail = smtp.Messages().Single(m => m.Subject == $"Su petición quedó registrada con el folio {folio}");
        Assert.Contains("Código de verificación:", mail.TextBody);
        Assert.DoesNotContain("María", mail.TextBody);

        // The server goes down: the next notice waits in the log with the reason, and the office's click still worked.
        smtp.Stop();
        await RegisterWrittenAsync(olga, "OP-2026-0312", "Juan Ruiz", "juan.ruiz@example.com", "Cobro duplicado");
        var failing = admin.Locator("[data-notice]", new() { HasText = "juan.ruiz@example.com" });
        await Expect(failing.Locator("[data-testid=notice-detail]")).ToContainTextAsync(
            $"El servidor de correo 127.0.0.1:{smtp.Configuration.Port} rechazó la conexión: revise el puerto y que el servidor esté en marcha.", new() { Timeout = 15_000 });
        await Expect(failing.Locator("[data-testid=notice-status]")).ToHaveTextAsync("Por enviar");
        await Expect(failing.Locator("[data-testid=notice-detail]")).ToContainTextAsync("Siguiente intento:");
    }

    [Fact]
    public async Task A_stored_password_these_keys_cannot_read_is_told_on_the_mail_page()
    {
        await using var server = await AppServer.StartAsync();
        await server.AddUserAsync("admin", "Segura123", Roles.Administrador);
        // As after restoring another machine's backup: a password encrypted with keys this server does not have.
        await using (var db = server.Get<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            var settings = await db.Settings.SingleAsync();
            (settings.SmtpHost, settings.SmtpUserName, settings.SmtpPasswordProtected) = ("smtp.organismo.gob.mx", "avisos", "CfDJ8-cifrada-con-otras-llaves");
            await db.SaveChangesAsync();
        }
        await server.Get<SettingsService>().ReloadAsync();

        var admin = await OpenSignedInAsync(server, "admin", "admin/correo");

        await Expect(admin.Locator("[data-testid=password-unreadable]")).ToContainTextAsync("La contraseña guardada no se puede leer en este equipo");
    }

    /// <summary>An hour ago on the office's clock (the server keeps Mexico City time, whatever this machine's zone).</summary>
    private static string AnHourAgo()
        => TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "America/Mexico_City").AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm");

    /// <summary>The Oficialía's form for a written petition, filled as a person fills it, with the petitioner's e-mail.</summary>
    private static async Task RegisterWrittenAsync(IPage olga, string oficialiaFolio, string petitioner, string email, string subject)
    {
        await olga.GotoAsync("peticiones/nueva");
        await WaitForInteractiveAsync(olga);
        await olga.Locator("input[data-testid=oficialia-folio]").FillAsync(oficialiaFolio);
        await olga.Locator("input[data-testid=received-at]").FillAsync(AnHourAgo());
        await olga.Locator("input[data-testid=petitioner]").FillAsync(petitioner);
        await olga.Locator("input[data-testid=email]").FillAsync(email);
        await ChooseAsync(olga, "Tipo de petición");
        await olga.Locator("textarea[data-testid=subject]").FillAsync(subject);
        await olga.Locator("[data-testid=register]").ClickAsync();
        await WaitForUrlOrFailOnErrorAsync(olga, "**/peticiones/AU-*", "[data-testid=new-error]");
    }
}
