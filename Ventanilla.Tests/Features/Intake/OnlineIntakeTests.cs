using Ventanilla.Features.Citizen;
using Ventanilla.Features.Intake;
using Ventanilla.Features.Shared;

namespace Ventanilla.Tests.Features.Intake;

/// <summary>
/// Filing a petition online (<c>/tramite</c>): checked, kept as a request until the code mailed to the citizen confirms
/// it, then registered as a written petition with channel «En línea» and its documents in the expediente.
/// </summary>
public class OnlineIntakeTests : IntakeTestBase
{
    [Fact]
    public async Task A_confirmed_request_becomes_an_online_petition_received_at_confirmation_with_its_documents()
    {
        var draft = await Intake.SubmitAsync(Form(), [Scan(), Photo("recibo.jpg")], "203.0.113.7");
        Assert.Equal("ma•••@example.com", draft.MaskedEmail);
        // Nothing is a petition until the code comes back; the documents wait outside the expediente.
        await using (var db = App.CreateDb())
        {
            Assert.Equal(0, await db.Petitions.CountAsync());
            Assert.Equal(0, await db.Attachments.CountAsync());
        }
        Assert.Equal(2, DraftFiles);
        var code = await CodeMailedToAsync();
        var mail = Assert.Single(Smtp.Messages());
        Assert.Contains($"Su código para confirmar la solicitud que inició en línea es: {code}", mail.TextBody);
        Assert.DoesNotContain("María", mail.TextBody);

        App.Time.Advance(TimeSpan.FromMinutes(7));
        var done = await Intake.ConfirmAsync(draft.Token, code);

        var petition = await LoadAsync(done.Folio);
        Assert.Equal((PetitionChannel.EnLinea, PetitionStatus.Registrada, null), (petition.Channel, petition.Status, petition.ForwardedAtUtc));
        Assert.Equal(App.Time.GetUtcNow().UtcDateTime, petition.ReceivedAtUtc);
        Assert.Equal(("María López Hernández", "maria.lopez@example.com", "Me llegó un cobro doble en el último recibo."), (petition.PetitionerName, petition.Email, petition.Subject));
        Assert.Equal("1", petition.PrivacyNoticeVersion);
        Assert.Equal((done.Code, D(12, 18)), (petition.PublicCode, petition.DueDate));
        var documents = await AttachmentsAsync(petition.Id);
        Assert.Equal([AttachmentKind.Identificacion, AttachmentKind.Otro], documents.Select(d => d.Kind));
        Assert.All(documents, d => Assert.Equal(CitizenDeliveries.UploaderName, d.UploadedByName));
        Assert.All(documents, d => Assert.True(App.Get<Ventanilla.Features.Expediente.AttachmentStore>().Exists(d.Sha256)));
        Assert.Equal(0, DraftFiles);
        var registered = Assert.Single(await EventsAsync(petition.Id));
        Assert.Equal(("Ciudadano (en línea)", PetitionStatus.Registrada), (registered.UserName, registered.ToStatus));

        // The request keeps only what the limits and the duplicate check need.
        await using (var db = App.CreateDb())
        {
            var request = await db.OnlineRequests.SingleAsync();
            Assert.Equal((petition.Id, "", "", ""), (request.PetitionId, request.PetitionerName, request.Email, request.Description));
            Assert.Null(request.Phone);
            Assert.Equal(0, await db.OnlineRequestFiles.CountAsync());
        }
        // The citizen's mail with folio and verification code, as every registration sends it.
        await App.Get<NoticeSender>().SendDueAsync();
        var registeredMail = Assert.Single(Smtp.Messages(), m => m.Subject == $"Su petición quedó registrada con el folio {done.Folio}");
        Assert.Contains($"Código de verificación: {done.Code}", registeredMail.TextBody);
    }

    [Fact]
    public async Task Online_petitions_wait_for_the_Direccion_like_letters_and_show_their_channel()
    {
        var done = await FileAsync();
        var petition = await LoadAsync(done.Folio);
        var status = await App.Get<FolioLookup>().FindAsync(done.Folio, done.Code);
        Assert.Equal("La recibimos en línea y la Dirección Comercial la está revisando para turnarla.", status!.Detail);
        var board = await App.Get<PetitionBoard>().GetAsync();
        var card = Assert.Single(board.Single(c => c.Kind == AreaKind.DireccionComercial).Cards);
        Assert.Equal((done.Folio, PetitionChannel.EnLinea), (card.Folio, card.Channel));
        var online = await App.Get<PetitionQueries>().ListAsync(_clerk, new PetitionFilter(Channel: PetitionChannel.EnLinea));
        Assert.Equal([done.Folio], online.Rows.Select(r => r.Folio));
        Assert.Empty((await App.Get<PetitionQueries>().ListAsync(_clerk, new PetitionFilter(Channel: PetitionChannel.Escrito))).Rows);

        await App.Get<PetitionResponses>().ForwardToAttentionAsync(_director, petition.Id, petition.Version, "Para Atención a Usuarios");
        Assert.NotNull((await LoadAsync(done.Folio)).ForwardedAtUtc);
    }

