using Ventanilla.Features.Shared;
using Ventanilla.Features.Citizen;

namespace Ventanilla.Tests.Features.Citizen;

/// <summary>«¿Cómo le atendimos?»: one answer per attended visit, from the kiosk or the phone.</summary>
public class SurveyServiceTests : AppServiceTest
{
    private QueueService Queue => App.Get<QueueService>();
    private SurveyService Surveys => App.Get<SurveyService>();
    private int _a, _desk1;

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        _a = await db.ServiceCategories.Where(c => c.Letter == "A").Select(c => c.Id).SingleAsync();
        _desk1 = await db.Desks.Where(d => d.Number == 1).Select(d => d.Id).SingleAsync();
    }

    private async Task<IssuedTurn> AttendedAsync(VisitOutcome outcome = VisitOutcome.Information)
    {
        var turn = await Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), _a));
        var called = await Queue.CallNextAsync(Actor.System, _desk1);
        App.Time.Advance(TimeSpan.FromMinutes(3));
        await Queue.FinishAsync(Actor.System, _desk1, called.TicketId, new ServiceOutcome(outcome, null));
        return turn;
    }

    [Fact]
    public async Task A_visit_is_rated_once()
    {
        var turn = await AttendedAsync();
        await Surveys.AnswerAsync(turn.VisitId, 4, "  Muy amables ", SurveySource.Phone);

        var again = await Assert.ThrowsAsync<RuleException>(() => Surveys.AnswerAsync(turn.VisitId, 1, null, SurveySource.Kiosk));
        Assert.Equal("Esta visita ya tiene su calificación. ¡Gracias por su opinión!", again.Message);
        await using var db = App.CreateDb();
        var answer = await db.SurveyAnswers.SingleAsync();
        Assert.Equal((4, "Muy amables", SurveySource.Phone), (answer.Score, answer.Comment, answer.Source));
    }

    [Fact]
    public async Task Two_taps_at_the_same_instant_leave_one_answer()
    {
        var turn = await AttendedAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await Surveys.AnswerAsync(turn.VisitId, 1 + i % 5, null, i % 2 == 0 ? SurveySource.Kiosk : SurveySource.Phone);
                return true;
            }
            catch (RuleException)
            {
                return false;
            }
        }));
        Assert.Equal(1, results.Count(ok => ok));
        await using var db = App.CreateDb();
        Assert.Equal(1, await db.SurveyAnswers.CountAsync());
    }

    [Fact]
    public async Task Bad_answers_are_refused_naming_what_is_wrong()
    {
        var turn = await AttendedAsync();
        var errors = await Assert.ThrowsAsync<RuleException>(() => Surveys.AnswerAsync(turn.VisitId, 6, new string('x', 1001), SurveySource.Kiosk));
        Assert.Contains("Calificación: toque una de las cinco caras.", errors.Message);
        Assert.Contains("Comentario: admite a lo más 1,000 caracteres (tiene 1,001).", errors.Message);

        var waiting = await Queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), _a));
        Assert.Contains("todavía no termina", (await Assert.ThrowsAsync<RuleException>(() => Surveys.AnswerAsync(waiting.VisitId, 3, null, SurveySource.Kiosk))).Message);

        // The same visitor never came to the desk.
        var absent = waiting;
        var call = await Queue.CallNextAsync(Actor.System, _desk1);
        await Queue.RecallAsync(Actor.System, _desk1, call.TicketId);
        await Queue.RecallAsync(Actor.System, _desk1, call.TicketId);
        await Queue.MarkNoShowAsync(Actor.System, _desk1, call.TicketId);
        Assert.Contains("no fue atendido", (await Assert.ThrowsAsync<RuleException>(() => Surveys.AnswerAsync(absent.VisitId, 3, null, SurveySource.Kiosk))).Message);

        App.Time.Advance(TimeSpan.FromDays(1));
        Assert.Contains("mismo día", (await Assert.ThrowsAsync<RuleException>(() => Surveys.AnswerAsync(turn.VisitId, 3, null, SurveySource.Kiosk))).Message);
        await using var db = App.CreateDb();
        Assert.Equal(0, await db.SurveyAnswers.CountAsync());
    }

    [Fact]
    public async Task The_kiosk_offers_the_turns_just_attended_and_not_yet_rated()
    {
        var old = await AttendedAsync();
        App.Time.Advance(SurveyService.KioskWindow);
        var rated = await AttendedAsync();
        var open = await AttendedAsync();
        await Surveys.AnswerAsync(rated.VisitId, 5, null, SurveySource.Phone);

        var candidates = await Surveys.KioskCandidatesAsync();
        Assert.Equal([open.Code], candidates.Select(c => c.Code));
        Assert.DoesNotContain(candidates, c => c.VisitId == old.VisitId);
    }
}
