namespace Ventanilla.Features.Citizen;

/// <summary>A finished turn the kiosk offers to rate: its code only, as the TV showed it.</summary>
public sealed record SurveyCandidate(int VisitId, string Code, string CategoryName, string CategoryColor, DateTime FinishedAtLocal);

/// <summary>
/// «¿Cómo le atendimos?»: one face from 1 to 5 and an optional comment per attended visit, from the kiosk or from
/// the visitor's phone. A visit that was not attended (no-show) or is not finished cannot be rated, and a second
/// answer is refused (the database's unique index says so too, for two taps at once).
/// </summary>
public sealed class SurveyService(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office, LiveUpdates live)
{
    public const int MaxCommentLength = 1000;

    /// <summary>How long after the attention the kiosk still offers the turn for rating.</summary>
    public static readonly TimeSpan KioskWindow = TimeSpan.FromMinutes(20);

    /// <summary>The five answers; each is drawn by <c>SurveyFace</c> (never an emoji, which machines without the font show as boxes).</summary>
    public static readonly IReadOnlyList<(int Score, string Label)> Faces =
    [
        (1, "Muy mal"), (2, "Mal"), (3, "Regular"), (4, "Bien"), (5, "Muy bien"),
    ];

    public static string Label(int score) => Faces.FirstOrDefault(f => f.Score == score).Label ?? "";

    public async Task AnswerAsync(int visitId, int score, string? comment, SurveySource source, CancellationToken ct = default)
    {
        var errors = new List<string>();
        if (score is < 1 or > 5) errors.Add("Calificación: toque una de las cinco caras.");
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        RuleException.CheckLength(text, "Comentario", MaxCommentLength, errors);
        if (!Enum.IsDefined(source)) errors.Add("Origen de la respuesta no válido.");
        RuleException.ThrowIfAny(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visit = await db.Visits.AsNoTracking().Where(v => v.Id == visitId)
            .Select(v => new { v.ServiceDate, v.FinishedAtUtc, v.Outcome }).SingleOrDefaultAsync(ct)
            ?? throw new RuleException("Esa visita ya no existe.");
        if (visit.FinishedAtUtc is null) throw new RuleException("Esta visita todavía no termina: califíquela al terminar su atención.");
        if (visit.Outcome == VisitOutcome.NoShow) throw new RuleException("Este turno no fue atendido (no se presentó); no hay atención que calificar.");
        if (visit.ServiceDate != office.Today()) throw new RuleException("La encuesta de una visita solo se contesta el mismo día.");
        if (await db.SurveyAnswers.AnyAsync(s => s.VisitId == visitId, ct)) throw Answered();

        db.SurveyAnswers.Add(new SurveyAnswer { VisitId = visitId, Score = score, Comment = text, Source = source, AnsweredAtUtc = office.UtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Faults.IsUniqueViolation(ex))
        {
            throw Answered(); // the same visit answered on the phone and at the kiosk at the same instant
        }
        // The phone page and the kiosk list follow the board, which knows who has answered.
        live.Publish(LiveTopic.Queue);
    }

    private static RuleException Answered() => new("Esta visita ya tiene su calificación. ¡Gracias por su opinión!");

    /// <summary>The turns attended in the last minutes and not rated yet, newest first, for the kiosk.</summary>
    /// <param name="officeId">The kiosk's office: only its turns are offered (null: every office's).</param>
    public async Task<IReadOnlyList<SurveyCandidate>> KioskCandidatesAsync(int? officeId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = office.Today();
        var since = office.UtcNow() - KioskWindow;
        var rows = await db.QueueTickets.AsNoTracking()
            .Where(t => t.ServiceDate == today && t.Status == TicketStatus.Done && t.Visit!.FinishedAtUtc >= since
                && (officeId == null || t.Visit.OfficeId == officeId)
                && !db.SurveyAnswers.Any(s => s.VisitId == t.VisitId))
            .OrderByDescending(t => t.Visit!.FinishedAtUtc).ThenByDescending(t => t.Id)
            .Select(t => new { t.VisitId, t.Code, Category = t.ServiceCategory!.Name, t.ServiceCategory.Color, Finished = t.Visit!.FinishedAtUtc!.Value })
            .ToListAsync(ct);
        return [.. rows.Select(r => new SurveyCandidate(r.VisitId, r.Code, r.Category, r.Color, office.ToLocal(r.Finished)))];
    }
}
