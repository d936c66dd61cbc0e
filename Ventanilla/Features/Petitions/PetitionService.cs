using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Petitions;

/// <summary>
/// The Control de Peticiones (ON-GAU-02) and the lifecycle of DESIGN §3.2 up to the response (registration is in
/// <see cref="PetitionRegistration"/>, the response in <see cref="PetitionResponses"/>). Every action checks the
/// table (<see cref="PetitionFlow"/>) for the actor's role and the petition's state, the version, runs in one write
/// transaction, appends an event to the petition's history and tells the live views.
/// </summary>
public sealed class PetitionService(
    IDbContextFactory<AppDbContext> dbFactory, PetitionChanges changes, CalendarService calendar, OfficeClock office)
{
    public const int MaxSubjectLength = PetitionLimits.Subject;
    public const int MaxNoteLength = 2000;

    /// <summary>Steps 05/09: sends the petition (or part of it) to one or more areas, each routing with the note.</summary>
    public Task<PetitionRef> RouteAsync(Actor actor, int petitionId, long version, IReadOnlyCollection<int> areaIds, string? note, CancellationToken ct = default)
        => changes.ChangeAsync(petitionId, version, async (db, petition) =>
        {
            var step = PetitionFlow.Of(PetitionAction.Route);
            step.Require(actor, petition);
            if (areaIds.Count == 0) throw new RuleException("Áreas: elija al menos un área.");
            var text = PetitionChanges.Text(note, "Nota", MaxNoteLength);
            var areas = await db.Areas.Where(a => areaIds.Contains(a.Id)).ToListAsync(ct);
            var inactive = areas.Where(a => !a.IsActive).Select(a => a.Name).ToList();
            if (areas.Count != areaIds.Distinct().Count() || inactive.Count > 0)
            {
                throw new RuleException(inactive.Count > 0 ? $"Áreas: {string.Join(", ", inactive)} ya no está activa." : "Áreas: una de las elegidas ya no existe.");
            }
            var pending = petition.Routings.Where(r => r.Status == RoutingStatus.Pending).Select(r => r.AreaId).ToHashSet();
            var repeated = areas.Where(a => pending.Contains(a.Id)).Select(a => a.Name).ToList();
            if (repeated.Count > 0) throw new RuleException($"Áreas: la petición ya está turnada a {string.Join(", ", repeated)} y sin respuesta.");

            var now = office.UtcNow();
            foreach (var area in areas)
            {
                petition.Routings.Add(new Routing { AreaId = area.Id, Note = text, RoutedAtUtc = now, RoutedByUserId = actor.UserId, Status = RoutingStatus.Pending });
            }
            changes.Take(db, petition, actor, step, $"A {string.Join(", ", areas.Select(a => a.Name))}{(text is null ? "" : $": {text}")}");
        }, ct);

    /// <summary>
    /// The kanban's drag: the petition leaves <paramref name="fromAreaId"/> (its pending routing there is withdrawn)
    /// and is routed to <paramref name="toAreaId"/>. A stale version (someone moved it first) is refused cleanly.
    /// </summary>
    public Task<PetitionRef> MoveToAreaAsync(
        Actor actor, int petitionId, long version, int? fromAreaId, int toAreaId, string? note, CancellationToken ct = default)
        => changes.ChangeAsync(petitionId, version, async (db, petition) =>
        {
            var step = PetitionFlow.Of(PetitionAction.Route);
            actor.Require(step.Name, step.Roles);
            var target = await db.Areas.SingleOrDefaultAsync(a => a.Id == toAreaId, ct) ?? throw new RuleException("Esa área ya no existe.");
            var alreadyThere = petition.Routings.Any(r => r.AreaId == toAreaId && r.Status == RoutingStatus.Pending);
            if (WhyNotMove(petition.Folio, petition.Status, target.Name, target.Kind, target.IsActive, alreadyThere) is { } refused) throw new RuleException(refused);
            var text = PetitionChanges.Text(note, "Nota", MaxNoteLength);
            var source = fromAreaId is { } from ? petition.Routings.FirstOrDefault(r => r.AreaId == from && r.Status == RoutingStatus.Pending) : null;
            if (source is not null) source.Status = RoutingStatus.Withdrawn;
            petition.Routings.Add(new Routing { AreaId = target.Id, Note = text, RoutedAtUtc = office.UtcNow(), RoutedByUserId = actor.UserId, Status = RoutingStatus.Pending });
            var sourceName = source is null ? null : await db.Areas.Where(a => a.Id == source.AreaId).Select(a => a.Name).SingleAsync(ct);
            changes.Take(db, petition, actor, step,
                $"{(sourceName is null ? "" : $"De {sourceName} ")}a {target.Name}{(text is null ? "" : $": {text}")}");
        }, ct);

    /// <summary>
    /// Why a petition cannot be moved (turnada) to an area, or null when it can. The one rule the move enforces, and the
    /// kanban asks before offering its note dialog, so a card dropped where it cannot go is refused on the spot.
    /// </summary>
    public static string? WhyNotMove(string folio, PetitionStatus status, string targetName, AreaKind targetKind, bool targetActive, bool alreadyThere)
    {
        if (status == PetitionStatus.EsperandoUsuario)
        {
            return $"La petición {folio} está en pausa esperando al usuario: no se turna hasta que se reanude (botón «Reanudar» en su página).";
        }
        if (!PetitionFlow.Of(PetitionAction.Route).Permits(status))
        {
            return $"No se puede turnar la petición {folio}: está {StatusLabel(status).ToLowerInvariant()}.";
        }
        if (!targetActive) return $"Áreas: {targetName} ya no está activa.";
        if (targetKind != AreaKind.General) return $"Solo se turna a las áreas del organismo; {targetName} recibe la petición por su propio paso del procedimiento.";
        return alreadyThere ? $"La petición {folio} ya está turnada a {targetName}." : null;
    }

    /// <summary>The area's answer to its routing. When every routing is answered the petition moves to "En respuesta".</summary>
    public async Task<PetitionRef> AnswerRoutingAsync(Actor actor, int routingId, long version, string? answer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var petitionId = await db.Routings.Where(r => r.Id == routingId).Select(r => (int?)r.PetitionId).SingleOrDefaultAsync(ct)
            ?? throw new RuleException("Ese turno a un área ya no existe.");
        return await changes.ChangeAsync(petitionId, expectedVersion: null, async (db, petition) =>
        {
            var routing = petition.Routings.Single(r => r.Id == routingId);
            PetitionFlow.RequireRouting(PetitionAction.AnswerRouting, actor, routing);
            if (routing.Version != version) throw PetitionChanges.Stale();
            if (routing.Status != RoutingStatus.Pending) throw new RuleException("Ese turno ya tiene respuesta.");
            var text = PetitionChanges.Text(answer, "Respuesta o avance del área", MaxSubjectLength) ?? throw new RuleException("Respuesta o avance del área: escriba lo que responde el área.");
            (routing.Status, routing.Answer, routing.AnsweredAtUtc, routing.AnsweredByUserId) = (RoutingStatus.Answered, text, office.UtcNow(), actor.UserId);
            var areaName = await db.Areas.Where(a => a.Id == routing.AreaId).Select(a => a.Name).SingleAsync(ct);
            changes.Take(db, petition, actor, PetitionFlow.Of(PetitionAction.AnswerRouting), $"{areaName}: {text}");
            var allAnswered = PetitionFlow.Of(PetitionAction.AllAreasAnswered);
            if (allAnswered.Permits(petition.Status) && petition.Routings.All(r => r.Status != RoutingStatus.Pending))
            {
                changes.Take(db, petition, actor, allAnswered, "Todas las áreas respondieron.");
            }
        }, ct);
    }

    /// <summary>Step 10: a progress request to the area, or the area's progress report, on an open routing.</summary>
    /// <param name="expectedVersion">The petition's version the caller read (the API's callers send it); null: no check.</param>
    public async Task<PetitionRef> RecordFollowUpAsync(
        Actor actor, int routingId, FollowUpKind kind, string? note, CancellationToken ct = default, long? expectedVersion = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var petitionId = await db.Routings.Where(r => r.Id == routingId).Select(r => (int?)r.PetitionId).SingleOrDefaultAsync(ct)
            ?? throw new RuleException("Ese turno a un área ya no existe.");
        return await changes.ChangeAsync(petitionId, expectedVersion, async (db, petition) =>
        {
            var routing = petition.Routings.Single(r => r.Id == routingId);
            var step = PetitionFlow.Of(kind == FollowUpKind.AreaReply ? PetitionAction.ReportProgress : PetitionAction.RequestProgress);
            PetitionFlow.RequireRouting(step.Action, actor, routing);
            if (routing.Status != RoutingStatus.Pending) throw new RuleException("Ese turno ya tiene respuesta; no necesita seguimiento.");
            var text = PetitionChanges.Text(note, "Nota", MaxNoteLength) ?? (kind == FollowUpKind.ProgressRequest ? "Se solicitó avance." : throw new RuleException("Nota: escriba el avance."));
            var now = office.UtcNow();
            db.FollowUps.Add(new FollowUp { RoutingId = routing.Id, Kind = kind, AtUtc = now, UserId = actor.UserId, Note = text });
            routing.LastFollowUpAtUtc = now;
            var areaName = await db.Areas.Where(a => a.Id == routing.AreaId).Select(a => a.Name).SingleAsync(ct);
            changes.Take(db, petition, actor, step, $"{areaName}: {text}");
        }, ct);
    }

    /// <summary>
    /// Waiting on the petitioner (steps 04, 06, 09): a written requirement (ownership proof for a third party, or
    /// documents) was delivered on <paramref name="deliveredOn"/>; the clock pauses from the next day.
    /// </summary>
    public Task<PetitionRef> WaitForPetitionerAsync(
        Actor actor, int petitionId, long version, PauseReason reason, DateOnly deliveredOn, string? note, CancellationToken ct = default)
        => changes.ChangeAsync(petitionId, version, (db, petition) =>
        {
            PetitionFlow.Of(PetitionAction.WaitForPetitioner).Require(actor, petition);
            StartWaiting(db, actor, petition, reason, deliveredOn, note);
            return Task.CompletedTask;
        }, ct);

    /// <summary>The pause itself, shared with the registration of a third party who received the requirement on the spot.</summary>
    internal void StartWaiting(AppDbContext db, Actor actor, Petition petition, PauseReason reason, DateOnly deliveredOn, string? note)
    {
        if (reason == PauseReason.OwnershipProof && !petition.IsThirdParty)
        {
            throw new RuleException("La acreditación de propiedad solo se pide cuando quien solicita no es el propietario (tercero).");
        }
        var today = office.Today();
        if (deliveredOn > today) throw new RuleException($"Fecha de entrega del requerimiento: {deliveredOn:dd/MM/yyyy} es posterior a hoy.");
        var received = DateOnly.FromDateTime(office.ToLocal(petition.ReceivedAtUtc));
        if (deliveredOn < received) throw new RuleException($"Fecha de entrega del requerimiento: {deliveredOn:dd/MM/yyyy} es anterior a la recepción ({received:dd/MM/yyyy}).");
        var text = PetitionChanges.Text(note, "Nota", 1000);
        petition.Pauses.Add(new PetitionPause { Reason = reason, StartDate = deliveredOn, StartedAtUtc = office.UtcNow(), Note = text });
        var clock = calendar.Clock();
        petition.DueDate = PetitionDeadlines.DueDateOf(clock, petition);
        petition.ProofDueDate = PetitionDeadlines.ProofDueDateOf(clock, petition);
        var what = reason == PauseReason.OwnershipProof
            ? $"Se pidió acreditar la propiedad (requerimiento entregado el {deliveredOn:dd/MM/yyyy}); plazo hasta el {petition.ProofDueDate:dd/MM/yyyy}."
            : $"Se pidieron documentos (requerimiento entregado el {deliveredOn:dd/MM/yyyy}).";
        changes.Take(db, petition, actor, PetitionFlow.Of(PetitionAction.WaitForPetitioner), text is null ? what : $"{what} {text}");
    }

    /// <summary>The petitioner brought the proof or the documents: the clock runs again and the petition continues where it was.</summary>
    public Task<PetitionRef> ResumeAsync(Actor actor, int petitionId, long version, string? note, CancellationToken ct = default)
        => changes.ChangeAsync(petitionId, version, async (db, petition) =>
        {
            PetitionFlow.Of(PetitionAction.Resume).Require(actor, petition);
            var pause = petition.Pauses.Single(p => p.EndDate is null);
            // What the citizen sent online is decided on its own (accepted from the day it arrived, or rejected), not overtaken.
            if (await db.CitizenDeliveries.AnyAsync(d => d.PauseId == pause.Id && d.Status == CitizenDeliveryStatus.Pending, ct))
            {
                throw new RuleException($"El usuario ya envió en línea lo que se le pidió para la petición {petition.Folio}: acéptelo o rechácelo en «Entregas en línea» de su página.");
            }
            var what = pause.Reason == PauseReason.OwnershipProof ? "El usuario acreditó la propiedad." : "El usuario entregó los documentos.";
            EndWaiting(db, actor, petition, pause, office.Today(), PauseEnd.InPerson, what, note);
        }, ct);

    /// <summary>
    /// Ends the pause on <paramref name="deliveredOn"/> (today at the desk; the day the citizen sent it, for what arrived
    /// online): the petition goes back to where it was and its due date moves by the paused business days.
    /// </summary>
    internal void EndWaiting(AppDbContext db, Actor actor, Petition petition, PetitionPause pause, DateOnly deliveredOn, PauseEnd how, string what, string? note)
    {
        var step = PetitionFlow.Of(PetitionAction.Resume);
        step.RequireStatus(petition);
        (pause.EndDate, pause.EndedAtUtc, pause.EndedHow) = (deliveredOn < pause.StartDate ? pause.StartDate : deliveredOn, office.UtcNow(), how);
        // Back to where it was: not routed yet, with areas still to answer, or with every area answered.
        var to = petition.Routings.Count == 0 ? PetitionStatus.Registrada
            : petition.Routings.Any(r => r.Status == RoutingStatus.Pending) ? PetitionStatus.Turnada
            : PetitionStatus.EnRespuesta;
        var clock = calendar.Clock();
        petition.DueDate = PetitionDeadlines.DueDateOf(clock, petition);
        petition.ProofDueDate = null;
        var text = PetitionChanges.Text(note, "Nota", 1000);
        changes.Take(db, petition, actor, step, $"{what} Nueva fecha límite: {petition.DueDate:dd/MM/yyyy}.{(text is null ? "" : $" {text}")}", to);
    }

    /// <summary>Cancels an open petition with a reason; the record and its history stay.</summary>
    public Task<PetitionRef> CancelAsync(Actor actor, int petitionId, long version, string? reason, CancellationToken ct = default)
        => changes.ChangeAsync(petitionId, version, (db, petition) =>
        {
            var step = PetitionFlow.Of(PetitionAction.Cancel);
            step.Require(actor, petition);
            var text = PetitionChanges.Text(reason, "Motivo", 1000) ?? throw new RuleException("Motivo: escriba por qué se cancela.");
            var now = office.UtcNow();
            foreach (var routing in petition.Routings.Where(r => r.Status == RoutingStatus.Pending)) routing.Status = RoutingStatus.Withdrawn;
            foreach (var pause in petition.Pauses.Where(p => p.EndDate is null)) (pause.EndDate, pause.EndedAtUtc, pause.EndedHow) = (office.Today(), now, PauseEnd.Cancelled);
            (petition.CancelReason, petition.ClosedAtUtc, petition.ProofDueDate) = (text, now, null);
            changes.Take(db, petition, actor, step, text);
            return Task.CompletedTask;
        }, ct);

    public static string StatusLabel(PetitionStatus status) => status switch
    {
        PetitionStatus.Registrada => "Registrada",
        PetitionStatus.EsperandoUsuario => "Esperando al usuario",
        PetitionStatus.Turnada => "Turnada",
        PetitionStatus.EnRespuesta => "En respuesta",
        PetitionStatus.EnRevision => "En revisión",
        PetitionStatus.Aprobada => "Aprobada",
        PetitionStatus.Entregada => "Entregada",
        PetitionStatus.Cerrada => "Cerrada",
        PetitionStatus.CerradaSinAcreditacion => "Cerrada sin acreditación",
        PetitionStatus.Cancelada => "Cancelada",
        _ => status.ToString(),
    };

}
