using Ventanilla.Features.Shared;
using netDumbster.smtp;
using Ventanilla.Features.Citizen;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Citizen;

/// <summary>
/// E-mail notices to the petitioner through a real SMTP server started by the test (netDumbster): written in the
/// change's own transaction, sent by the background sender, retried when the server fails, never in the way.
/// </summary>
public sealed class NoticeTests : PetitionTestBase, IDisposable
{
    private readonly SimpleSmtpServer _smtp = TestSmtp.Start();

    private NoticeSender Sender => App.Get<NoticeSender>();

    protected override async Task SeedAsync()
    {
        await base.SeedAsync();
        await ConfigureSmtpAsync(_smtp.Configuration.Port);
        var settings = App.Get<SettingsService>();
        await settings.SavePublicBaseUrlAsync(Actor.System, "https://atencion.organismo.gob.mx/", settings.Current.Version);
    }

    public void Dispose() => _smtp.Dispose();

    private Task ConfigureSmtpAsync(int port, string? host = "127.0.0.1", string? password = null)
        => App.Get<SmtpMailer>().SaveAsync(Actor.System,
            new SmtpSettings(host, port, SmtpSecurity.None, password is null ? null : "avisos", "avisos@organismo.gob.mx", App.Get<SettingsService>().Current.Version),
            password, clearPassword: false);

    private PetitionInput WithEmail(bool thirdParty = false, DateOnly? requirement = null, string email = "jose.perez@example.com")
        => Input(thirdParty) with { Email = email, OwnershipRequirementDeliveredOn = requirement };

    private int _written;

