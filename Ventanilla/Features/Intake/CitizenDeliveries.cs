using Ventanilla.Features.Citizen;
using Ventanilla.Features.Expediente;
using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Intake;

/// <summary>What a paused petition asks of the citizen, as <c>/consulta</c> shows it to whoever holds folio and code.</summary>
/// <param name="CanSend">Whether an answer may be sent now (none is waiting for review, the term has not run out).</param>
/// <param name="PendingSinceLocal">When the answer waiting for review was sent.</param>
/// <param name="RejectedReason">Why the last answer was not accepted (the citizen may send another).</param>
public sealed record PublicRequirement(
    PauseReason Reason, string What, DateOnly? DueDate, bool CanSend, DateTime? PendingSinceLocal, string? RejectedReason);

/// <summary>An online answer as the staff review it.</summary>
public sealed record DeliveryRow(
    int Id, int PetitionId, string Folio, string Petitioner, PauseReason Reason, DateTime DeliveredAtLocal, DateOnly DeliveredOn,
    CitizenDeliveryStatus Status, string? Note, string? ReviewedBy, DateTime? ReviewedAtLocal, string? RejectReason, int Files,
    DateOnly? ProofDueDate, long Version);

/// <summary>
/// Procedure steps 04, 06, 09 and 14 without the trip: the citizen answers what a paused petition waits for (the
/// ownership proof or documents) from <c>/consulta</c> with folio and code. The files land in the expediente as
/// «Entregado por el ciudadano (en línea)», the staff see it on the petition, on the follow-up page and in the menu's
/// count, and accept it (the pause ends on the day the citizen delivered, as if it had been brought in) or reject it
/// with a reason (the citizen is told by e-mail and on <c>/consulta</c>; the term keeps running). An answer sent in
/// time and reviewed later never lets the petition close for want of proof (<see cref="OwnershipProofExpiry"/>).
/// </summary>
public sealed class CitizenDeliveries(
    IDbContextFactory<AppDbContext> dbFactory, IntakeDraftFiles drafts, PetitionChanges changes, PetitionService petitions, CitizenNotices notices,
    OfficeClock office, LiveUpdates live, SettingsService settings)
{
    /// <summary>The uploader the expediente names for what the citizen sent online.</summary>
    public const string UploaderName = "Entregado por el ciudadano (en línea)";

    public const string ReviewRoles = Roles.Attention;

    /// <summary>The requirement a petition waits on, for <c>/consulta</c>; null when it waits on nothing (or folio and code do not match).</summary>
    public async Task<PublicRequirement?> RequirementAsync(string? folio, string? code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var petition = await OpenAsync(db, folio, code, ct);
        if (petition is null) return null;
        return await RequirementOfAsync(db, petition.Value.Id, ct);
    }

    private async Task<PublicRequirement?> RequirementOfAsync(AppDbContext db, int petitionId, CancellationToken ct)
    {
        var row = await db.Petitions.AsNoTracking().Where(p => p.Id == petitionId && p.Status == PetitionStatus.EsperandoUsuario)
            .Select(p => new { p.ProofDueDate, Pause = p.Pauses.Where(x => x.EndDate == null).Select(x => new { x.Id, x.Reason, x.Note }).FirstOrDefault() })
            .SingleOrDefaultAsync(ct);
        if (row?.Pause is null) return null;
        var answers = await db.CitizenDeliveries.AsNoTracking().Where(d => d.PauseId == row.Pause.Id).OrderByDescending(d => d.Id)
            .Select(d => new { d.Status, d.DeliveredAtUtc, d.RejectReason }).ToListAsync(ct);
        var pending = answers.FirstOrDefault(a => a.Status == CitizenDeliveryStatus.Pending);
        var rejected = answers.FirstOrDefault() is { Status: CitizenDeliveryStatus.Rejected } last ? last.RejectReason : null;
        var due = row.Pause.Reason == PauseReason.OwnershipProof ? row.ProofDueDate : null;
        var inTime = due is not { } d || office.Today() <= d;
        var what = row.Pause.Reason == PauseReason.OwnershipProof
            ? "Acreditar que usted es propietario del inmueble, o que actúa en su nombre: escritura, contrato de compraventa, título de propiedad o carta poder con identificación del propietario."
            : $"Los documentos que se le pidieron{(string.IsNullOrWhiteSpace(row.Pause.Note) ? "." : $": {row.Pause.Note}")}";
        return new PublicRequirement(row.Pause.Reason, what, due, pending is null && inTime,
            pending is null ? null : office.ToLocal(pending.DeliveredAtUtc), rejected);
    }

    /// <summary>
    /// The citizen's answer from <c>/consulta</c>: checked (code, status, the term, one answer waiting at a time, the files
    /// as the expediente checks them) and written in one transaction; a refusal writes nothing.
    /// </summary>
    public async Task<DateTime> SendAsync(string? folio, string? code, IReadOnlyList<IncomingFile> files, string? note, CancellationToken ct = default)
    {
        if (files.Count == 0) throw new RuleException("Documentos: elija al menos un archivo (foto o PDF).");
        var text = PetitionChanges.Text(note, "Comentario", IntakeLimits.MaxNote);
        await using (var check = await dbFactory.CreateDbContextAsync(ct))
        {
            // Checked before any byte is kept, so a wrong code or a closed requirement costs no disk.
            var found = await OpenAsync(check, folio, code, ct) ?? throw new RuleException(NotFound);
            _ = await RequirementOfAsync(check, found.Id, ct) ?? throw new RuleException(NothingAsked(found.Folio));
        }
        var kept = await drafts.ReceiveAsync(files, ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var found = await OpenAsync(db, folio, code, ct) ?? throw new RuleException(NotFound);
            var petition = await db.Petitions.Include(p => p.Pauses).SingleAsync(p => p.Id == found.Id, ct);
            var pause = petition.Status == PetitionStatus.EsperandoUsuario ? petition.Pauses.SingleOrDefault(p => p.EndDate is null) : null;
            if (pause is null) throw new RuleException(NothingAsked(petition.Folio));
            if (await db.CitizenDeliveries.AnyAsync(d => d.PauseId == pause.Id && d.Status == CitizenDeliveryStatus.Pending, ct))
            {
                throw new RuleException("Ya nos envió su respuesta a este requerimiento y la estamos revisando; le avisaremos por correo. No hace falta enviarla otra vez.");
            }
            if (pause.Reason == PauseReason.OwnershipProof && petition.ProofDueDate is { } due && office.Today() > due)
            {
                throw new RuleException($"El plazo para acreditar la propiedad venció el {due:dd/MM/yyyy}; ya no se reciben documentos para este folio.");
            }
            var now = office.UtcNow();
            var delivery = Record(db, petition, pause, now, text, Privacy.PrivacyNotices.InForce(settings.Current));
            var kind = pause.Reason == PauseReason.OwnershipProof ? AttachmentKind.AcreditacionPropiedad : AttachmentKind.Otro;
            foreach (var file in kept)
            {
                var attachment = drafts.ToExpediente(file, petition.Id, kind, now);
                Attach(delivery, attachment);
                db.Attachments.Add(attachment);
            }
            db.Entry(petition).State = EntityState.Modified;
            await db.SaveOrStaleAsync("Su trámite cambió en este momento; vuelva a consultarlo y envíe sus documentos otra vez.", ct);
            await tx.CommitAsync(ct);
            live.Publish(LiveTopic.Petitions);
            return office.ToLocal(now);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // Two answers at once: the unique index on the pending answer let one through.
            throw new RuleException("Ya nos envió su respuesta a este requerimiento y la estamos revisando; le avisaremos por correo.");
        }
        finally
        {
            drafts.Delete(kept);
        }
    }

    /// <summary>Writes the answer (pending review) and its event, in the caller's transaction.</summary>
    /// <param name="privacyVersion">The privacy notice's version the citizen was shown where they sent it.</param>
    internal CitizenDelivery Record(AppDbContext db, Petition petition, PetitionPause pause, DateTime nowUtc, string? note, string privacyVersion)
    {
        var delivery = new CitizenDelivery
        {
            PetitionId = petition.Id, Pause = pause, Reason = pause.Reason, DeliveredAtUtc = nowUtc,
            DeliveredOn = DateOnly.FromDateTime(office.ToLocal(nowUtc)), Note = note, Status = CitizenDeliveryStatus.Pending,
            PrivacyNoticeVersion = privacyVersion,
        };
        db.CitizenDeliveries.Add(delivery);
        var what = pause.Reason == PauseReason.OwnershipProof ? "la acreditación de propiedad" : "los documentos que se le pidieron";
        changes.Log(db, petition, OnlineIntake.Citizen, PetitionEvents.CitizenDelivered, null, null,
            $"El usuario envió en línea {what}; falta revisarlos.{(note is null ? "" : $" Comentario: {note}")}");
        return delivery;
    }

    /// <summary>Links an expediente document to the answer it came with (saved together).</summary>
    internal static void Attach(CitizenDelivery delivery, Attachment attachment) => attachment.CitizenDelivery = delivery;

    /// <summary>The answers waiting for review, oldest first: the follow-up page's list and the menu's count.</summary>
    public async Task<IReadOnlyList<DeliveryRow>> PendingAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require("Revisar lo que envían los ciudadanos", ReviewRoles);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, Waiting(db), ct);
    }

    /// <summary>
    /// The menu's count, read once per change of the petitions (every signed-in page shows it; a burst of changes costs
    /// one query, not one per open page).
    /// </summary>
    public async Task<int> PendingCountAsync(CancellationToken ct = default)
    {
        var generation = live.GenerationOf(LiveTopic.Petitions);
        if (_count is { } cached && cached.Generation == generation) return cached.Count;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var count = await Waiting(db).CountAsync(ct);
        _count = (generation, count);
        return count;
    }

    private (long Generation, int Count)? _count;

    /// <summary>Pending answers of petitions still waiting (one cancelled meanwhile has nothing left to review).</summary>
    private static IQueryable<CitizenDelivery> Waiting(AppDbContext db)
        => db.CitizenDeliveries.Where(d => d.Status == CitizenDeliveryStatus.Pending && d.Petition!.Status == PetitionStatus.EsperandoUsuario);

    /// <summary>A petition's online answers, newest first (its page shows them with their files' status).</summary>
    public async Task<IReadOnlyList<DeliveryRow>> ForPetitionAsync(int petitionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, db.CitizenDeliveries.Where(d => d.PetitionId == petitionId), ct);
    }

    /// <summary>
    /// Accepts the answer: the pause ends on the day the citizen delivered (not the day it was reviewed), the petition goes
    /// back to where it was and its due date moves by the paused business days, as if the citizen had come that day.
    /// </summary>
    public Task<PetitionRef> AcceptAsync(Actor actor, int deliveryId, long version, CancellationToken ct = default)
        => ReviewAsync(actor, deliveryId, version, (db, petition, delivery, pause) =>
        {
            delivery.Status = CitizenDeliveryStatus.Accepted;
            var what = delivery.Reason == PauseReason.OwnershipProof
                ? $"Se aceptó la acreditación de propiedad que el usuario envió en línea el {delivery.DeliveredOn:dd/MM/yyyy}."
                : $"Se aceptaron los documentos que el usuario envió en línea el {delivery.DeliveredOn:dd/MM/yyyy}.";
            petitions.EndWaiting(db, actor, petition, pause, delivery.DeliveredOn, PauseEnd.Online, what, null);
        }, ct);

    /// <summary>Rejects the answer with a reason: the citizen is told by e-mail and on <c>/consulta</c>; the pause (and the proof's term) goes on.</summary>
    public Task<PetitionRef> RejectAsync(Actor actor, int deliveryId, long version, string? reason, CancellationToken ct = default)
    {
        var why = PetitionChanges.Text(reason, "Motivo", 500) ?? throw new RuleException("Motivo: diga al ciudadano por qué no se acepta lo que envió.");
        return ReviewAsync(actor, deliveryId, version, (db, petition, delivery, pause) =>
        {
            (delivery.Status, delivery.RejectReason) = (CitizenDeliveryStatus.Rejected, why);
            changes.Log(db, petition, actor, PetitionEvents.CitizenDeliveryRejected, null, null, why);
            notices.AddRejection(db, petition, why);
        }, ct);
    }

    private async Task<PetitionRef> ReviewAsync(
        Actor actor, int deliveryId, long version, Action<AppDbContext, Petition, CitizenDelivery, PetitionPause> review, CancellationToken ct)
    {
        actor.Require("Revisar lo que envió el ciudadano", ReviewRoles);
        await using var lookup = await dbFactory.CreateDbContextAsync(ct);
        var petitionId = await lookup.CitizenDeliveries.Where(d => d.Id == deliveryId).Select(d => d.PetitionId).SingleOrDefaultAsync(ct)
            ?? throw new RuleException("Esa entrega en línea no existe.", RuleKind.NotFound);
        return await changes.ChangeAsync(petitionId, expectedVersion: null, async (db, petition) =>
        {
            var delivery = await db.CitizenDeliveries.SingleAsync(d => d.Id == deliveryId, ct);
            Stale.Check(delivery.Version, version, "esa entrega");
            if (delivery.Status != CitizenDeliveryStatus.Pending) throw new RuleException("Esa entrega ya se revisó.");
            var pause = petition.Pauses.SingleOrDefault(p => p.Id == delivery.PauseId && p.EndDate is null)
                ?? throw new RuleException($"La petición {petition.Folio} ya no espera esa entrega (se reanudó o se cerró).");
            (delivery.ReviewedAtUtc, delivery.ReviewedByUserId, delivery.ReviewedByName) = (office.UtcNow(), actor.AccountId, actor.UserName);
            review(db, petition, delivery, pause);
        }, ct);
    }

    private async Task<IReadOnlyList<DeliveryRow>> Rows(AppDbContext db, IQueryable<CitizenDelivery> query, CancellationToken ct)
    {
        var rows = await query.OrderByDescending(d => d.Id)
            .Select(d => new
            {
                d.Id, d.PetitionId, d.Petition!.Folio, d.Petition.PetitionerName, d.Reason, d.DeliveredAtUtc, d.DeliveredOn, d.Status, d.Note,
                d.ReviewedByName, d.ReviewedAtUtc, d.RejectReason, Files = db.Attachments.Count(a => a.CitizenDeliveryId == d.Id),
                d.Petition.ProofDueDate, d.Version,
            })
            .ToListAsync(ct);
        return [.. rows.Select(d => new DeliveryRow(d.Id, d.PetitionId!.Value, d.Folio, d.PetitionerName, d.Reason, office.ToLocal(d.DeliveredAtUtc), d.DeliveredOn,
            d.Status, d.Note, d.ReviewedByName, d.ReviewedAtUtc is { } r ? office.ToLocal(r) : null, d.RejectReason, d.Files, d.ProofDueDate, d.Version))];
    }

    private static async Task<(int Id, string Folio)?> OpenAsync(AppDbContext db, string? folio, string? code, CancellationToken ct)
    {
        var typed = FolioLookup.Typed(folio);
        var row = await db.Petitions.AsNoTracking().Where(p => p.Folio == typed).Select(p => new { p.Id, p.Folio, p.PublicCode }).SingleOrDefaultAsync(ct);
        return PublicCodes.Matches(row?.PublicCode, code) && row is not null ? (row.Id, row.Folio) : null;
    }

    private const string NotFound = "No encontramos una petición con ese folio y ese código. Consulte de nuevo su trámite.";

    private static string NothingAsked(string folio) => $"La petición {folio} no está esperando documentos suyos; no hace falta enviar nada.";
}
