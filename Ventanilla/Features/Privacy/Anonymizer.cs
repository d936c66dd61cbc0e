using Ventanilla.Features.Expediente;

namespace Ventanilla.Features.Privacy;

/// <summary>
/// The one way personal data leave a record for good, for an ARCO cancellation and for the end of a retention: the
/// name becomes <see cref="AnonymousName"/>, contact, address, account and cadastral key are removed, documents are
/// withdrawn and their bytes erased, and the record itself stays (folio, type, dates, status, routings, scores), so
/// every folio, count and indicator is the same before and after. Each change is written into the caller's
/// transaction with its <see cref="PersonalDataChange"/>; the documents' files are erased only after it commits
/// (<see cref="EraseFilesAsync"/>), when no record still needs them.
/// </summary>
public sealed class Anonymizer(AttachmentStore store, ILogger<Anonymizer> logger)
{
    public const string AnonymousName = "(anonimizado)";

    /// <summary>Who did it, when, why (the ARCO folio, or none for the retention) and the words the documents are withdrawn with.</summary>
    public sealed record Reason(string By, DateTime AtUtc, PersonalDataAction Action, string? ArcoFolio, string Withdrawal);

    public const string PetitionFields = "Nombre, teléfono, correo, domicilio, cuenta y clave catastral; quien recibió la respuesta; avisos por correo";

