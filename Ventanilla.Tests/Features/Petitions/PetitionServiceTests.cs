namespace Ventanilla.Tests.Features.Petitions;

public class PetitionServiceTests : PetitionTestBase
{
    [Fact]
    public async Task A_served_visit_becomes_a_petition_with_folio_due_date_and_history()
    {
        var visit = await ServedVisitAsync();

        var created = await Registration.RegisterFromVisitAsync(_clerk, visit, Input());

        Assert.Equal("AU-2026-00001", created.Folio);
        var petition = await LoadAsync(created.Id);
        // Received Friday 27 Nov 2026 at 10:00: day 0 that day; 15 business days → Friday 18 Dec.
        Assert.Equal((D(11, 27), D(12, 18), 15), (petition.DayZero, petition.DueDate, petition.TermDays));
        Assert.Equal((PetitionChannel.Presencial, PetitionStatus.Registrada, visit), (petition.Channel, petition.Status, petition.VisitId));
        var logged = Assert.Single(await EventsAsync(created.Id));
        Assert.Equal(("Registrada", "rosa"), (logged.Kind, logged.UserName));
        await using var db = App.CreateDb();
        Assert.Equal(created.Id, (await db.Visits.SingleAsync(v => v.Id == visit)).PetitionId);

        var again = await Assert.ThrowsAsync<RuleException>(() => Registration.RegisterFromVisitAsync(_clerk, visit, Input()));
        Assert.Equal("La petición de esta visita ya se registró.", again.Message);
    }

    [Fact]
    public async Task Registering_checks_role_and_fields_and_writes_nothing_on_error()
    {
        var visit = await ServedVisitAsync();
        var role = await Assert.ThrowsAsync<RuleException>(() => Registration.RegisterFromVisitAsync(_liaison, visit, Input()));
        Assert.StartsWith("Registrar una petición: le corresponde a Atención a Usuarios o Dirección Comercial", role.Message);

        var fields = await Assert.ThrowsAsync<RuleException>(() => Registration.RegisterFromVisitAsync(_clerk, visit,
            new PetitionInput(0, " ", "", AccountNumber: "ABC", Address: new string('x', 301))));
        Assert.Contains("Solicitante: es obligatorio.", fields.Message);
        Assert.Contains("Asunto: describa lo que pide el usuario.", fields.Message);
        Assert.Contains("Número de cuenta: use letras, dígitos y guiones", fields.Message);
        Assert.Contains("Domicilio: admite a lo más 300 caracteres (tiene 301).", fields.Message);
        Assert.Contains("Tipo de petición: elija uno de la lista.", fields.Message);
        await using var db = App.CreateDb();
        Assert.Equal(0, await db.Petitions.CountAsync());
        Assert.Equal(0, await db.FolioSequences.CountAsync());
    }