    /// <summary>A petition by letter (as many as a test needs; a served visit can be made only once per test).</summary>
    private Task<PetitionRef> WrittenAsync(PetitionInput input)
        => Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(input, $"OP-{++_written}", new DateTime(2026, 11, 27, 9, 0, 0)));

    private async Task<List<Notice>> NoticesAsync()
    {
        await using var db = App.CreateDb();
        return await db.Notices.OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task Registration_mails_the_folio_the_code_and_the_link_once_sent()
    {
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), WithEmail());
        var petition = await LoadAsync(created.Id);
        Assert.Equal("jose.perez@example.com", petition.Email);

        // Written with the registration, not sent by it: the office's click never waited on the mail server.
        var queued = Assert.Single(await NoticesAsync());
        Assert.Equal((NoticeStatus.Pending, NoticeKinds.Registered, 0), (queued.Status, queued.Kind, queued.Attempts));
        Assert.Empty(_smtp.ReceivedEmail);

        Assert.Equal(1, await Sender.SendDueAsync());
        var mail = Assert.Single(_smtp.Messages());
        Assert.Equal("jose.perez@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal("avisos@organismo.gob.mx", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Su petición quedó registrada con el folio AU-2026-00001", mail.Subject);
        Assert.Contains($"Código de verificación: {petition.PublicCode}", mail.TextBody);
        Assert.Contains("Fecha límite de respuesta: 18/12/2026", mail.TextBody);
        Assert.Contains($"https://atencion.organismo.gob.mx/consulta#folio=AU-2026-00001&codigo={petition.PublicCode}", mail.TextBody);
        // Nothing personal beyond what the citizen already knows: not the name, account, subject or phone.
        Assert.All(new[] { "José Pérez", "01-234-5678", "Cobro excesivo", "5512345678" }, text => Assert.DoesNotContain(text, mail.TextBody));

        var sent = Assert.Single(await NoticesAsync());
        Assert.Equal((NoticeStatus.Sent, 1), (sent.Status, sent.Attempts));
        Assert.Equal(App.Time.GetUtcNow().UtcDateTime, sent.SentAtUtc);
        Assert.Equal(0, await Sender.SendDueAsync());
        Assert.Single(_smtp.ReceivedEmail);
    }

    [Fact]
    public async Task Each_status_the_citizen_cares_about_sends_one_notice_and_the_rest_none()
    {
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), WithEmail());
        var step = await Petitions.RouteAsync(_clerk, created.Id, created.Version, [_operation], "Revisar");
        step = await Petitions.WaitForPetitionerAsync(_clerk, created.Id, step.Version, PauseReason.Documents, D(11, 27), "Recibo de pago");
        step = await Petitions.ResumeAsync(_clerk, created.Id, step.Version, "Trajo el recibo");
        var routing = (await LoadAsync(created.Id)).Routings.Single();
        step = await Petitions.AnswerRoutingAsync(_liaison, routing.Id, routing.Version, "Se corrigió la lectura");
        var responses = App.Get<PetitionResponses>();
        step = await responses.SaveDraftAsync(_clerk, created.Id, step.Version, "Se ajustó su cobro.");
        step = await responses.SubmitForReviewAsync(_clerk, created.Id, step.Version);
        step = await responses.ApproveAsync(_director, created.Id, step.Version, null);
        App.Time.Advance(TimeSpan.FromHours(1));
        step = await responses.DeliverAsync(_clerk, created.Id, step.Version, "José Pérez", new DateTime(2026, 11, 27, 10, 30, 0), null);
        await responses.CloseAsync(_oficialia, created.Id, step.Version, null);

        Assert.Equal([NoticeKinds.Registered, NoticeKinds.WaitingForDocuments, NoticeKinds.Ready, NoticeKinds.Closed], (await NoticesAsync()).Select(n => n.Kind));
        Assert.Equal(4, await Sender.SendDueAsync());
        // The test server keeps what it received in no particular order.
        var mails = _smtp.Messages().ToDictionary(m => m.Subject!, m => m.TextBody ?? "");
        Assert.Equal(["Folio AU-2026-00001: necesitamos su documentación", "Folio AU-2026-00001: su respuesta está lista para recoger",
            "Folio AU-2026-00001: su trámite concluyó", "Su petición quedó registrada con el folio AU-2026-00001"], mails.Keys.Order());
        Assert.Contains("El plazo de respuesta está detenido hasta que los entregue.", mails["Folio AU-2026-00001: necesitamos su documentación"]);
        Assert.Contains("de lunes a viernes de 09:00 a 17:00", mails["Folio AU-2026-00001: su respuesta está lista para recoger"]);
        Assert.Contains("la respuesta se entregó el 27/11/2026", mails["Folio AU-2026-00001: su trámite concluyó"]);
        // Appointments are not offered in this office: no mail offers to book one.
        Assert.All(mails.Values, body => Assert.DoesNotContain("/cita", body));
    }

    [Fact]
    public async Task When_the_office_takes_appointments_the_mails_that_ask_for_a_visit_offer_to_book_it_with_the_folio()
    {
        await using (var db = App.CreateDb())
        {
            var a = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
            var desks = await db.DeskCategories.Where(d => d.ServiceCategoryId == a).Select(d => d.DeskId).ToListAsync();
            await App.Get<Ventanilla.Features.Appointments.AppointmentOffers>().SaveAsync(Actor.System,
                new Ventanilla.Features.Appointments.OfferInput(a, true, 30, 15, 50, desks.ToDictionary(d => d, _ => 1), 0));
        }
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), WithEmail());
        var step = await Petitions.RouteAsync(_clerk, created.Id, created.Version, [_operation], "Revisar");
        await Petitions.WaitForPetitionerAsync(_clerk, created.Id, step.Version, PauseReason.Documents, D(11, 27), "Recibo de pago");

        var notices = await NoticesAsync();
        Assert.Equal([NoticeKinds.Registered, NoticeKinds.WaitingForDocuments], notices.Select(n => n.Kind));
        Assert.DoesNotContain("/cita", notices[0].Body); // registering asks for no visit
        Assert.Contains("Para no hacer fila, agende su visita aquí:\nhttps://atencion.organismo.gob.mx/cita?folio=AU-2026-00001", notices[1].Body);
    }

    [Fact]
    public async Task A_third_party_handed_the_requirement_at_registration_gets_one_mail_with_the_proof_deadline()
    {
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), WithEmail(thirdParty: true, requirement: D(11, 27)));
        var petition = await LoadAsync(created.Id);
        Assert.Equal(PetitionStatus.EsperandoUsuario, petition.Status);

        var notice = Assert.Single(await NoticesAsync());
        Assert.Equal(NoticeKinds.Registered, notice.Kind);
        Assert.Contains($"a más tardar el {petition.ProofDueDate:dd/MM/yyyy}", notice.Body);
        Assert.Contains("Si no se acredita a tiempo, el trámite se cierra.", notice.Body);

        // The term runs out: the automatic closing tells the petitioner too.
        App.Time.SetUtcNow(new DateTimeOffset(petition.ProofDueDate!.Value.AddDays(3).ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero));
        await App.Get<OwnershipProofExpiry>().CloseExpiredAsync();
        Assert.Equal([NoticeKinds.Registered, NoticeKinds.ClosedWithoutProof], (await NoticesAsync()).Select(n => n.Kind));
    }

    [Fact]
    public async Task Cancelling_tells_the_petitioner()
    {
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), WithEmail());
        await Petitions.CancelAsync(_clerk, created.Id, created.Version, "Lo pidió el usuario");
        var last = (await NoticesAsync())[^1];
        Assert.Equal((NoticeKinds.Cancelled, "Folio AU-2026-00001: su petición fue cancelada"), (last.Kind, last.Subject));
    }

    [Fact]
    public async Task Nothing_is_queued_without_an_address_or_while_mail_is_off()
    {
        await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input());
        await ConfigureSmtpAsync(587, host: "");
        Assert.False(App.Get<CitizenNotices>().Enabled);
        var off = await WrittenAsync(WithEmail());
        await Petitions.CancelAsync(_clerk, off.Id, off.Version, "Duplicada");

        Assert.Empty(await NoticesAsync());
        // The address is kept: turning mail on later tells of what happens from then on, not of the past.
        Assert.Equal("jose.perez@example.com", (await LoadAsync(off.Id)).Email);
        Assert.Equal(0, await Sender.SendDueAsync());
    }

    [Fact]
    public async Task A_bad_address_is_refused_naming_the_field()
    {
        var bad = await Assert.ThrowsAsync<RuleException>(() => WrittenAsync(WithEmail(email: "jose@ejemplo")));
        Assert.Contains("Correo electrónico: «jose@ejemplo» no es una dirección de correo válida (por ejemplo nombre@dominio.com).", bad.Message);
        var list = await Assert.ThrowsAsync<RuleException>(() => WrittenAsync(WithEmail(email: "a@b.mx, c@d.mx")));
        Assert.Contains("no es una dirección de correo válida", list.Message);
        var created = await WrittenAsync(WithEmail(email: "  Jose.Perez@Example.COM "));
        Assert.Equal("Jose.Perez@example.com", (await LoadAsync(created.Id)).Email);
    }

    [Fact]
    public async Task A_failing_server_is_retried_with_backoff_then_given_up_and_can_be_retried_by_hand()
    {
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), WithEmail());
        _smtp.Stop();

        Assert.Equal(0, await Sender.SendDueAsync());
        var first = Assert.Single(await NoticesAsync());
        Assert.Equal((NoticeStatus.Pending, 1), (first.Status, first.Attempts));
        Assert.Equal($"El servidor de correo 127.0.0.1:{_smtp.Configuration.Port} rechazó la conexión: revise el puerto y que el servidor esté en marcha.", first.LastError);
        Assert.Equal(App.Time.GetUtcNow().UtcDateTime + NoticeSender.Backoff[0], first.NextAttemptUtc);

        // Not due yet: nothing is tried.
        Assert.Equal(0, await Sender.SendDueAsync());
        Assert.Equal(1, (await NoticesAsync())[0].Attempts);
        foreach (var wait in NoticeSender.Backoff)
        {
            App.Time.Advance(wait);
            await Sender.SendDueAsync();
        }
        var given = Assert.Single(await NoticesAsync());
        Assert.Equal((NoticeStatus.Failed, NoticeSender.MaxAttempts), (given.Status, given.Attempts));

        // The office kept working meanwhile.
        await Petitions.RouteAsync(_clerk, created.Id, created.Version, [_operation], null);

        var log = App.Get<NoticeLog>();
        var page = await log.ListAsync(NoticeStatus.Failed, 0);
        var row = Assert.Single(page.Rows);
        Assert.Equal(("AU-2026-00001", 1), (row.Folio, page.Failed));
        using var again = SimpleSmtpServer.Start(_smtp.Configuration.Port);
        await log.RetryAsync(row.Id, row.Version);
        Assert.Equal(1, await Sender.SendDueAsync());
        Assert.Single(again.ReceivedEmail);
        Assert.Equal(NoticeStatus.Sent, (await NoticesAsync())[0].Status);
        var stale = await Assert.ThrowsAsync<RuleException>(() => log.RetryAsync(row.Id, row.Version));
        Assert.StartsWith("El aviso cambió mientras lo veía", stale.Message);
    }

    [Fact]
    public async Task Two_senders_at_once_send_each_notice_once()
    {
        for (var i = 0; i < 12; i++) await WrittenAsync(WithEmail(email: $"persona{i}@example.com"));
        var other = ActivatorUtilities.CreateInstance<NoticeSender>(App.Services);

        var counts = await Task.WhenAll(Sender.SendDueAsync(), other.SendDueAsync());

        Assert.Equal(12, counts.Sum());
        Assert.Equal(12, _smtp.ReceivedEmailCount);
        Assert.Equal(12, _smtp.ReceivedEmail.Select(m => m.ToAddresses[0].Address).Distinct().Count());
        Assert.All(await NoticesAsync(), n => Assert.Equal((NoticeStatus.Sent, 1), (n.Status, n.Attempts)));
    }

    [Fact]
    public async Task The_password_is_stored_encrypted_and_the_settings_are_checked()
    {
        await ConfigureSmtpAsync(_smtp.Configuration.Port, password: "Secreta-2026");
        var stored = App.Get<SettingsService>().Current.SmtpPasswordProtected;
        Assert.NotNull(stored);
        Assert.DoesNotContain("Secreta", stored);
        await using (var db = App.CreateDb())
        {
            Assert.DoesNotContain("Secreta-2026", (await db.Settings.SingleAsync()).SmtpPasswordProtected);
        }
        // Saved again without typing it: the password stays.
        await ConfigureSmtpAsync(_smtp.Configuration.Port);
        Assert.Equal(stored, App.Get<SettingsService>().Current.SmtpPasswordProtected);

        var mailer = App.Get<SmtpMailer>();
        var version = App.Get<SettingsService>().Current.Version;
        var bad = await Assert.ThrowsAsync<RuleException>(() => mailer.SaveAsync(Actor.System,
            new SmtpSettings("http://smtp.organismo.gob.mx", 0, SmtpSecurity.StartTls, null, "", version), null, false));
        Assert.Contains("Servidor de correo: escriba solo el nombre o la dirección IP del servidor", bad.Message);
        Assert.Contains("Puerto: de 1 a 65535", bad.Message);
        Assert.Contains("Remitente: escriba la dirección desde la que salen los avisos", bad.Message);

        await mailer.SaveAsync(Actor.System, new SmtpSettings("127.0.0.1", _smtp.Configuration.Port, SmtpSecurity.None, null, "avisos@organismo.gob.mx", version), null, clearPassword: true);
        Assert.Null(App.Get<SettingsService>().Current.SmtpPasswordProtected);
    }

    [Fact]
    public async Task A_test_message_goes_out_at_once_or_says_what_failed_and_is_kept_in_the_log()
    {
        var log = App.Get<NoticeLog>();
        await log.SendTestAsync("admin@organismo.gob.mx");
        var mail = Assert.Single(_smtp.Messages());
        Assert.Equal("Correo de prueba de Ventanilla", mail.Subject);

        var missing = await Assert.ThrowsAsync<RuleException>(() => log.SendTestAsync(" "));
        Assert.Equal("Enviar prueba a: escriba una dirección de correo.", missing.Message);
        _smtp.Stop();
        var down = await Assert.ThrowsAsync<RuleException>(() => log.SendTestAsync("admin@organismo.gob.mx"));
        Assert.Equal($"El servidor de correo 127.0.0.1:{_smtp.Configuration.Port} rechazó la conexión: revise el puerto y que el servidor esté en marcha.", down.Message);

        var rows = (await log.ListAsync(null, 0)).Rows;
        Assert.Equal([(NoticeKinds.Test, NoticeStatus.Failed, down.Message), (NoticeKinds.Test, NoticeStatus.Sent, null)],
            rows.Select(r => (r.Kind, r.Status, r.LastError)));
        Assert.All(rows, r => Assert.Equal("admin@organismo.gob.mx", r.To));
    }

    [Fact]
    public async Task Server_mismatches_are_told_in_Spanish_with_the_fix()
    {
        var log = App.Get<NoticeLog>();
        var mailer = App.Get<SmtpMailer>();
        var version = App.Get<SettingsService>().Current.Version;
        // The test server offers no STARTTLS.
        await mailer.SaveAsync(Actor.System, new SmtpSettings("127.0.0.1", _smtp.Configuration.Port, SmtpSecurity.StartTls, null, "avisos@organismo.gob.mx", version), null, false);

        var startTls = await Assert.ThrowsAsync<RuleException>(() => log.SendTestAsync("admin@organismo.gob.mx"));

        Assert.Equal($"El servidor de correo 127.0.0.1:{_smtp.Configuration.Port} no ofrece STARTTLS: elija otra seguridad («TLS desde el inicio», por lo " +
            "común en el puerto 465, o «Sin cifrar» si es un relevo dentro de la red de la oficina).", startTls.Message);

        // TLS from the first byte against a server that speaks plain SMTP.
        await mailer.SaveAsync(Actor.System, new SmtpSettings("127.0.0.1", _smtp.Configuration.Port, SmtpSecurity.SslOnConnect, null, "avisos@organismo.gob.mx",
            App.Get<SettingsService>().Current.Version), null, false);
        var tls = await Assert.ThrowsAsync<RuleException>(() => log.SendTestAsync("admin@organismo.gob.mx"));
        Assert.Matches("^(No se pudo establecer la conexión segura|El servidor de correo 127.0.0.1:[0-9]+ cortó la conversación)", tls.Message);
        foreach (var english in new[] { "The ", "server", "does not", "Connection", "refused", "SSL" }) Assert.DoesNotContain(english, tls.Message + startTls.Message);
    }
}
