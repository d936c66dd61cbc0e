using Ventanilla.Features.Citizen;
using Ventanilla.Features.Indicators;
using Ventanilla.Features.Intake;
using Ventanilla.Features.Shared;

namespace Ventanilla.Tests.Features.Intake;

/// <summary>
/// What a paused petition waits for, sent by the citizen from <c>/consulta</c>: one answer at a time, accepted (the
/// clock resumes on the day it arrived) or rejected with a reason (the term keeps running), and never a «Cerrada sin
/// acreditación» for a proof that arrived in time.
/// </summary>
public class CitizenDeliveriesTests : IntakeTestBase
{
    private async Task<IntakeConfirmation> ThirdPartyAsync() => await FileAsync(Form(thirdParty: true));

    [Fact]
    public async Task The_status_page_asks_for_the_proof_and_takes_it_once_until_it_is_reviewed()
    {
        var done = await ThirdPartyAsync();
        var asked = await Deliveries.RequirementAsync(done.Folio, done.Code);
        Assert.Equal((PauseReason.OwnershipProof, D(12, 2), true, null), (asked!.Reason, asked.DueDate, asked.CanSend, asked.PendingSinceLocal));
        Assert.Null(await Deliveries.RequirementAsync(done.Folio, "ZZZZZZ"));

        // A wrong code and a file that is not a document write nothing.
        await Assert.ThrowsAsync<RuleException>(() => Deliveries.SendAsync(done.Folio, "ZZZZZZ", [Photo("escritura.jpg")], null));
        await Assert.ThrowsAsync<RuleException>(() => Deliveries.SendAsync(done.Folio, done.Code, [new IncomingFile("x.jpg", AttachmentKind.Otro, new MemoryStream(TestDocuments.Docx()))], null));
        var none = await Assert.ThrowsAsync<RuleException>(() => Deliveries.SendAsync(done.Folio, done.Code, [], null));
        Assert.Equal("Documentos: elija al menos un archivo (foto o PDF).", none.Message);
        var petition = await LoadAsync(done.Folio);
        Assert.Empty(await AttachmentsAsync(petition.Id));

        App.Time.Advance(TimeSpan.FromDays(1));
        var sentAt = await Deliveries.SendAsync(done.Folio, done.Code, [Photo("escritura-1.jpg"), Scan("escritura-2.pdf", pages: 2)], "Es la escritura de mi mamá");
        Assert.Equal(App.Get<OfficeClock>().ToLocal(App.Time.GetUtcNow().UtcDateTime), sentAt);
        var documents = await AttachmentsAsync(petition.Id);
        Assert.Equal(2, documents.Count);
        Assert.All(documents, d => Assert.Equal((AttachmentKind.AcreditacionPropiedad, CitizenDeliveries.UploaderName), (d.Kind, d.UploadedByName)));
        Assert.Equal(PetitionStatus.EsperandoUsuario, (await LoadAsync(done.Folio)).Status);
        await using (var db = App.CreateDb())
        {
            // The notice the status page showed beside the upload.
            Assert.Equal("1", await db.CitizenDeliveries.Where(d => d.PetitionId == petition.Id).Select(d => d.PrivacyNoticeVersion).SingleAsync());
        }
        var events = await EventsAsync(petition.Id);
        Assert.Contains(events, e => e.Kind == PetitionEvents.CitizenDelivered && e.Note!.Contains("Es la escritura de mi mamá"));

        var pending = await Deliveries.RequirementAsync(done.Folio, done.Code);
        Assert.False(pending!.CanSend);
        Assert.NotNull(pending.PendingSinceLocal);
        var second = await Assert.ThrowsAsync<RuleException>(() => Deliveries.SendAsync(done.Folio, done.Code, [Photo("otra.jpg")], null));
        Assert.StartsWith("Ya nos envió su respuesta a este requerimiento", second.Message);
        Assert.Equal(2, (await AttachmentsAsync(petition.Id)).Count);
        Assert.Equal(0, DraftFiles);

        // The desk's «Reanudar» does not overtake what arrived online: it is accepted or rejected on its own.
        var version = (await LoadAsync(done.Folio)).Version;
        var resume = await Assert.ThrowsAsync<RuleException>(() => Petitions.ResumeAsync(_clerk, petition.Id, version, null));
        Assert.Contains("acéptelo o rechácelo", resume.Message);
    }

