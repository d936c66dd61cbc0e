namespace Ventanilla.Features.Petitions;

/// <summary>
/// Steps 02 and 11–15: handing a written petition to Atención a Usuarios, the response (draft, review,
/// approval or return), delivery against the signed copy and the Oficialía's closing of the folio.
/// </summary>
public sealed class PetitionResponses(PetitionChanges changes, SettingsService settings, OfficeClock office, Documents.ResponseDocuments documents)
{
    public const int MaxResponseLength = 20000;

    /// <summary>Step 02: the Dirección Comercial reviewed a written petition and hands it to Atención a Usuarios.</summary>
    public Task<PetitionRef> ForwardToAttentionAsync(Actor actor, int petitionId, long version, string? note, CancellationToken ct = default)
        => changes.ChangeAsync(petitionId, version, (db, petition) =>
        {
            var step = PetitionFlow.Of(PetitionAction.Forward);
            step.Require(actor, petition);
            if (!PetitionChannels.StartsWithDirector(petition.Channel) || petition.ForwardedAtUtc is not null)
            {
                throw new RuleException($"La petición {petition.Folio} ya está en manos de Atención a Usuarios.");
            }
            petition.ForwardedAtUtc = office.UtcNow();
            changes.Take(db, petition, actor, step, PetitionChanges.Text(note, "Nota", PetitionService.MaxNoteLength));
            return Task.CompletedTask;
        }, ct);

    /// <summary>Staff decide to answer now (without waiting for every area) or write the first draft.</summary>
    public Task<PetitionRef> SaveDraftAsync(Actor actor, int petitionId, long version, string? text, CancellationToken ct = default)
        => changes.ChangeAsync(petitionId, version, async (db, petition) =>
        {
            var step = PetitionFlow.Of(PetitionAction.SaveDraft);
            step.Require(actor, petition);
            var body = PetitionChanges.Text(text, "Texto de la respuesta", MaxResponseLength) ?? throw new RuleException("Texto de la respuesta: escriba lo que se responde al usuario.");
            var response = await db.PetitionResponses.Where(r => r.PetitionId == petition.Id && (r.Status == ResponseStatus.Draft || r.Status == ResponseStatus.Returned))
                .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            var now = office.UtcNow();
            if (response is null)
            {
                response = new PetitionResponse { PetitionId = petition.Id, DraftedByUserId = actor.UserId, DraftedAtUtc = now };
                petition.Responses.Add(response);
            }
            (response.Text, response.Status, response.DraftedByUserId, response.DraftedAtUtc) = (body, ResponseStatus.Draft, actor.UserId, now);
            var pending = petition.Routings.Count(r => r.Status == RoutingStatus.Pending);
            // The first draft moves the petition to «En respuesta» and says why; later drafts are noted without a note.
            changes.Take(db, petition, actor, step, petition.Status == step.To ? null
                : pending == 0 ? "Se redacta la respuesta."
                : pending == 1 ? "Se responde sin esperar a un área que aún no contesta."
                : $"Se responde sin esperar a {pending} áreas que aún no contestan.");
        }, ct);

    /// <summary>Step 12: the draft goes to the Dirección Comercial for its visto bueno.</summary>
    public Task<PetitionRef> SubmitForReviewAsync(Actor actor, int petitionId, long version, CancellationToken ct = default)
        => changes.ChangeAsync(petitionId, version, async (db, petition) =>
        {
            var step = PetitionFlow.Of(PetitionAction.SubmitForReview);
            step.Require(actor, petition);
            var draft = await CurrentAsync(db, petition, ResponseStatus.Draft, ct) ?? throw new RuleException("Primero redacte la respuesta.");
            (draft.Status, draft.SubmittedAtUtc) = (ResponseStatus.InReview, office.UtcNow());
            changes.Take(db, petition, actor, step, "Enviada a la Dirección Comercial para su visto bueno.");
        }, ct);

    /// <summary>
    /// The Director's visto bueno. Approving one's own draft is refused unless the settings allow it. The response's PDF
    /// of record is issued in the same transaction, signed with the approver's certificate (opened with
    /// <paramref name="signingPassword"/>, never kept) when the office signs electronically: a refusal there approves nothing.
    /// </summary>
    public Task<PetitionRef> ApproveAsync(
        Actor actor, int petitionId, long version, string? comments, string? signingPassword = null, string? publicBase = null, CancellationToken ct = default)
        => changes.ChangeAsync(petitionId, version, async (db, petition) =>
        {
            var step = PetitionFlow.Of(PetitionAction.Approve);
            step.Require(actor, petition);
            var response = await CurrentAsync(db, petition, ResponseStatus.InReview, ct) ?? throw new RuleException("No hay respuesta en revisión.");
            if (response.DraftedByUserId == actor.UserId && !settings.Current.AllowSelfApproval)
            {
                throw new RuleException("Usted redactó esta respuesta: el visto bueno debe darlo otra persona de la Dirección Comercial (Ajustes lo puede permitir).");
            }
            var text = PetitionChanges.Text(comments, "Comentarios", PetitionService.MaxNoteLength);
            (response.Status, response.ReviewedByUserId, response.ReviewedAtUtc, response.ReviewComments) = (ResponseStatus.Approved, actor.UserId, office.UtcNow(), text);
            var issued = await documents.IssueResponseAsync(db, petition, response, actor, signingPassword, publicBase, ct);
            var record = issued.CertificateSerial is { } serial
                ? $"PDF de la respuesta firmado electrónicamente (certificado {serial})."
                : "PDF de la respuesta generado para firmarse a mano.";
            changes.Take(db, petition, actor, step, text is null ? record : $"{text} {record}");
        }, ct);

