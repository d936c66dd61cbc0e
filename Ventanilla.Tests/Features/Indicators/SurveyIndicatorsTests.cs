using Ventanilla.Features.Indicators;

namespace Ventanilla.Tests.Features.Indicators;

/// <summary>
/// The survey in the month's indicators: answers of the visits of October 2026, by category and desk, with the
/// comments; an answer to a September visit and a visit nobody rated stay out.
/// </summary>
public class SurveyIndicatorsTests : AppServiceTest
{
    private static readonly DateOnly October = new(2026, 10, 1);

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        var a = await db.ServiceCategories.SingleAsync(c => c.Letter == "A");
        var b = await db.ServiceCategories.SingleAsync(c => c.Letter == "B");
        var desks = await db.Desks.OrderBy(d => d.Number).Take(2).ToListAsync();

        // Category A: 5 and 4 at desk 1, 1 at desk 2; category B: 3 at desk 2. Not rated: one visit of A at desk 1.
        Rated(db, a, desks[0], new(2026, 10, 5, 10, 0, 0), "A-001", 5, "Muy amables", SurveySource.Kiosk);
        Rated(db, a, desks[0], new(2026, 10, 6, 11, 0, 0), "A-001", 4, null, SurveySource.Phone);
        Rated(db, a, desks[1], new(2026, 10, 7, 12, 0, 0), "A-002", 1, "=HYPERLINK(\"x\") esperé mucho", SurveySource.Phone);
        Rated(db, b, desks[1], new(2026, 10, 30, 16, 0, 0), "B-001", 3, null, SurveySource.Kiosk);
        Rated(db, a, desks[0], new(2026, 10, 8, 9, 0, 0), "A-001", null, null, SurveySource.Kiosk);
        // September's visit, rated: in September's month, not October's.
        Rated(db, b, desks[0], new(2026, 9, 30, 16, 0, 0), "B-001", 2, "De septiembre", SurveySource.Kiosk);
        await db.SaveChangesAsync();
    }

    private static void Rated(AppDbContext db, ServiceCategory category, Desk desk, DateTime arrivedLocal, string code, int? score, string? comment, SurveySource source)
    {
        var visit = new Visit
        {
            ArrivedAtUtc = PetitionRows.Utc(arrivedLocal), ServiceDate = DateOnly.FromDateTime(arrivedLocal), ServiceCategoryId = category.Id,
            DeskId = desk.Id, CalledAtUtc = PetitionRows.Utc(arrivedLocal.AddMinutes(5)), ServiceStartedAtUtc = PetitionRows.Utc(arrivedLocal.AddMinutes(6)),
            FinishedAtUtc = PetitionRows.Utc(arrivedLocal.AddMinutes(16)), Outcome = VisitOutcome.Information, VisitorName = "Ana Confidencial",
        };
        visit.Tickets.Add(new QueueTicket
        {
            ServiceDate = visit.ServiceDate, ServiceCategoryId = category.Id, Number = int.Parse(code[2..]), Code = code, Status = TicketStatus.Done,
            IssuedAtUtc = visit.ArrivedAtUtc, DeskId = desk.Id, CallCount = 1, LastCalledAtUtc = visit.CalledAtUtc,
        });
        if (score is { } s)
        {
            db.SurveyAnswers.Add(new SurveyAnswer { Visit = visit, Score = s, Comment = comment, Source = source, AnsweredAtUtc = visit.FinishedAtUtc!.Value.AddMinutes(2) });
        }
        db.Visits.Add(visit);
    }

    [Fact]
    public async Task The_month_counts_each_answer_once_by_category_and_desk()
    {
        var survey = (await App.Get<IndicatorService>().GetMonthAsync(October)).Survey;

        Assert.Equal((4, 3.25), (survey.Total.Answers, survey.Total.Average!.Value));
        Assert.Equal([1, 0, 1, 1, 1], survey.Total.ByScore);
        Assert.Equal([("A · Pagos y liquidaciones", 3), ("B · Aclaraciones y facturación", 1)], survey.ByCategory.Select(c => (c.Group, c.Answers)));
        Assert.Equal(10.0 / 3, survey.ByCategory[0].Average!.Value, 6);
        Assert.Equal([("Módulo 1", 2, 4.5), ("Módulo 2", 2, 2.0)], survey.ByDesk.Select(d => (d.Group, d.Answers, d.Average!.Value)));

        Assert.Equal(["Muy amables", "=HYPERLINK(\"x\") esperé mucho"], survey.Comments.Select(c => c.Comment));
        var first = survey.Comments[0];
        Assert.Equal((new DateTime(2026, 10, 5, 10, 18, 0), "A-001", "Módulo 1", 5, SurveySource.Kiosk),
            (first.AnsweredAtLocal, first.TurnCode, first.Desk, first.Score, first.Source));
    }

    [Fact]
    public async Task The_survey_downloads_as_three_tables_with_formula_cells_escaped_and_no_names()
    {
        var month = await App.Get<IndicatorService>().GetMonthAsync(October);

        var byDesk = IndicatorCsv.Table(month, IndicatorCsv.SurveyByDesk);
        Assert.Equal(["Módulo", "Respuestas", "Promedio (1 a 5)", "Muy mal (1)", "Mal (2)", "Regular (3)", "Bien (4)", "Muy bien (5)"], byDesk.Header);
        Assert.Equal([["Módulo 1", "2", "4.5", "0", "0", "0", "1", "1"], ["Módulo 2", "2", "2.0", "1", "0", "1", "0", "0"],
            ["Total", "4", "3.3", "1", "0", "1", "1", "1"]], byDesk.Rows);

        var comments = IndicatorCsv.Table(month, IndicatorCsv.SurveyComments);
        Assert.False(comments.HasTotal);
        Assert.Equal("05/10/2026 10:18|A-001|A · Pagos y liquidaciones|Módulo 1|5 · Muy bien|Quiosco|Muy amables", string.Join("|", comments.Rows[0]));
        var csv = System.Text.Encoding.UTF8.GetString(await CsvFiles.ToBytesAsync(comments.Header, comments.Rows));
        Assert.Contains("'=HYPERLINK", csv);
        Assert.DoesNotContain("Ana", csv);
    }

    [Fact]
    public async Task A_month_without_answers_says_so()
    {
        var month = await App.Get<IndicatorService>().GetMonthAsync(new DateOnly(2026, 8, 1));

        Assert.Equal(0, month.Survey.Total.Answers);
        Assert.Null(month.Survey.Total.Average);
        Assert.Single(IndicatorCsv.Table(month, IndicatorCsv.SurveyByCategory).Rows); // only the total
        Assert.Empty(IndicatorCsv.Table(month, IndicatorCsv.SurveyComments).Rows);
    }
}
