using Ventanilla.Data.Interceptors;
using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Petitions;

/// <summary>
/// A new petition with its folio: in person from a served visit (step 06) or by letter at the Oficialía de Partes
/// (step 01). The fields are checked against <see cref="PetitionLimits"/>, the due date is set by the legal clock, and
/// a third party who received the written requirement on the spot starts waiting in the same transaction.
/// </summary>
public sealed class PetitionRegistration(
    IDbContextFactory<AppDbContext> dbFactory, PetitionChanges changes, PetitionService petitions, CalendarService calendar,
    SettingsService settings, OfficeClock office)
{
    /// <summary>Step 06: registers the petition of a served visit whose outcome was "petition", with its folio.</summary>
    public async Task<PetitionRef> RegisterFromVisitAsync(Actor actor, int visitId, PetitionInput input, CancellationToken ct = default)
    {
        var step = PetitionFlow.Of(PetitionAction.RegisterInPerson);
        actor.Require(step.Name, step.Roles);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var visit = await db.Visits.SingleOrDefaultAsync(v => v.Id == visitId, ct) ?? throw new RuleException("Esa visita no existe.");
        if (visit.Outcome != VisitOutcome.PetitionCreated) throw new RuleException("Esa visita no terminó con una petición por registrar.");
        if (visit.PetitionId is not null) throw new RuleException("La petición de esta visita ya se registró.");
        var petition = await NewPetitionAsync(db, actor, input, PetitionChannel.Presencial, visit.ArrivedAtUtc, visit.OfficeId, ct);
        petition.VisitId = visit.Id;
        await db.SaveChangesAsync(ct);
        visit.PetitionId = petition.Id;
        // The documents attached while the petition was being registered follow the visit into it.
        var documents = await db.Attachments.Where(a => a.VisitId == visit.Id && a.PetitionId == null).ToListAsync(ct);
        foreach (var document in documents) document.PetitionId = petition.Id;
        var attached = documents.Count == 0 ? "" : $"; {Spanish.Count(documents.Count, "documento adjunto", "documentos adjuntos")} en la visita";
        changes.Take(db, petition, actor, step, $"Presencial, desde la visita del {office.ToLocal(visit.ArrivedAtUtc):dd/MM/yyyy HH:mm}{attached}.");
        await CheckPadronAsync(db, actor, petition, ct);
        WaitForProofAtRegistration(db, actor, petition, input);
        return await changes.CommitAsync(db, petition, ct);
    }

    /// <summary>Step 01 by letter: the Oficialía de Partes registers a written petition with its own folio and reception time.</summary>
    public async Task<PetitionRef> RegisterWrittenAsync(Actor actor, WrittenPetitionInput input, CancellationToken ct = default)
    {
        var step = PetitionFlow.Of(PetitionAction.RegisterWritten);
        actor.Require(step.Name, step.Roles);
        var oficialia = input.OficialiaFolio?.Trim() ?? "";
        if (oficialia.Length == 0) throw new RuleException("Folio de Oficialía: es obligatorio para una petición por escrito.");
        if (oficialia.Length > PetitionLimits.OficialiaFolio) throw new RuleException(RuleException.TooLong("Folio de Oficialía", PetitionLimits.OficialiaFolio, oficialia.Length));
        var now = office.Now().DateTime;
        if (input.ReceivedLocal > now)
        {
            throw new RuleException($"Fecha de recepción: {input.ReceivedLocal:dd/MM/yyyy HH:mm} es posterior a este momento ({now:dd/MM/yyyy HH:mm}).");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two instances registering the same letter at once: the second waits here, then finds the first.
        await db.Database.LockKeyAsync("oficialia:" + oficialia, ct);
        if (await db.Petitions.AnyAsync(p => p.OficialiaFolio == oficialia, ct))
        {
            throw new RuleException($"Folio de Oficialía: {oficialia} ya está registrado en otra petición.");
        }
        var receivedBy = input.OfficeId ?? actor.OnlyOffice ?? Office.MainId;
        if (!actor.WorksIn(receivedBy) || !await db.Offices.AnyAsync(o => o.Id == receivedBy && o.IsActive, ct))
        {
            throw new RuleException("Oficina: elija una de las oficinas donde trabaja.");
        }
        var petition = await NewPetitionAsync(db, actor, input.Petition, PetitionChannel.Escrito, office.ToUtc(input.ReceivedLocal), receivedBy, ct);
        petition.OficialiaFolio = oficialia;
        await db.SaveChangesAsync(ct);
        changes.Take(db, petition, actor, step, $"Por escrito, folio de Oficialía {oficialia}.");
        await CheckPadronAsync(db, actor, petition, ct);
        WaitForProofAtRegistration(db, actor, petition, input.Petition);
        return await changes.CommitAsync(db, petition, ct);
    }

    /// <summary>
    /// Step 01 online (<c>/tramite</c>): the confirmed request becomes a petition in the caller's transaction, received
    /// now, awaiting the Dirección Comercial's review like a letter; a third party is handed the ownership requirement at
    /// the same instant. <see cref="CommitOnlineAsync"/> ends it, with the citizen's e-mail.
    /// </summary>
    internal async Task<Petition> RegisterOnlineAsync(AppDbContext db, Actor citizen, PetitionInput input, DateTime receivedUtc, string privacyVersion, CancellationToken ct)
    {
        var petition = await NewPetitionAsync(db, citizen, input, PetitionChannel.EnLinea, receivedUtc, Office.MainId, ct);
        petition.PrivacyNoticeVersion = privacyVersion;
        await db.SaveChangesAsync(ct);
        changes.Take(db, petition, citizen, PetitionFlow.Of(PetitionAction.RegisterOnline), "En línea, confirmada con el código enviado al correo del solicitante.");
        if (input.IsThirdParty)
        {
            petitions.StartWaiting(db, citizen, petition, PauseReason.OwnershipProof, office.Today(), "Requerimiento entregado en línea al registrar la solicitud.");
        }
        await CheckPadronAsync(db, citizen, petition, ct);
        return petition;
    }

    internal Task<PetitionRef> CommitOnlineAsync(AppDbContext db, Petition petition, CancellationToken ct) => changes.CommitAsync(db, petition, ct);

    /// <summary>
    /// A third party registered with the written requirement handed over on the spot: waiting for the ownership proof
    /// starts in the registration's own transaction (nobody has to remember to press «Esperar al usuario»).
    /// </summary>
    private void WaitForProofAtRegistration(AppDbContext db, Actor actor, Petition petition, PetitionInput input)
    {
        if (input.OwnershipRequirementDeliveredOn is not { } deliveredOn) return;
        if (!input.IsThirdParty) throw new RuleException("Requerimiento de acreditación: solo se entrega cuando quien solicita no es el propietario (tercero).");
        actor.Require("Entregar el requerimiento de acreditación", PetitionFlow.Of(PetitionAction.WaitForPetitioner).Roles);
        petitions.StartWaiting(db, actor, petition, PauseReason.OwnershipProof, deliveredOn, null);
    }

    /// <summary>
    /// When the account is in the padrón in force, the history says who holds it, how the petitioner's name compares
    /// (<see cref="Padron.HolderNames"/>) and whether the petition was registered as by the holder or by a third party,
    /// with who registered it: the decision on ownership and who took it (online, what the citizen declared, for the review).
    /// </summary>
    private async Task CheckPadronAsync(AppDbContext db, Actor actor, Petition petition, CancellationToken ct)
    {
        if (petition.AccountNumber is not { } number || settings.Current.PadronImportId is not { } current) return;
        var holder = await Padron.PadronImporter.InForce(db.CustomerAccounts, current).Where(a => a.AccountNumber == number).Select(a => a.HolderName).FirstOrDefaultAsync(ct);
        string note;
        if (holder is null)
        {
            note = $"La cuenta {number} no está en el padrón en uso.";
        }
        else
        {
            var match = Padron.HolderNames.Compare(petition.PetitionerName, holder);
            // Online nobody at the office decided yet: the citizen declared it, and the Dirección Comercial's review sees this.
            var decided = petition.Channel == PetitionChannel.EnLinea
                ? petition.IsThirdParty ? "el solicitante se declaró tercero en línea" : "el solicitante se declaró titular en línea"
                : petition.IsThirdParty ? "se registró como tercero" : "se registró como titular";
            var against = match == Padron.HolderMatch.Titular && petition.IsThirdParty || match == Padron.HolderMatch.Tercero && !petition.IsThirdParty
                ? ", distinto de lo que sugiere el nombre" : "";
            note = $"Cuenta {number}: titular en el padrón {holder}. {Padron.HolderNames.Label(match)}; {decided}{against}.";
        }
        changes.Log(db, petition, actor, PetitionEvents.PadronChecked, null, null, note);
    }

    private async Task<Petition> NewPetitionAsync(
        AppDbContext db, Actor actor, PetitionInput input, PetitionChannel channel, DateTime receivedUtc, int officeId, CancellationToken ct)
    {
        var errors = new List<string>();
        var name = VisitorRules.Name(input.PetitionerName, errors, "Solicitante", required: true);
        var account = VisitorRules.AccountNumber(input.AccountNumber, errors);
        var phone = VisitorRules.Phone(input.Phone, errors);
        var email = VisitorRules.Email(input.Email, errors);
        var subject = input.Subject?.Trim() ?? "";
        if (subject.Length == 0) errors.Add("Asunto: describa lo que pide el usuario.");
        else if (subject.Length > PetitionService.MaxSubjectLength) errors.Add(RuleException.TooLong("Asunto", PetitionService.MaxSubjectLength, subject.Length));
        RuleException.CheckLength(input.CadastralKey, "Clave catastral", PetitionLimits.CadastralKey, errors);
        RuleException.CheckLength(input.Address, "Domicilio", PetitionLimits.Address, errors);
        RuleException.CheckLength(input.DocumentsReceived, "Documentos recibidos", PetitionLimits.DocumentsReceived, errors);
        RuleException.CheckLength(input.Notes, "Observaciones", PetitionLimits.Notes, errors);
        var type = await db.PetitionTypes.Where(t => t.Id == input.PetitionTypeId && t.IsActive).Select(t => new { t.ArcoRight }).SingleOrDefaultAsync(ct);
        if (type is null) errors.Add("Tipo de petición: elija uno de la lista.");
        if (input.CustomerId is { } customerId && !await db.Customers.AnyAsync(c => c.Id == customerId, ct)) errors.Add("Usuario: ya no existe; búsquelo de nuevo.");
        if (input.AcceptsElectronicDelivery && email is null && !errors.Any(e => e.StartsWith("Correo", StringComparison.Ordinal)))
        {
            errors.Add("Notificación electrónica: escriba el correo electrónico donde se le avisará que su respuesta está lista.");
        }
        RuleException.ThrowIfAny(errors);

        var s = settings.Current;
        var clock = calendar.Clock();
        var dayZero = clock.DayZeroOf(receivedUtc);
        // A personal-data (ARCO) request runs on the law's own term, fixed at reception like the procedure's.
        var termDays = type!.ArcoRight is null ? s.ResponseTermDays : s.ArcoTermDays;
        var (folio, number) = await Folios.NextAsync(db, s.FolioPrefix, office.ToLocal(receivedUtc).Year, ct);
        var petition = new Petition
        {
            Folio = folio,
            FolioYear = office.ToLocal(receivedUtc).Year,
            FolioNumber = number,
            Channel = channel,
            OfficeId = officeId,
            ReceivedAtUtc = receivedUtc,
            DayZero = dayZero,
            CustomerId = input.CustomerId,
            PetitionerName = name!,
            PublicCode = Citizen.PublicCodes.NewPetitionCode(),
            SearchName = TextFold.Fold(name),
            IsThirdParty = input.IsThirdParty,
            AccountNumber = account,
            CadastralKey = Clean(input.CadastralKey),
            Phone = phone,
            Email = email,
            Address = Clean(input.Address),
            PetitionTypeId = input.PetitionTypeId,
            Subject = subject,
            DocumentsReceived = Clean(input.DocumentsReceived),
            Notes = Clean(input.Notes),
            Status = PetitionStatus.Registrada,
            TermDays = termDays,
            DueDate = clock.DueDate(dayZero, termDays),
            CreatedByUserId = actor.AccountId,
            CreatedAtUtc = office.UtcNow(),
            ElectronicDeliveryAcceptedAtUtc = input.AcceptsElectronicDelivery ? office.UtcNow() : null,
            ElectronicDeliveryPrivacyVersion = input.AcceptsElectronicDelivery ? Privacy.PrivacyNotices.InForce(s) : null,
        };
        db.Petitions.Add(petition);
        return petition;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