    /// <summary>The Director returns the response with comments; it goes back to drafting.</summary>
    public Task<PetitionRef> ReturnAsync(Actor actor, int petitionId, long version, string? comments, CancellationToken ct = default)
        => changes.ChangeAsync(petitionId, version, async (db, petition) =>
        {
            var step = PetitionFlow.Of(PetitionAction.Return);
            step.Require(actor, petition);
            var text = PetitionChanges.Text(comments, "Comentarios", PetitionService.MaxNoteLength) ?? throw new RuleException("Comentarios: diga qué hay que corregir.");
            var response = await CurrentAsync(db, petition, ResponseStatus.InReview, ct) ?? throw new RuleException("No hay respuesta en revisión.");
            (response.Status, response.ReviewedByUserId, response.ReviewedAtUtc, response.ReviewComments) = (ResponseStatus.Returned, actor.UserId, office.UtcNow(), text);
            changes.Take(db, petition, actor, step, text);
        }, ct);

    /// <summary>Step 13: the approved response is delivered; who received it and when. On time = on or before the due date.</summary>
    public Task<PetitionRef> DeliverAsync(
        Actor actor, int petitionId, long version, string? receivedBy, DateTime deliveredLocal, string? notes, CancellationToken ct = default)
        => changes.ChangeAsync(petitionId, version, (db, petition) =>
        {
            PetitionFlow.Of(PetitionAction.Deliver).Require(actor, petition);
            var who = PetitionChanges.Text(receivedBy, "Recibió", 200) ?? throw new RuleException("Recibió: escriba el nombre de quien firmó de recibido.");
            Deliver(db, actor, petition, who, deliveredLocal, PetitionChanges.Text(notes, "Notas", 1000), electronic: false);
            return Task.CompletedTask;
        }, ct);

    /// <summary>The delivery itself, at the desk against a signed copy or by the petitioner's first download (electronic acuse).</summary>
    internal void Deliver(AppDbContext db, Actor actor, Petition petition, string who, DateTime deliveredLocal, string? notes, bool electronic)
    {
        var step = PetitionFlow.Of(PetitionAction.Deliver);
        step.RequireStatus(petition);
        var now = office.Now().DateTime;
        if (deliveredLocal > now) throw new RuleException($"Fecha de entrega: {deliveredLocal:dd/MM/yyyy HH:mm} es posterior a este momento.");
        var day = DateOnly.FromDateTime(deliveredLocal);
        // Compared with the day it was received, not day 0: something received after hours can be answered that evening.
        var received = office.ToLocal(petition.ReceivedAtUtc);
        received = received.AddTicks(-(received.Ticks % TimeSpan.TicksPerMinute)); // people type minutes, not seconds
        if (deliveredLocal < received) throw new RuleException($"Fecha de entrega: {deliveredLocal:dd/MM/yyyy HH:mm} es anterior a la recepción ({received:dd/MM/yyyy HH:mm}).");
        petition.Deliveries.Add(new Delivery
        {
            Electronic = electronic,
            ReceivedBy = who,
            DeliveredAtUtc = office.ToUtc(deliveredLocal),
            RecordedByUserId = actor.AccountId,
            Notes = notes,
        });
        petition.ResponseDate = day;
        petition.OnTime = LegalClock.IsOnTime(day, petition.DueDate);
        var onTime = petition.OnTime == true ? "a tiempo" : $"fuera de plazo (vencía el {petition.DueDate:dd/MM/yyyy})";
        changes.Take(db, petition, actor, step, electronic
            ? $"Entregada electrónicamente: {who} descargó la respuesta firmada el {deliveredLocal:dd/MM/yyyy HH:mm} (acuse electrónico); {onTime}."
            : $"Recibió {who} el {deliveredLocal:dd/MM/yyyy HH:mm}; {onTime}.");
    }

    /// <summary>Step 15: the Oficialía de Partes records the signed copy and closes the folio.</summary>
    public Task<PetitionRef> CloseAsync(Actor actor, int petitionId, long version, string? note, CancellationToken ct = default)
        => changes.ChangeAsync(petitionId, version, (db, petition) =>
        {
            var step = PetitionFlow.Of(PetitionAction.Close);
            step.Require(actor, petition);
            petition.ClosedAtUtc = office.UtcNow();
            changes.Take(db, petition, actor, step, PetitionChanges.Text(note, "Nota", PetitionService.MaxNoteLength));
            return Task.CompletedTask;
        }, ct);

    private static Task<PetitionResponse?> CurrentAsync(AppDbContext db, Petition petition, ResponseStatus status, CancellationToken ct)
        => db.PetitionResponses.Where(r => r.PetitionId == petition.Id && r.Status == status).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
}