    [Fact]
    public async Task A_third_party_is_handed_the_ownership_requirement_at_confirmation_and_a_proof_sent_with_it_waits_for_review()
    {
        var done = await FileAsync(Form(thirdParty: true), Scan(), Photo("escritura.jpg", AttachmentKind.AcreditacionPropiedad));
        Assert.True(done.WaitsForProof);
        Assert.Equal(D(12, 2), done.ProofDueDate);
        var petition = await LoadAsync(done.Folio);
        Assert.Equal((PetitionStatus.EsperandoUsuario, D(12, 2)), (petition.Status, petition.ProofDueDate));
        var pause = Assert.Single(petition.Pauses);
        Assert.Equal((PauseReason.OwnershipProof, D(11, 27)), (pause.Reason, pause.StartDate));

        var delivery = Assert.Single(await Deliveries.ForPetitionAsync(petition.Id));
        Assert.Equal((CitizenDeliveryStatus.Pending, 1, D(11, 27)), (delivery.Status, delivery.Files, delivery.DeliveredOn));
        Assert.Equal([done.Folio], (await Deliveries.PendingAsync(_clerk)).Select(d => d.Folio));
        Assert.Equal(1, await Deliveries.PendingCountAsync());

        // One e-mail tells both: registered, and what to prove by when (with the way to send it from the phone).
        await App.Get<NoticeSender>().SendDueAsync();
        var mail = Assert.Single(Smtp.Messages(), m => m.Subject!.StartsWith("Su petición quedó registrada", StringComparison.Ordinal));
        Assert.Contains("a más tardar el 02/12/2026", mail.TextBody);
        Assert.Contains("envíelo desde su teléfono en la página de consulta", mail.TextBody);
    }

    [Fact]
    public async Task Without_mail_the_channel_is_closed_and_nothing_is_written()
    {
        var settings = App.Get<SettingsService>();
        await App.Get<SmtpMailer>().SaveAsync(Actor.System, new SmtpSettings(null, 25, SmtpSecurity.None, null, null, settings.Current.Version), null, false);
        Assert.False(Intake.IsOpen);
        var refused = await Assert.ThrowsAsync<RuleException>(() => Intake.SubmitAsync(Form(), [Photo()], "203.0.113.7"));
        Assert.Equal(OnlineIntake.ClosedMessage, refused.Message);
        await using var db = App.CreateDb();
        Assert.Equal(0, await db.OnlineRequests.CountAsync());
        Assert.Equal(0, DraftFiles);
    }

    [Fact]
    public async Task Bad_input_names_every_field_and_a_bad_file_leaves_nothing_behind()
    {
        var empty = new IntakeForm(_type, " ", false, null, null, null, "12", "no-es-correo", "", false);
        var refused = await Assert.ThrowsAsync<RuleException>(() => Intake.SubmitAsync(empty, [], "203.0.113.7"));
        foreach (var field in new[] { "Nombre", "Teléfono", "Correo electrónico", "Descripción", "Número de cuenta o clave catastral", "Domicilio", "Aviso de privacidad" })
        {
            Assert.Contains(field, refused.Message);
        }
        // A type not offered online is not accepted, whatever the page sent.
        await using (var db = App.CreateDb())
        {
            var other = await db.PetitionTypes.Where(t => t.Id != _type).Select(t => t.Id).FirstAsync();
            var notOnline = await Assert.ThrowsAsync<RuleException>(() => Intake.SubmitAsync(Form() with { PetitionTypeId = other }, [], "203.0.113.7"));
            Assert.Contains("Tipo de trámite: elija uno de la lista.", notOnline.Message);
        }

        // The second file is a program: the first, already received, is deleted with it.
        var program = await Assert.ThrowsAsync<RuleException>(() => Intake.SubmitAsync(Form(), [Scan(), new IncomingFile("foto.jpg", AttachmentKind.Otro, new MemoryStream(TestDocuments.Exe()))], "203.0.113.7"));
        Assert.Contains("«foto.jpg» no es un PDF, una foto JPEG, PNG o HEIC", program.Message);
        var tooMany = await Assert.ThrowsAsync<RuleException>(() => Intake.SubmitAsync(Form(), [.. Enumerable.Range(1, IntakeLimits.MaxFiles + 1).Select(i => Photo($"f{i}.jpg"))], "203.0.113.7"));
        Assert.Contains($"el máximo es {IntakeLimits.MaxFiles}", tooMany.Message);
        await using var check = App.CreateDb();
        Assert.Equal(0, await check.OnlineRequests.CountAsync());
        Assert.Equal(0, await check.Notices.CountAsync());
        Assert.Equal(0, DraftFiles);
    }

