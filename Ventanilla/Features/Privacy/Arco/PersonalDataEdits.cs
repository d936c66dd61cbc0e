using Ventanilla.Features.Petitions;
using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Privacy.Arco;

/// <summary>
/// The changes an ARCO request may order, each under its folio and in one transaction: rectifying a record's data (the
/// history keeps what it said before and after, field by field) and cancelling a person's data by anonymising the chosen
/// records (<see cref="Anonymizer"/>): refused while a petition, visit or appointment among them still needs the data,
/// and never touching folios, counts or indicators.
/// </summary>
public sealed class PersonalDataEdits(
    IDbContextFactory<AppDbContext> dbFactory, ArcoRequests arco, PersonSearch search, Anonymizer anonymizer, PetitionChanges changes, OfficeClock office, LiveUpdates live)
{
    /// <summary>Cancelling cannot be undone: the Dirección Comercial, who approves the request's answer, orders it.</summary>
    public const string CancelRoles = Roles.DireccionComercial;

    public async Task RectifyAsync(Actor actor, string arcoFolio, RecordKey key, long version, Rectification input, CancellationToken ct = default)
    {
        var request = await RequestAsync(actor, arcoFolio, ct);
        if (!request.MayRectify)
        {
            throw new RuleException(request.IsOpen
                ? $"{request.Folio} es una solicitud de {ArcoRequests.Label(request.Right).ToLowerInvariant()}: los datos se rectifican con una solicitud de rectificación."
                : $"{request.Folio} ya se respondió: no se rectifica nada más con ella.");
        }
        var errors = new List<string>();
        string? Name() => input.Name is null ? null : VisitorRules.Name(input.Name, errors, "Nombre", required: key.Kind != PersonRecordKind.Visita) ?? "";
        string? Phone() => input.Phone is null ? null : VisitorRules.Phone(input.Phone, errors) ?? "";
        string? Email() => input.Email is null ? null : VisitorRules.Email(input.Email, errors) ?? "";
        string? Account() => input.Account is null ? null : VisitorRules.AccountNumber(input.Account, errors) ?? "";
        string? Address()
        {
            if (input.Address is null) return null;
            RuleException.CheckLength(input.Address, "Domicilio", PetitionLimits.Address, errors);
            return input.Address.Trim();
        }
        var (name, phone, email, account, address) = (Name(), Phone(), Email(), Account(), Address());
        RuleException.ThrowIfAny(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = office.UtcNow();
        var fields = new List<string>();
        string label;
        void Set(string field, string? before, string? after, Action<string?> apply)
        {
            // Null: not asked; empty: cleared.
            if (after is null) return;
            var value = after.Length == 0 ? null : after;
            if (string.Equals(before, value, StringComparison.Ordinal)) return;
            apply(value);
            fields.Add(field);
            db.PersonalDataChanges.Add(new PersonalDataChange
            {
                AtUtc = now, By = actor.UserName, Action = PersonalDataAction.Rectificacion, ArcoFolio = request.Folio, Record = label, Field = field,
                Before = TextLimits.Clip(before, 500), After = TextLimits.Clip(value, 500),
            });
        }
        Petition? petition = null;
        switch (key.Kind)
        {
            case PersonRecordKind.Peticion:
                petition = await LoadAsync(db.Petitions, key, version, ct);
                label = $"Petición {petition.Folio}";
                Set("Nombre", petition.PetitionerName, name, v => (petition.PetitionerName, petition.SearchName) = (v!, TextFold.Fold(v)));
                Set("Teléfono", petition.Phone, phone, v => petition.Phone = v);
                Set("Correo", petition.Email, email, v => petition.Email = v);
                Set("Cuenta", petition.AccountNumber, account, v => petition.AccountNumber = v);
                Set("Domicilio", petition.Address, address, v => petition.Address = v);
                break;
            case PersonRecordKind.Visita:
                var visit = await LoadAsync(db.Visits, key, version, ct);
                label = PersonSearch.VisitLabel(visit.Id, null, visit.ServiceDate);
                Set("Nombre", visit.VisitorName, name, v => visit.VisitorName = v);
                Set("Teléfono", visit.Phone, phone, v => visit.Phone = v);
                Set("Cuenta", visit.AccountNumber, account, v => visit.AccountNumber = v);
                break;
            case PersonRecordKind.Usuario:
                var customer = await LoadAsync(db.Customers, key, version, ct);
                label = $"Usuario n.º {customer.Id}";
                Set("Nombre", customer.Name, name, v => (customer.Name, customer.SearchName) = (v!, TextFold.Fold(v)));
                Set("Teléfono", customer.Phone, phone, v => customer.Phone = v);
                Set("Cuenta", customer.AccountNumber, account, v => customer.AccountNumber = v);
                Set("Domicilio", customer.Address, address, v => customer.Address = v);
                break;
            case PersonRecordKind.Cita:
                var appointment = await LoadAsync(db.Appointments, key, version, ct);
                label = $"Cita {appointment.Code} del {office.ToLocal(appointment.StartUtc):dd/MM/yyyy HH:mm}";
                if (appointment.AnonymizedAtUtc is not null) throw new RuleException($"{label}: sus datos ya se eliminaron.");
                Set("Nombre", appointment.Name, name, v => appointment.Name = v!);
                Set("Teléfono", appointment.Phone, phone, v => appointment.Phone = v);
                Set("Correo", appointment.Email, email?.ToLowerInvariant(), v => appointment.Email = v);
                Set("Cuenta", appointment.AccountNumber, account, v => appointment.AccountNumber = v);
                if (appointment.Phone is null && appointment.Email is null) throw new RuleException($"{label}: una cita conserva un teléfono o un correo para avisarle.");
                break;
            default:
                throw new RuleException($"{RecordKey.Label(key.Kind)}: no tiene datos que rectificar.");
        }
        if (fields.Count == 0) throw new RuleException("Rectificar: ningún dato cambió.");
        var what = $"{label}: {string.Join(", ", fields)}";
        if (petition is not null) changes.Log(db, petition, actor, PetitionEvents.DataRectified, null, null, $"Por la solicitud ARCO {request.Folio}: {string.Join(", ", fields)}");
        await LogOnRequestAsync(db, actor, request, PetitionEvents.DataRectified, what, petition, ct);
        await db.SaveOrStaleAsync(Stale.Message($"los datos de {label}"), ct);
        await tx.CommitAsync(ct);
        live.Publish(LiveTopic.Petitions);
    }

    /// <summary>Anonymises the chosen records; returns how many changed (ones already anonymised are left as they are).</summary>
    public async Task<int> CancelAsync(Actor actor, string arcoFolio, IReadOnlyCollection<RecordKey> keys, CancellationToken ct = default)
    {
        actor.Require("Cancelar datos personales", CancelRoles);
        var request = await RequestAsync(actor, arcoFolio, ct);
        if (!request.MayCancel)
        {
            throw new RuleException(request.IsOpen
                ? $"{request.Folio} es una solicitud de {ArcoRequests.Label(request.Right).ToLowerInvariant()}: los datos se cancelan con una solicitud de cancelación u oposición."
                : $"{request.Folio} ya se respondió: no se cancela nada más con ella.");
        }
        if (keys.Count == 0) throw new RuleException("Registros elegidos: marque al menos uno de la búsqueda.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var records = await search.LoadAsync(db, keys, ct);
        var refusals = new List<string>();
        if (keys.Contains(new RecordKey(PersonRecordKind.Peticion, request.PetitionId)))
        {
            refusals.Add($"{request.Folio}: es la solicitud ARCO misma; sus datos se necesitan para responderla y quedan en su expediente.");
        }
        foreach (var r in records.Where(r => r.Open && r.Key != new RecordKey(PersonRecordKind.Peticion, request.PetitionId)))
        {
            refusals.Add(r.Key.Kind switch
            {
                PersonRecordKind.Peticion => $"{r.Reference}: sigue en trámite; sus datos se necesitan para responderla. Cancele cuando se haya entregado la respuesta.",
                PersonRecordKind.Documento => $"{r.Reference} ({r.Detail}): es de una petición en trámite.",
                PersonRecordKind.Usuario => $"{r.Reference}: tiene una petición en trámite.",
                PersonRecordKind.Cita => $"{r.Reference}: aún no pasa; cancele la cita primero.",
                _ => $"{r.Reference}: la visita sigue en atención.",
            });
        }
        if (records.Count < keys.Count) refusals.Add("Alguno de los registros elegidos ya no existe; vuelva a buscar.");
        RuleException.ThrowIfAny(refusals);

        var why = new Anonymizer.Reason(actor.UserName, office.UtcNow(), PersonalDataAction.Cancelacion, request.Folio,
            $"Cancelación de datos personales (solicitud ARCO {request.Folio})");
        var erase = new List<string>();
        var done = new List<string>();
        foreach (var r in records.Where(r => !r.Anonymized))
        {
            var id = r.Key.Id;
            switch (r.Key.Kind)
            {
                case PersonRecordKind.Peticion:
                    erase.AddRange(await anonymizer.PetitionsAsync(db, [id], why, PetitionEvents.DataCancelled, ct));
                    break;
                case PersonRecordKind.Visita:
                    erase.AddRange(await anonymizer.VisitAsync(db, await db.Visits.SingleAsync(v => v.Id == id, ct), r.Reference, why, ct));
                    break;
                case PersonRecordKind.Usuario:
                    anonymizer.Customer(db, await db.Customers.SingleAsync(c => c.Id == id, ct), why);
                    break;
                case PersonRecordKind.Cita:
                    await anonymizer.AppointmentAsync(db, await db.Appointments.SingleAsync(a => a.Id == id, ct), r.Reference, why, ct);
                    break;
                case PersonRecordKind.Encuesta:
                    anonymizer.SurveyComment(db, await db.SurveyAnswers.SingleAsync(s => s.Id == id, ct), r.Reference, why);
                    break;
                case PersonRecordKind.Documento:
                    erase.AddRange(await anonymizer.DocumentsAsync(db, db.Attachments.Where(a => a.Id == id), why, ct));
                    break;
            }
            done.Add($"{r.KindLabel} {r.Reference}");
        }
        if (done.Count > 0) await LogOnRequestAsync(db, actor, request, PetitionEvents.DataCancelled, string.Join("; ", done), null, ct);
        await db.SaveOrStaleAsync(Stale.Message("los registros elegidos"), ct);
        await tx.CommitAsync(ct);
        await anonymizer.EraseFilesAsync(dbFactory, erase, ct);
        live.Publish(LiveTopic.Petitions);
        return done.Count;
    }

    private async Task<ArcoCase> RequestAsync(Actor actor, string arcoFolio, CancellationToken ct)
        => await arco.FindAsync(actor, arcoFolio, ct) ?? throw new RuleException($"{arcoFolio} no es una solicitud ARCO.", RuleKind.NotFound);

    private static async Task<T> LoadAsync<T>(DbSet<T> set, RecordKey key, long version, CancellationToken ct) where T : class, IVersioned
    {
        var row = await set.FindAsync([key.Id], ct) ?? throw new RuleException($"{RecordKey.Label(key.Kind)}: ya no existe; vuelva a buscar.", RuleKind.NotFound);
        set.Entry(row).Property(r => r.Version).OriginalValue = version;
        return row;
    }

    /// <summary>The request's own history tells what it changed, so its expediente is the record of the answer.</summary>
    private async Task LogOnRequestAsync(AppDbContext db, Actor actor, ArcoCase request, string kind, string what, Petition? loaded, CancellationToken ct)
    {
        var own = loaded?.Id == request.PetitionId ? loaded : await db.Petitions.SingleAsync(p => p.Id == request.PetitionId, ct);
        if (own != loaded) changes.Log(db, own, actor, kind, null, null, TextLimits.Clip(what, 1000));
        db.Entry(own).State = EntityState.Modified;
    }
}
