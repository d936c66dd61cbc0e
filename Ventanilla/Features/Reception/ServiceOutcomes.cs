namespace Ventanilla.Features.Reception;

/// <summary>
/// What a clerk may record when finishing a visit (step 04 of the Control de Usuarios): an outcome of the list, the
/// note some outcomes need, and for a petition the person, its type and subject for the draft.
/// </summary>
public static class ServiceOutcomes
{
    /// <summary>Checks the outcome against the database; returns the note and the draft's subject, trimmed (null when empty).</summary>
    public static async Task<(string? Note, string? Subject)> CheckAsync(AppDbContext db, ServiceOutcome outcome, CancellationToken ct)
    {
        var errors = new List<string>();
        if (!VisitorRules.FinishOutcomes.Contains(outcome.Outcome)) errors.Add("Resultado: elija qué se hizo con la visita.");
        var note = outcome.Note?.Trim();
        if (note?.Length > QueueService.MaxNoteLength) errors.Add(RuleException.TooLong("Nota", QueueService.MaxNoteLength, note.Length));
        if (outcome.Outcome is VisitOutcome.OtherResolved or VisitOutcome.DocumentsRequested && string.IsNullOrEmpty(note))
        {
            errors.Add(outcome.Outcome == VisitOutcome.DocumentsRequested
                ? "Nota: anote qué documentos se solicitaron."
                : "Nota: describa cómo se resolvió.");
        }
        if (outcome.CustomerId is { } customerId && !await db.Customers.AnyAsync(c => c.Id == customerId, ct))
        {
            errors.Add("Usuario: ya no existe; búsquelo de nuevo.");
        }
        var subject = outcome.DraftSubject?.Trim();
        if (outcome.Outcome == VisitOutcome.PetitionCreated)
        {
            if (outcome.CustomerId is null) errors.Add("Usuario: busque o registre al usuario para la petición.");
            if (outcome.DraftPetitionTypeId is not { } typeId || !await db.PetitionTypes.AnyAsync(t => t.Id == typeId && t.IsActive, ct))
            {
                errors.Add("Tipo de petición: elija uno.");
            }
            if (string.IsNullOrEmpty(subject)) errors.Add("Asunto: describa lo que pide el usuario.");
            else if (subject.Length > QueueService.MaxSubjectLength) errors.Add(RuleException.TooLong("Asunto", QueueService.MaxSubjectLength, subject.Length));
        }
        RuleException.ThrowIfAny(errors);
        return (string.IsNullOrEmpty(note) ? null : note, outcome.Outcome == VisitOutcome.PetitionCreated ? subject : null);
    }
}