    [Fact]
    public async Task A_written_petition_carries_the_Oficialia_folio_and_its_reception_time()
    {
        var future = await Assert.ThrowsAsync<RuleException>(() => Registration.RegisterWrittenAsync(_oficialia,
            new WrittenPetitionInput(Input(), "OP-1001", new DateTime(2026, 11, 28, 9, 0, 0))));
        Assert.StartsWith("Fecha de recepción: 28/11/2026 09:00 es posterior a este momento", future.Message);
        var noFolio = await Assert.ThrowsAsync<RuleException>(() => Registration.RegisterWrittenAsync(_oficialia,
            new WrittenPetitionInput(Input(), " ", new DateTime(2026, 11, 13, 17, 30, 0))));
        Assert.StartsWith("Folio de Oficialía: es obligatorio", noFolio.Message);

        var created = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), "OP-1001", new DateTime(2026, 11, 13, 17, 30, 0)));

        var petition = await LoadAsync(created.Id);
        // After closing on Friday 13 Nov; Monday 16 is a holiday: day 0 is Tuesday 17, due Tuesday 8 Dec.
        Assert.Equal((D(11, 17), D(12, 8), PetitionChannel.Escrito, "OP-1001"), (petition.DayZero, petition.DueDate, petition.Channel, petition.OficialiaFolio));
        var repeated = await Assert.ThrowsAsync<RuleException>(() => Registration.RegisterWrittenAsync(_oficialia,
            new WrittenPetitionInput(Input(), "OP-1001", new DateTime(2026, 11, 20, 10, 0, 0))));
        Assert.Equal("Folio de Oficialía: OP-1001 ya está registrado en otra petición.", repeated.Message);
    }

    [Fact]
    public async Task Routing_to_areas_answers_by_their_liaisons_and_the_move_to_En_respuesta()
    {
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input());
        var routed = await Petitions.RouteAsync(_clerk, created.Id, created.Version, [_operation, _billing], "Revisar lectura y facturación");
        Assert.Equal(PetitionStatus.Turnada, routed.Status);

        var stale = await Assert.ThrowsAsync<RuleException>(() => Petitions.RouteAsync(_clerk, created.Id, created.Version, [_operation], null));
        Assert.StartsWith("Alguien más cambió la petición AU-2026-00001", stale.Message);
        var repeated = await Assert.ThrowsAsync<RuleException>(() => Petitions.RouteAsync(_clerk, routed.Id, routed.Version, [_operation], null));
        Assert.Equal("Áreas: la petición ya está turnada a Operación y sin respuesta.", repeated.Message);

        var petition = await LoadAsync(created.Id);
        var operation = petition.Routings.Single(r => r.AreaId == _operation);
        var billing = petition.Routings.Single(r => r.AreaId == _billing);
        var wrongArea = await Assert.ThrowsAsync<RuleException>(() => Petitions.AnswerRoutingAsync(_otherLiaison, operation.Id, operation.Version, "No es nuestro"));
        Assert.StartsWith("Responder el turno: ese turno es de otra área", wrongArea.Message);

        await Petitions.RecordFollowUpAsync(_clerk, operation.Id, FollowUpKind.ProgressRequest, null);
        await Petitions.AnswerRoutingAsync(_otherLiaison, billing.Id, billing.Version, "Se ajustó el cobro.");
        Assert.Equal(PetitionStatus.Turnada, (await LoadAsync(created.Id)).Status);
        operation = (await LoadAsync(created.Id)).Routings.Single(r => r.AreaId == _operation);
        Assert.NotNull(operation.LastFollowUpAtUtc);
        var answered = await Petitions.AnswerRoutingAsync(_liaison, operation.Id, operation.Version, "Lectura verificada en campo.");

        Assert.Equal(PetitionStatus.EnRespuesta, answered.Status);
        var kinds = (await EventsAsync(created.Id)).Select(e => e.Kind).ToList();
        Assert.Equal(["Registrada", "Turnada", "Seguimiento", "Respuesta de área", "Respuesta de área", "En respuesta"], kinds);
    }

    [Fact]
    public async Task Routing_to_an_inactive_area_is_refused()
    {
        await using (var db = App.CreateDb())
        {
            (await db.Areas.SingleAsync(a => a.Id == _billing)).IsActive = false;
            await db.SaveChangesAsync();
        }
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input());
        var error = await Assert.ThrowsAsync<RuleException>(() => Petitions.RouteAsync(_clerk, created.Id, created.Version, [_billing], null));
        Assert.Equal("Áreas: Facturación y Cobranza ya no está activa.", error.Message);
    }

    [Fact]
    public async Task A_third_party_waits_for_ownership_proof_and_the_clock_pauses()
    {
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input(thirdParty: true));
        var waiting = await Petitions.WaitForPetitionerAsync(_clerk, created.Id, created.Version, PauseReason.OwnershipProof, D(11, 27), null);

        var petition = await LoadAsync(created.Id);
        Assert.Equal(PetitionStatus.EsperandoUsuario, petition.Status);
        // Requirement delivered Friday 27 Nov: 3 business days → Mon 30 Nov, Tue 1, Wed 2 Dec.
        Assert.Equal(D(12, 2), petition.ProofDueDate);

        // The petitioner proves ownership on Wednesday 2 Dec: Mon 30, Tue 1 and Wed 2 did not count.
        App.Time.Advance(TimeSpan.FromDays(5));
        var resumed = await Petitions.ResumeAsync(_clerk, created.Id, waiting.Version, "Trajo escrituras");

        petition = await LoadAsync(created.Id);
        Assert.Equal((PetitionStatus.Registrada, D(12, 23), (DateOnly?)null), (petition.Status, petition.DueDate, petition.ProofDueDate));
        Assert.Equal(D(12, 2), petition.Pauses.Single().EndDate);
        Assert.Equal(resumed.Version, petition.Version);
    }

    [Fact]
    public async Task Ownership_proof_is_only_for_third_parties_and_dates_are_checked()
    {
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input());
        var owner = await Assert.ThrowsAsync<RuleException>(() => Petitions.WaitForPetitionerAsync(_clerk, created.Id, created.Version, PauseReason.OwnershipProof, D(11, 27), null));
        Assert.StartsWith("La acreditación de propiedad solo se pide", owner.Message);
        var future = await Assert.ThrowsAsync<RuleException>(() => Petitions.WaitForPetitionerAsync(_clerk, created.Id, created.Version, PauseReason.Documents, D(11, 30), null));
        Assert.Equal("Fecha de entrega del requerimiento: 30/11/2026 es posterior a hoy.", future.Message);
    }

    [Fact]
    public async Task Cancelling_needs_a_reason_keeps_the_record_and_happens_once()
    {
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(), Input());
        var routed = await Petitions.RouteAsync(_clerk, created.Id, created.Version, [_operation], null);
        var noReason = await Assert.ThrowsAsync<RuleException>(() => Petitions.CancelAsync(_clerk, created.Id, routed.Version, " "));
        Assert.Equal("Motivo: escriba por qué se cancela.", noReason.Message);

        var cancelled = await Petitions.CancelAsync(_clerk, created.Id, routed.Version, "El usuario se desistió");

        var petition = await LoadAsync(created.Id);
        Assert.Equal((PetitionStatus.Cancelada, "El usuario se desistió"), (petition.Status, petition.CancelReason));
        Assert.Equal(RoutingStatus.Withdrawn, petition.Routings.Single().Status);
        var twice = await Assert.ThrowsAsync<RuleException>(() => Petitions.CancelAsync(_clerk, created.Id, cancelled.Version, "Otra vez"));
        Assert.Equal("No se puede cancelar la petición AU-2026-00001: está cancelada.", twice.Message);
    }

    [Fact]
    public async Task Folios_are_consecutive_and_never_repeat_under_concurrent_registration()
    {
        var results = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(() =>
            Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), $"OP-{i}", new DateTime(2026, 11, 20, 10, 0, 0))))));

        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"AU-2026-{n:00000}"), results.Select(r => r.Folio).Order());
        await using var db = App.CreateDb();
        Assert.Equal(20, (await db.FolioSequences.SingleAsync()).LastNumber);
    }

    [Theory]
    [InlineData("au-2026-42", "AU-2026-00042")]
    [InlineData("2026-7", "AU-2026-00007")]
    [InlineData(" AU - 2026 - 00042 ", "AU-2026-00042")]
    [InlineData("folio 42", null)]
    public void Typed_folios_are_understood(string typed, string? folio) => Assert.Equal(folio, Folios.Normalize(typed, "AU"));

    [Fact]
    public async Task A_third_party_given_the_requirement_at_registration_waits_for_the_proof_from_that_step()
    {
        var created = await Registration.RegisterFromVisitAsync(_clerk, await ServedVisitAsync(),
            Input(thirdParty: true) with { OwnershipRequirementDeliveredOn = D(11, 27) });

        var petition = await LoadAsync(created.Id);
        Assert.Equal(PetitionStatus.EsperandoUsuario, created.Status);
        var pause = Assert.Single(petition.Pauses);
        Assert.Equal((PauseReason.OwnershipProof, D(11, 27)), (pause.Reason, pause.StartDate));
        // Three business days from Monday 30 Nov.
        Assert.Equal(D(12, 2), petition.ProofDueDate);
        Assert.Equal(["Registrada", "Esperando al usuario"], (await EventsAsync(created.Id)).Select(e => e.Kind));

        var notThirdParty = await Assert.ThrowsAsync<RuleException>(() => Registration.RegisterWrittenAsync(_director,
            new WrittenPetitionInput(Input() with { OwnershipRequirementDeliveredOn = D(11, 27) }, "OP-76", new DateTime(2026, 11, 27, 9, 0, 0))));
        Assert.StartsWith("Requerimiento de acreditación: solo se entrega cuando quien solicita no es el propietario", notThirdParty.Message);
        var oficialia = await Assert.ThrowsAsync<RuleException>(() => Registration.RegisterWrittenAsync(_oficialia,
            new WrittenPetitionInput(Input(thirdParty: true) with { OwnershipRequirementDeliveredOn = D(11, 27) }, "OP-77", new DateTime(2026, 11, 27, 9, 0, 0))));
        Assert.StartsWith("Entregar el requerimiento de acreditación: le corresponde a Atención a Usuarios o Dirección Comercial", oficialia.Message);
        await using var db = App.CreateDb();
        Assert.False(await db.Petitions.AnyAsync(p => p.OficialiaFolio == "OP-77" || p.OficialiaFolio == "OP-76"));
    }
}