    [Fact]
    public async Task Accepting_resumes_the_clock_from_the_day_the_citizen_sent_it_not_the_day_it_was_reviewed()
    {
        var done = await ThirdPartyAsync();
        App.Time.Advance(TimeSpan.FromDays(3)); // Monday 30/11
        await Deliveries.SendAsync(done.Folio, done.Code, [Photo("escritura.jpg")], null);
        App.Time.Advance(TimeSpan.FromDays(2)); // Wednesday 02/12: reviewed two business days later
        var delivery = Assert.Single(await Deliveries.PendingAsync(_clerk));
        await Assert.ThrowsAsync<RuleException>(() => Deliveries.AcceptAsync(_liaison, delivery.Id, delivery.Version));
        await Deliveries.AcceptAsync(_clerk, delivery.Id, delivery.Version);

        var petition = await LoadAsync(done.Folio);
        var pause = Assert.Single(petition.Pauses);
        Assert.Equal((D(11, 30), PauseEnd.Online), (pause.EndDate, pause.EndedHow));
        Assert.Equal((PetitionStatus.Registrada, null), (petition.Status, petition.ProofDueDate));
        // Received Friday 27/11 (day 0) and paused from the Monday it was handed the requirement until the Monday it proved it.
        var clock = App.Get<CalendarService>().Clock();
        Assert.Equal(clock.DueDate(petition.DayZero, petition.TermDays, [new ClockPause(D(11, 27), D(11, 30))]), petition.DueDate);
        Assert.Empty(await Deliveries.PendingAsync(_clerk));
        Assert.Equal(0, await Deliveries.PendingCountAsync());
        var again = await Assert.ThrowsAsync<RuleException>(() => Deliveries.AcceptAsync(_clerk, delivery.Id, delivery.Version + 1));
        Assert.Equal("Esa entrega ya se revisó.", again.Message);
        Assert.Contains(await EventsAsync(petition.Id), e => e.Kind == PetitionEvents.Resumed && e.Note!.StartsWith("Se aceptó la acreditación de propiedad que el usuario envió en línea el 30/11/2026."));
    }

    [Fact]
    public async Task A_rejection_tells_the_citizen_why_the_term_keeps_running_and_another_may_be_sent()
    {
        var done = await ThirdPartyAsync();
        await Deliveries.SendAsync(done.Folio, done.Code, [Photo("borrosa.jpg")], null);
        var delivery = Assert.Single(await Deliveries.PendingAsync(_clerk));
        var reasonless = await Assert.ThrowsAsync<RuleException>(() => Deliveries.RejectAsync(_clerk, delivery.Id, delivery.Version, " "));
        Assert.StartsWith("Motivo:", reasonless.Message);
        await Deliveries.RejectAsync(_clerk, delivery.Id, delivery.Version, "La foto está borrosa; no se leen los datos del predio");

        var petition = await LoadAsync(done.Folio);
        Assert.Equal((PetitionStatus.EsperandoUsuario, D(12, 2)), (petition.Status, petition.ProofDueDate));
        var asked = await Deliveries.RequirementAsync(done.Folio, done.Code);
        Assert.Equal((true, "La foto está borrosa; no se leen los datos del predio"), (asked!.CanSend, asked.RejectedReason));
        await App.Get<NoticeSender>().SendDueAsync();
        var mail = Assert.Single(Smtp.Messages(), m => m.Subject == $"Folio {done.Folio}: no pudimos aceptar los documentos que envió");
        Assert.Contains("Motivo: La foto está borrosa", mail.TextBody);
        Assert.Contains("a más tardar el 02/12/2026", mail.TextBody);

        await Deliveries.SendAsync(done.Folio, done.Code, [Photo("nitida.jpg", bytes: 6000)], null);
        Assert.Single(await Deliveries.PendingAsync(_clerk));
        Assert.Equal(2, (await Deliveries.ForPetitionAsync(petition.Id)).Count);
    }