    /// <summary>
    /// Replaces these petitions' personal data (and their documents', deliveries' and e-mails'), each with an event on its
    /// history saying why; returns the documents' hashes to erase. Written as statements over the whole set (the
    /// retention passes thousands at a time), so the petitions must not be tracked by <paramref name="db"/>.
    /// </summary>
    public async Task<List<string>> PetitionsAsync(AppDbContext db, IReadOnlyCollection<int> ids, Reason why, string eventKind, CancellationToken ct)
    {
        var folios = await db.Petitions.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Folio }).ToListAsync(ct);
        var folded = TextFold.Fold(AnonymousName);
        await db.Petitions.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.PetitionerName, AnonymousName).SetProperty(p => p.SearchName, folded)
            .SetProperty(p => p.Phone, (string?)null).SetProperty(p => p.Email, (string?)null).SetProperty(p => p.Address, (string?)null)
            .SetProperty(p => p.AccountNumber, (string?)null).SetProperty(p => p.CadastralKey, (string?)null)
            .SetProperty(p => p.AnonymizedAtUtc, why.AtUtc).SetProperty(p => p.Version, p => p.Version + 1), ct);
        await db.Deliveries.Where(d => ids.Contains(d.PetitionId)).ExecuteUpdateAsync(u => u.SetProperty(d => d.ReceivedBy, AnonymousName), ct);
        await db.Notices.Where(n => n.PetitionId != null && ids.Contains(n.PetitionId.Value))
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.To, "").SetProperty(n => n.Body, AnonymousName), ct);
        var note = why.ArcoFolio is { } arco ? $"Por la solicitud ARCO {arco}: {PetitionFields}; documentos eliminados."
            : $"Fin de su conservación (baja documental): {PetitionFields}; documentos eliminados.";
        foreach (var p in folios)
        {
            db.PetitionEvents.Add(new PetitionEvent { PetitionId = p.Id, AtUtc = why.AtUtc, UserName = why.By, Kind = eventKind, Note = note });
            Record(db, why, $"Petición {p.Folio}", PetitionFields);
        }
        return await DocumentsAsync(db, db.Attachments.Where(a => a.PetitionId != null && ids.Contains(a.PetitionId.Value)), why, ct);
    }

    /// <summary>Clears what a visitor typed at the kiosk and the desk's notes, the comment of their survey, and the visit's documents.</summary>
    public async Task<List<string>> VisitAsync(AppDbContext db, Visit visit, string label, Reason why, CancellationToken ct)
    {
        (visit.VisitorName, visit.AccountNumber, visit.Phone, visit.OutcomeNote, visit.DraftSubject) = (null, null, null, null, null);
        await db.SurveyAnswers.Where(s => s.VisitId == visit.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Comment, (string?)null), ct);
        Record(db, why, label, "Nombre, cuenta y teléfono escritos en el kiosco; notas de la atención; comentario de la encuesta");
        return await DocumentsAsync(db, db.Attachments.Where(a => a.VisitId == visit.Id && a.PetitionId == null), why, ct);
    }

    public void Customer(AppDbContext db, Customer customer, Reason why)
    {
        customer.Name = AnonymousName;
        customer.SearchName = TextFold.Fold(AnonymousName);
        (customer.AccountNumber, customer.CadastralKey, customer.Phone, customer.Address) = (null, null, null, null);
        Record(db, why, $"Usuario n.º {customer.Id}", "Nombre, cuenta, clave catastral, teléfono y domicilio");
    }

    public async Task AppointmentAsync(AppDbContext db, Appointment appointment, string label, Reason why, CancellationToken ct)
    {
        appointment.Name = AnonymousName;
        (appointment.Phone, appointment.Email, appointment.AccountNumber) = (null, null, null);
        appointment.AnonymizedAtUtc = why.AtUtc;
        await db.Notices.Where(n => n.AppointmentId == appointment.Id).ExecuteUpdateAsync(u => u.SetProperty(n => n.To, "").SetProperty(n => n.Body, AnonymousName), ct);
        Record(db, why, label, "Nombre, teléfono, correo y cuenta; avisos por correo");
    }

    public void SurveyComment(AppDbContext db, SurveyAnswer answer, string label, Reason why)
    {
        answer.Comment = null;
        Record(db, why, label, "Comentario (la calificación se conserva)");
    }

    /// <summary>
    /// Withdraws the documents (when not withdrawn already) under a neutral name and marks them erased; returns their
    /// hashes, whose files <see cref="EraseFilesAsync"/> removes after the commit.
    /// </summary>
    public async Task<List<string>> DocumentsAsync(AppDbContext db, IQueryable<Attachment> documents, Reason why, CancellationToken ct)
    {
        var rows = await documents.Where(a => a.ErasedAtUtc == null).ToListAsync(ct);
        foreach (var a in rows)
        {
            // The name it came with may itself name the person («INE de Juan Pérez.pdf»).
            a.FileName = $"{AttachmentService.KindLabel(a.Kind)}{Path.GetExtension(a.FileName)}";
            if (a.WithdrawnAtUtc is null) (a.WithdrawnAtUtc, a.WithdrawnByName, a.WithdrawnReason) = (why.AtUtc, why.By, why.Withdrawal);
            a.ErasedAtUtc = why.AtUtc;
        }
        return [.. rows.Select(a => a.Sha256)];
    }

    /// <summary>
    /// After the commit: erases the files of these hashes that no document still in force shares (the store keeps one
    /// file per content, so the same scan in another expediente keeps it). A file that cannot be erased now is logged;
    /// its row already says erased, and backups leave it out.
    /// </summary>
    public async Task<int> EraseFilesAsync(IDbContextFactory<AppDbContext> dbFactory, IEnumerable<string> hashes, CancellationToken ct)
    {
        var present = hashes.Distinct().Where(store.Exists).ToList();
        if (present.Count == 0) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stillUsed = new HashSet<string>();
        foreach (var chunk in present.Chunk(500))
        {
            stillUsed.UnionWith(await db.Attachments.Where(a => chunk.Contains(a.Sha256) && a.ErasedAtUtc == null).Select(a => a.Sha256).Distinct().ToListAsync(ct));
        }
        var erased = 0;
        foreach (var sha in present.Where(h => !stillUsed.Contains(h)))
        {
            try
            {
                File.Delete(store.PathOf(sha));
                erased++;
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "No se pudo borrar el archivo de un documento eliminado ({Sha}); se reintentará con la próxima depuración.", sha);
            }
        }
        return erased;
    }

    private static void Record(AppDbContext db, Reason why, string record, string fields)
        => db.PersonalDataChanges.Add(new PersonalDataChange
        {
            AtUtc = why.AtUtc, By = why.By, Action = why.Action, ArcoFolio = why.ArcoFolio, Record = TextLimits.Clip(record, 200)!,
            Field = TextLimits.Clip(fields, 200)!, After = AnonymousName,
        });
}
