using Ventanilla.Tests.TestInfrastructure;
using Ventanilla.Features.Shared;
namespace Ventanilla.Tests.Features.Petitions;

public class PetitionLifecycleTests : PetitionTestBase
{
    private PetitionResponses Responses => App.Get<PetitionResponses>();

    [Fact]
    public async Task From_a_served_visit_to_Cerrada_through_every_step_with_the_right_people()
    {
        var p = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input());
        p = await Petitions.RouteAsync(_clerk, p.Id, p.Version, [_operation], "Verificar lectura");
        var routing = (await LoadAsync(p.Id)).Routings.Single();
        p = await Petitions.AnswerRoutingAsync(_liaison, routing.Id, routing.Version, "Lectura correcta; se ajusta el consumo.");
        Assert.Equal(PetitionStatus.EnRespuesta, p.Status);

        p = await Responses.SaveDraftAsync(_clerk, p.Id, p.Version, "Se ajustó su consumo del bimestre.");
        p = await Responses.SubmitForReviewAsync(_clerk, p.Id, p.Version);
        Assert.Equal(PetitionStatus.EnRevision, p.Status);
        p = await Responses.ReturnAsync(_director, p.Id, p.Version, "Agregue el monto ajustado.");
        Assert.Equal(PetitionStatus.EnRespuesta, p.Status);
        p = await Responses.SaveDraftAsync(_clerk, p.Id, p.Version, "Se ajustó su consumo del bimestre: $312.00 menos.");
        p = await Responses.SubmitForReviewAsync(_clerk, p.Id, p.Version);
        p = await Responses.ApproveAsync(_director, p.Id, p.Version, null);
        Assert.Equal(PetitionStatus.Aprobada, p.Status);

        App.Time.Advance(TimeSpan.FromDays(4)); // Tuesday 1 Dec, 10:00
        p = await Responses.DeliverAsync(_clerk, p.Id, p.Version, "José Pérez", new DateTime(2026, 12, 1, 9, 30, 0), null);
        Assert.Equal(PetitionStatus.Entregada, p.Status);
        p = await Responses.CloseAsync(_oficialia, p.Id, p.Version, "Acuse archivado");