    [Fact]
    public async Task A_proof_sent_in_time_but_reviewed_after_the_term_never_closes_the_petition_and_one_rejected_late_does()
    {
        var done = await ThirdPartyAsync();
        App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.Zero)); // the last day, 17:00 local
        await Deliveries.SendAsync(done.Folio, done.Code, [Photo("escritura.jpg")], null);
        App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.Zero)); // the Monday after
        var expiry = App.Get<OwnershipProofExpiry>();
        Assert.Empty(await expiry.CloseExpiredAsync());
        Assert.Equal(PetitionStatus.EsperandoUsuario, (await LoadAsync(done.Folio)).Status);
        // Past the term, nothing new is taken.
        var delivery = Assert.Single(await Deliveries.PendingAsync(_clerk));
        await Deliveries.RejectAsync(_clerk, delivery.Id, delivery.Version, "No es del predio de la cuenta");
        var late = await Assert.ThrowsAsync<RuleException>(() => Deliveries.SendAsync(done.Folio, done.Code, [Photo("otra.jpg")], null));
        Assert.Equal("El plazo para acreditar la propiedad venció el 02/12/2026; ya no se reciben documentos para este folio.", late.Message);
        Assert.Equal([done.Folio], await expiry.CloseExpiredAsync());
        Assert.Equal(PauseEnd.Expired, Assert.Single((await LoadAsync(done.Folio)).Pauses).EndedHow);
    }

    [Fact]
    public async Task Documents_asked_at_the_desk_are_sent_online_too_and_a_folio_that_waits_for_nothing_takes_nothing()
    {
        var done = await FileAsync();
        var nothing = await Assert.ThrowsAsync<RuleException>(() => Deliveries.SendAsync(done.Folio, done.Code, [Photo()], null));
        Assert.Equal($"La petición {done.Folio} no está esperando documentos suyos; no hace falta enviar nada.", nothing.Message);
        Assert.Null(await Deliveries.RequirementAsync(done.Folio, done.Code));

        var petition = await LoadAsync(done.Folio);
        await Petitions.WaitForPetitionerAsync(_clerk, petition.Id, petition.Version, PauseReason.Documents, D(11, 27), "Recibo de pago de noviembre");
        var asked = await Deliveries.RequirementAsync(done.Folio, done.Code);
        Assert.Equal((PauseReason.Documents, null), (asked!.Reason, asked.DueDate));
        Assert.Contains("Recibo de pago de noviembre", asked.What);
        await Deliveries.SendAsync(done.Folio, done.Code, [Scan("recibo.pdf", AttachmentKind.Otro)], null);
        var delivery = Assert.Single(await Deliveries.PendingAsync(_clerk));
        await Deliveries.AcceptAsync(_director, delivery.Id, delivery.Version);
        Assert.Equal(PetitionStatus.Registrada, (await LoadAsync(done.Folio)).Status);
        Assert.Equal(AttachmentKind.Otro, (await AttachmentsAsync(petition.Id)).Single(a => a.FileName == "recibo.pdf").Kind);
    }

    [Fact]
    public async Task The_indicators_count_petitions_by_channel_and_proofs_online_and_in_person()
    {
        var online = await ThirdPartyAsync();
        await Deliveries.SendAsync(online.Folio, online.Code, [Photo("escritura.jpg")], null);
        var delivery = Assert.Single(await Deliveries.PendingAsync(_clerk));
        await Deliveries.AcceptAsync(_clerk, delivery.Id, delivery.Version);
        // A letter and a third party at the desk who brings the proof in person.
        await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), "OP-1", new DateTime(2026, 11, 27, 9, 0, 0)));
        var desk = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input(thirdParty: true) with { OwnershipRequirementDeliveredOn = D(11, 27) });
        await Petitions.ResumeAsync(_clerk, desk.Id, desk.Version, "Trajo la escritura");
        // And one whose proof never came.
        var lost = await FileAsync(Form(thirdParty: true, email: "otro@example.com"));
        App.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.Zero));
        Assert.Equal([lost.Folio], await App.Get<OwnershipProofExpiry>().CloseExpiredAsync());

        var month = await App.Get<IndicatorService>().GetMonthAsync(D(11, 1));
        var november = month.Channels.Single(c => c.Month == D(11, 1));
        Assert.Equal((1, 2, 1, 1, 0), (november.Written, november.Online, november.ProofsOnline, november.ProofsInPerson, november.ClosedWithoutProof));
        Assert.Equal(1, IndicatorCsv.InPerson(month, november));
        Assert.Equal(13, month.Channels.Count);
        var december = (await App.Get<IndicatorService>().GetMonthAsync(D(12, 1))).Channels.Single(c => c.Month == D(12, 1));
        Assert.Equal(1, december.ClosedWithoutProof);
        var table = IndicatorCsv.Table(month, IndicatorCsv.Channels);
        Assert.Equal(new string?[] { "nov 2026", "1", "1", "2", "1", "1", "0" }, table.Rows[^1]);
    }
}
