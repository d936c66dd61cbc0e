using Ventanilla.Features.Citizen;

namespace Ventanilla.Features.Indicators;

/// <summary>
/// «¿Cómo le atendimos?» answers of one group (everything, a service category or a desk): how many, the average face
/// (1 muy mal … 5 muy bien) and how many chose each face.
/// </summary>
/// <param name="ByScore">Answers per face, index 0 = score 1.</param>
public sealed record SurveyStats(string Group, int Answers, double? Average, IReadOnlyList<int> ByScore);

/// <summary>A comment a visitor left with their answer, with where and when it was attended (never who).</summary>
public sealed record SurveyComment(DateTime AnsweredAtLocal, string TurnCode, string Category, string Desk, int Score, string Comment, SurveySource Source);

/// <summary>The month's survey: visits attended in the month that were rated, wherever the answer was given.</summary>
public sealed record SurveyMonth(SurveyStats Total, IReadOnlyList<SurveyStats> ByCategory, IReadOnlyList<SurveyStats> ByDesk, IReadOnlyList<SurveyComment> Comments)
{
    public static readonly SurveyMonth Empty = new(SurveyIndicators.Stats(IndicatorService.Everything, []), [], [], []);
}

/// <summary>Reads a month of survey answers for <see cref="IndicatorService"/>: a few small rows per answer.</summary>
public static class SurveyIndicators
{
    public const string WithoutDesk = "Sin módulo";

    private sealed record AnswerRow(
        int Score, string? Comment, SurveySource Source, DateTime AnsweredAtUtc, int CategoryId, string Category, int? DeskId, string? Desk, string? TurnCode);

    public static async Task<SurveyMonth> LoadAsync(AppDbContext db, DateOnly first, DateOnly last, OfficeClock office, CancellationToken ct, int? officeId = null)
    {
        var rows = await db.SurveyAnswers.AsNoTracking()
            .Where(s => s.Visit!.ServiceDate >= first && s.Visit.ServiceDate <= last && (officeId == null || s.Visit.OfficeId == officeId))
            .Select(s => new AnswerRow(s.Score, s.Comment, s.Source, s.AnsweredAtUtc, s.Visit!.ServiceCategoryId,
                s.Visit.ServiceCategory!.Letter + " · " + s.Visit.ServiceCategory.Name, s.Visit.DeskId, s.Visit.Desk != null ? s.Visit.Desk.Name : null,
                db.QueueTickets.Where(t => t.VisitId == s.VisitId).OrderByDescending(t => t.Id).Select(t => t.Code).FirstOrDefault()))
            .ToListAsync(ct);
        if (rows.Count == 0) return SurveyMonth.Empty;

        var categories = await db.ServiceCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Letter).Select(c => c.Id).ToListAsync(ct);
        var desks = await db.Desks.AsNoTracking().OrderBy(d => d.Number).Select(d => d.Id).ToListAsync(ct);
        var byCategory = rows.GroupBy(r => r.CategoryId).OrderBy(g => categories.IndexOf(g.Key))
            .Select(g => Stats(g.First().Category, g.Select(r => r.Score).ToList())).ToList();
        var byDesk = rows.GroupBy(r => r.DeskId).OrderBy(g => g.Key is { } id ? desks.IndexOf(id) : int.MaxValue)
            .Select(g => Stats(g.First().Desk ?? WithoutDesk, g.Select(r => r.Score).ToList())).ToList();
        var comments = rows.Where(r => r.Comment is not null).OrderBy(r => r.AnsweredAtUtc)
            .Select(r => new SurveyComment(office.ToLocal(r.AnsweredAtUtc), r.TurnCode ?? "", r.Category, r.Desk ?? WithoutDesk, r.Score, r.Comment!, r.Source))
            .ToList();
        return new SurveyMonth(Stats(IndicatorService.Everything, rows.Select(r => r.Score).ToList()), byCategory, byDesk, comments);
    }

    public static SurveyStats Stats(string group, IReadOnlyCollection<int> scores)
        => new(group, scores.Count, Indicators.Stats.Average(scores),
            [.. SurveyService.Faces.Select(f => scores.Count(s => s == f.Score))]);
}