    [Fact]
    public async Task A_wrong_code_counts_an_expired_one_is_refused_and_a_new_one_replaces_the_old()
    {
        var draft = await Intake.SubmitAsync(Form(), [], "203.0.113.7");
        var code = await CodeMailedToAsync();
        var wrong = code == "000000" ? "111111" : "000000";
        var first = await Assert.ThrowsAsync<RuleException>(() => Intake.ConfirmAsync(draft.Token, wrong));
        Assert.Equal("Código: no es el que le enviamos. Le quedan 4 intentos.", first.Message);
        // A forged token opens nothing.
        await Assert.ThrowsAsync<RuleException>(() => Intake.ConfirmAsync("ABCDEFGHJKMNPQRSTUVWXYZ2", code));

        App.Time.Advance(IntakeLimits.CodeLifetime + TimeSpan.FromMinutes(1));
        var expired = await Assert.ThrowsAsync<RuleException>(() => Intake.ConfirmAsync(draft.Token, code));
        Assert.Equal("Código: venció (dura 15 minutos). Pida un código nuevo.", expired.Message);

        await Intake.ResendAsync(draft.Token);
        var fresh = await CodeMailedToAsync();
        if (fresh != code) await Assert.ThrowsAsync<RuleException>(() => Intake.ConfirmAsync(draft.Token, code));
        for (var i = 0; i < IntakeLimits.MaxCodeAttempts - (fresh != code ? 1 : 0); i++)
        {
            await Assert.ThrowsAsync<RuleException>(() => Intake.ConfirmAsync(draft.Token, fresh == "000000" ? "111111" : "000000"));
        }
        // Five wrong guesses: even the right code no longer opens it.
        var locked = await Assert.ThrowsAsync<RuleException>(() => Intake.ConfirmAsync(draft.Token, fresh));
        Assert.Equal("Código: se escribió mal demasiadas veces. Pida un código nuevo.", locked.Message);
        await Intake.ResendAsync(draft.Token);
        var third = await CodeMailedToAsync();
        var tooMany = await Assert.ThrowsAsync<RuleException>(() => Intake.ResendAsync(draft.Token));
        Assert.Contains($"Ya se enviaron {IntakeLimits.MaxCodesPerRequest} códigos", tooMany.Message);

        var done = await Intake.ConfirmAsync(draft.Token, $"{third[..3]} {third[3..]}");
        var again = await Assert.ThrowsAsync<RuleException>(() => Intake.ConfirmAsync(draft.Token, third));
        Assert.Equal($"Esta solicitud ya se confirmó: es la petición con folio {done.Folio}. El código de verificación está en el correo que le enviamos.", again.Message);
    }

    [Fact]
    public async Task The_same_request_within_a_day_is_refused_with_its_folio_and_an_address_may_start_only_so_many()
    {
        var twin = await Intake.SubmitAsync(Form(), [], "203.0.113.7");
        var twinCode = await CodeMailedToAsync();
        var done = await FileAsync();
        var duplicate = await Assert.ThrowsAsync<RuleException>(() => Intake.SubmitAsync(Form(), [], "198.51.100.4"));
        Assert.Contains($"con el folio {done.Folio}", duplicate.Message);
        // The twin started before the first was confirmed is refused when it is confirmed.
        var late = await Assert.ThrowsAsync<RuleException>(() => Intake.ConfirmAsync(twin.Token, twinCode));
        Assert.Contains($"con el folio {done.Folio}", late.Message);
        // A different request of the same person is not a duplicate, until the address's daily limit.
        await Intake.SubmitAsync(Form(description: "Otra cosa: fuga en la banqueta."), [], "203.0.113.7");
        await Intake.SubmitAsync(Form(description: "Y otra: baja presión."), [], "203.0.113.7");
        await Intake.SubmitAsync(Form(description: "Una quinta: el medidor no gira."), [], "203.0.113.7");
        var limit = await Assert.ThrowsAsync<RuleException>(() => Intake.SubmitAsync(Form(description: "Una sexta."), [], "203.0.113.7"));
        Assert.StartsWith("Correo electrónico: ya se iniciaron 5 solicitudes con esta dirección", limit.Message);

        App.Time.Advance(TimeSpan.FromHours(25));
        await Intake.SubmitAsync(Form(), [], "203.0.113.7");
    }

    [Fact]
    public async Task Requests_nobody_confirms_are_removed_with_their_files_after_a_day()
    {
        await Intake.SubmitAsync(Form(), [Photo()], "203.0.113.7");
        var done = await FileAsync(Form(email: "otra@example.com"), Photo("otra.jpg", bytes: 5000));
        Assert.Equal(1, DraftFiles);
        App.Time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await Intake.RemoveExpiredAsync());
        App.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await Intake.RemoveExpiredAsync());
        Assert.Equal(0, DraftFiles);
        await using var db = App.CreateDb();
        // The confirmed one stays (it counts for the limits); its petition's documents are untouched.
        Assert.Equal(1, await db.OnlineRequests.CountAsync());
        Assert.Single(await AttachmentsAsync((await LoadAsync(done.Folio)).Id));
    }
}