        var petition = await LoadAsync(p.Id);
        Assert.Equal((PetitionStatus.Cerrada, true, D(12, 1)), (petition.Status, petition.OnTime, petition.ResponseDate));
        var kinds = (await EventsAsync(p.Id)).Select(e => e.Kind);
        Assert.Equal(["Registrada", "Turnada", "Respuesta de área", "En respuesta", "Borrador de respuesta", "En revisión", "Devuelta",
            "Borrador de respuesta", "En revisión", "Aprobada", "Entregada", "Cerrada"], kinds);
        await using var db = App.CreateDb();
        var responses = await db.PetitionResponses.Where(r => r.PetitionId == p.Id).ToListAsync();
        var response = Assert.Single(responses);
        Assert.Equal((ResponseStatus.Approved, _director.UserId), (response.Status, response.ReviewedByUserId));
        Assert.Equal("José Pérez", (await db.Deliveries.SingleAsync()).ReceivedBy);
    }

    [Fact]
    public async Task Each_step_belongs_to_its_role_and_state()
    {
        var p = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input());
        var submitEarly = await Assert.ThrowsAsync<RuleException>(() => Responses.SubmitForReviewAsync(_clerk, p.Id, p.Version));
        Assert.Equal("No se puede enviar a revisión la petición AU-2026-00001: está registrada.", submitEarly.Message);

        p = await Responses.SaveDraftAsync(_clerk, p.Id, p.Version, "Respuesta directa.");
        p = await Responses.SubmitForReviewAsync(_clerk, p.Id, p.Version);
        var clerkApproves = await Assert.ThrowsAsync<RuleException>(() => Responses.ApproveAsync(_clerk, p.Id, p.Version, null));
        Assert.StartsWith("Aprobar la respuesta: le corresponde a Dirección Comercial", clerkApproves.Message);
        var noComments = await Assert.ThrowsAsync<RuleException>(() => Responses.ReturnAsync(_director, p.Id, p.Version, ""));
        Assert.Equal("Comentarios: diga qué hay que corregir.", noComments.Message);
        p = await Responses.ApproveAsync(_director, p.Id, p.Version, "Visto bueno");

        var clerkCloses = await Assert.ThrowsAsync<RuleException>(() => Responses.CloseAsync(_clerk, p.Id, p.Version, null));
        Assert.StartsWith("Cerrar el folio: le corresponde a Oficialía de Partes", clerkCloses.Message);
        var closeEarly = await Assert.ThrowsAsync<RuleException>(() => Responses.CloseAsync(_oficialia, p.Id, p.Version, null));
        Assert.Equal("No se puede cerrar la petición AU-2026-00001: está aprobada.", closeEarly.Message);
        var future = await Assert.ThrowsAsync<RuleException>(() => Responses.DeliverAsync(_clerk, p.Id, p.Version, "José", new DateTime(2026, 11, 28, 9, 0, 0), null));
        Assert.StartsWith("Fecha de entrega: 28/11/2026 09:00 es posterior a este momento", future.Message);
        var nobody = await Assert.ThrowsAsync<RuleException>(() => Responses.DeliverAsync(_clerk, p.Id, p.Version, " ", new DateTime(2026, 11, 27, 10, 0, 0), null));
        Assert.Equal("Recibió: escriba el nombre de quien firmó de recibido.", nobody.Message);
        var beforeReception = await Assert.ThrowsAsync<RuleException>(() => Responses.DeliverAsync(_clerk, p.Id, p.Version, "José", new DateTime(2026, 11, 27, 9, 59, 0), null));
        Assert.Equal("Fecha de entrega: 27/11/2026 09:59 es anterior a la recepción (27/11/2026 10:00).", beforeReception.Message);
        var stale = await Assert.ThrowsAsync<RuleException>(() => Responses.DeliverAsync(_clerk, p.Id, p.Version - 1, "José", new DateTime(2026, 11, 27, 10, 0, 0), null));
        Assert.StartsWith("Alguien más cambió la petición AU-2026-00001", stale.Message);
    }

    [Fact]
    public async Task Received_after_hours_it_can_still_be_answered_and_delivered_that_evening()
    {
        var p = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), "OP-5", new DateTime(2026, 11, 26, 17, 30, 0)));
        p = await Responses.SaveDraftAsync(_clerk, p.Id, p.Version, "Respuesta inmediata.");
        p = await Responses.SubmitForReviewAsync(_clerk, p.Id, p.Version);
        p = await Responses.ApproveAsync(_director, p.Id, p.Version, null);
        p = await Responses.DeliverAsync(_clerk, p.Id, p.Version, "José Pérez", new DateTime(2026, 11, 26, 18, 0, 0), null);

        var petition = await LoadAsync(p.Id);
        Assert.Equal((D(11, 27), true), (petition.DayZero, petition.OnTime));
    }

    [Fact]
    public async Task The_director_does_not_approve_their_own_draft_unless_the_settings_allow_it()
    {
        var p = await Registration.RegisterFromVisitAsync(_director, await ServedVisitAsync(), Input());
        p = await Responses.SaveDraftAsync(_director, p.Id, p.Version, "Respuesta de la directora.");
        p = await Responses.SubmitForReviewAsync(_director, p.Id, p.Version);
        var own = await Assert.ThrowsAsync<RuleException>(() => Responses.ApproveAsync(_director, p.Id, p.Version, null));
        Assert.StartsWith("Usted redactó esta respuesta", own.Message);

        await using (var db = App.CreateDb())
        {
            (await db.Settings.SingleAsync()).AllowSelfApproval = true;
            await db.SaveChangesAsync();
        }
        await App.Get<Ventanilla.Features.Admin.SettingsService>().ReloadAsync();
        Assert.Equal(PetitionStatus.Aprobada, (await Responses.ApproveAsync(_director, p.Id, p.Version, null)).Status);
    }

    [Fact]
    public async Task A_late_delivery_is_recorded_as_out_of_time()
    {
        var p = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input());
        p = await Responses.SaveDraftAsync(_clerk, p.Id, p.Version, "Respuesta.");
        p = await Responses.SubmitForReviewAsync(_clerk, p.Id, p.Version);
        p = await Responses.ApproveAsync(_director, p.Id, p.Version, null);
        App.Time.Advance(TimeSpan.FromDays(30));
        p = await Responses.DeliverAsync(_clerk, p.Id, p.Version, "José Pérez", new DateTime(2026, 12, 21, 10, 0, 0), null);

        Assert.False((await LoadAsync(p.Id)).OnTime);
        Assert.Contains("fuera de plazo (vencía el 18/12/2026)", (await EventsAsync(p.Id)).Last().Note);
    }

    [Fact]
    public async Task A_written_petition_goes_from_the_Oficialia_to_the_Director_to_Atencion_a_Usuarios()
    {
        var p = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), "OP-77", new DateTime(2026, 11, 26, 12, 0, 0)));
        var clerk = await Assert.ThrowsAsync<RuleException>(() => Responses.ForwardToAttentionAsync(_clerk, p.Id, p.Version, null));
        Assert.StartsWith("Turnar a Atención a Usuarios: le corresponde a Dirección Comercial", clerk.Message);
        p = await Responses.ForwardToAttentionAsync(_director, p.Id, p.Version, "Atender con prioridad");

        Assert.NotNull((await LoadAsync(p.Id)).ForwardedAtUtc);
        var twice = await Assert.ThrowsAsync<RuleException>(() => Responses.ForwardToAttentionAsync(_director, p.Id, p.Version, null));
        Assert.Equal("La petición AU-2026-00001 ya está en manos de Atención a Usuarios.", twice.Message);
    }

    [Fact]
    public async Task Without_ownership_proof_the_petition_closes_itself_the_next_business_day_once()
    {
        var p = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input(thirdParty: true));
        p = await Petitions.RouteAsync(_clerk, p.Id, p.Version, [_operation], null);
        await Petitions.WaitForPetitionerAsync(_clerk, p.Id, p.Version, Ventanilla.Data.PauseReason.OwnershipProof, D(11, 27), null);
        var expiry = App.Get<OwnershipProofExpiry>();

        // Proof due Wednesday 2 Dec; on that day nothing happens.
        App.Time.Advance(TimeSpan.FromDays(5));
        Assert.Empty(await expiry.CloseExpiredAsync());
        // Thursday 3 Dec, the next business day: closed, with the system's event; again: nothing more.
        App.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["AU-2026-00001"], await expiry.CloseExpiredAsync());
        Assert.Empty(await expiry.CloseExpiredAsync());

        var petition = await LoadAsync(p.Id);
        Assert.Equal(PetitionStatus.CerradaSinAcreditacion, petition.Status);
        Assert.Equal(RoutingStatus.Withdrawn, petition.Routings.Single().Status);
        var last = (await EventsAsync(p.Id)).Last();
        Assert.Equal(("Cerrada sin acreditación", PetitionChanges.SystemName), (last.Kind, last.UserName));
        Assert.Contains("venció el 02/12/2026", last.Note);
    }

    [Fact]
    public async Task The_automatic_closing_waits_for_a_business_day()
    {
        var p = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input(thirdParty: true));
        await Petitions.WaitForPetitionerAsync(_clerk, p.Id, p.Version, Ventanilla.Data.PauseReason.OwnershipProof, D(11, 27), null);
        await App.Get<Ventanilla.Features.Deadlines.CalendarService>().AddOrganismoDayAsync(D(12, 3), D(12, 4), "Puente del organismo", TestActors.Named("admin"));
        // The proof term is still 30 Nov, 1 and 2 Dec; the organismo is closed on Thursday 3 and Friday 4.
        Assert.Equal(D(12, 2), (await LoadAsync(p.Id)).ProofDueDate);

        App.Time.Advance(TimeSpan.FromDays(6)); // Thursday 3 Dec: not a business day
        Assert.Empty(await App.Get<OwnershipProofExpiry>().CloseExpiredAsync());
        App.Time.Advance(TimeSpan.FromDays(4)); // Monday 7 Dec
        Assert.Single(await App.Get<OwnershipProofExpiry>().CloseExpiredAsync());
    }
}
