using Ventanilla.Features.Shared;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Deadlines;

/// <summary>
/// Staged escalation on the fake clock: a letter received Friday 27/11/2026 (day 0) has its 8th business day (50 %) on
/// 09/12, its 12th (80 %) on 15/12 and its due date (100 %) on 18/12; each stage tells its people once.
/// </summary>
public class EscalationTests : PetitionTestBase
{
    private Escalation Job => App.Get<Escalation>();

    private void At(int month, int day) => App.Time.SetUtcNow(new DateTimeOffset(2026, month, day, 16, 0, 0, TimeSpan.Zero)); // 10:00 local

    private async Task<PetitionRef> LetterAsync()
        => await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), $"OP-{Guid.NewGuid():N}"[..16], new DateTime(2026, 11, 27, 9, 0, 0)));

    private async Task<List<(string User, string Title)>> NotificationsAsync()
    {
        await using var db = App.CreateDb();
        var rows = await (from n in db.StaffNotifications join u in db.Users on n.UserId equals u.Id orderby n.Id select new { u.UserName, n.Title }).ToListAsync();
        return [.. rows.Select(r => (r.UserName!, r.Title))];
    }

    [Fact]
    public async Task Each_stage_tells_the_area_then_the_desk_then_the_Direccion_once_on_its_exact_business_day()
    {
        var created = await LetterAsync();
        var p = await LoadAsync(created.Id);
        await App.Get<PetitionResponses>().ForwardToAttentionAsync(_director, p.Id, p.Version, null);
        p = await LoadAsync(created.Id);
        await Petitions.RouteAsync(_clerk, p.Id, p.Version, [_operation], "Revisar");

        At(12, 8);
        Assert.Equal(0, await Job.RunAsync());
        At(12, 9);
        Assert.Equal(1, await Job.RunAsync());
        Assert.Equal(0, await Job.RunAsync());
        Assert.Equal([("oscar", $"{p.Folio}: lleva el 50 % de su plazo legal")], await NotificationsAsync());
        Assert.Equal(1, await App.Get<StaffNotices>().UnreadAsync(_liaison));

        At(12, 14);
        Assert.Equal(0, await Job.RunAsync());
        At(12, 15);
        Assert.Equal(1, await Job.RunAsync());
        At(12, 18);
        Assert.Equal(1, await Job.RunAsync());
        At(12, 21);
        Assert.Equal(0, await Job.RunAsync());
        var all = await NotificationsAsync();
        Assert.Contains(("rosa", $"{p.Folio}: lleva el 80 % de su plazo legal"), all);
        Assert.Contains(("diana", $"{p.Folio}: vence hoy su plazo legal"), all);
        Assert.DoesNotContain(all, n => n.User == "oscar" && n.Title.Contains("80 %"));

        await App.Get<StaffNotices>().MarkReadAsync(_liaison);
        Assert.Equal(0, await App.Get<StaffNotices>().UnreadAsync(_liaison));
        Assert.Equal(1, await App.Get<StaffNotices>().UnreadAsync(_clerk));
    }

    [Fact]
    public async Task A_holiday_and_a_pause_move_the_stages_and_a_paused_petition_does_not_escalate()
    {
        await App.Get<CalendarService>().AddOrganismoDayAsync(new DateOnly(2026, 12, 9), null, "Aniversario del organismo", Actor.System);
        var created = await LetterAsync();
        var other = await LetterAsync();
        var paused = await LoadAsync(other.Id);
        await Petitions.WaitForPetitionerAsync(_clerk, paused.Id, paused.Version, PauseReason.Documents, D(11, 27), "Recibo");

        // With 09/12 a holiday the 8th business day is 10/12; the paused letter says nothing.
        At(12, 9);
        Assert.Equal(0, await Job.RunAsync());
        At(12, 10);
        Assert.Equal(1, await Job.RunAsync());
        // Not routed to any area: the first stage goes to Atención a Usuarios.
        var first = Assert.Single(await NotificationsAsync());
        Assert.Equal("rosa", first.User);
        Assert.StartsWith((await LoadAsync(created.Id)).Folio, first.Title);
        // The 12th business day is 16/12 (not 15/12), and the paused one still waits.
        At(12, 15);
        Assert.Equal(0, await Job.RunAsync());
        At(12, 16);
        Assert.Equal(1, await Job.RunAsync());
        await using var db = App.CreateDb();
        Assert.False(await db.EscalationsSent.AnyAsync(e => e.PetitionId == other.Id));
    }

    [Fact]
    public async Task The_last_day_of_the_proof_term_tells_the_desk_and_a_late_start_sends_only_the_highest_stage()
    {
        var third = await Registration.RegisterWrittenAsync(_director, new WrittenPetitionInput(
            Input(thirdParty: true) with { OwnershipRequirementDeliveredOn = D(11, 27) }, "OP-T", new DateTime(2026, 11, 27, 9, 0, 0)));
        var proofDue = (await LoadAsync(third.Id)).ProofDueDate!.Value;
        At(proofDue.Month, proofDue.Day);
        Assert.Equal(1, await Job.RunAsync());
        Assert.Equal(0, await Job.RunAsync());
        Assert.Contains(await NotificationsAsync(), n => n.User == "rosa" && n.Title.EndsWith("hoy vence el plazo para acreditar la propiedad"));

        var late = await LetterAsync();
        At(12, 16); // past 80 %, the server was off since before the 50 %
        Assert.Equal(1, await Job.RunAsync());
        var folio = (await LoadAsync(late.Id)).Folio;
        var titles = (await NotificationsAsync()).Where(n => n.Title.StartsWith(folio)).Select(n => n.Title).Distinct().ToList();
        Assert.Equal([$"{folio}: lleva el 80 % de su plazo legal"], titles);
        await using var db = App.CreateDb();
        Assert.Equal([50, 80], await db.EscalationsSent.Where(e => e.PetitionId == late.Id).OrderBy(e => e.Stage).Select(e => e.Stage).ToListAsync());
    }

    [Fact]
    public async Task Staff_with_an_address_also_get_the_notice_by_mail_when_mail_is_set_up()
    {
        // The mail is read from the outbox: mail on, no server needed.
        await TestSmtp.PointAppAtAsync(App.Services, 2525);
        await using (var db = App.CreateDb())
        {
            await db.Users.Where(u => u.UserName == "rosa").ExecuteUpdateAsync(u => u.SetProperty(x => x.Email, "rosa@organismo.gob.mx"));
        }
        var created = await LetterAsync();
        At(12, 9);
        Assert.Equal(1, await Job.RunAsync());
        await using var check = App.CreateDb();
        var mail = Assert.Single(await check.Notices.Where(n => n.Kind == "Escalamiento").ToListAsync());
        var folio = (await LoadAsync(created.Id)).Folio;
        Assert.Equal(("rosa@organismo.gob.mx", $"{folio}: lleva el 50 % de su plazo legal", NoticeStatus.Pending), (mail.To, mail.Subject, mail.Status));
        Assert.Contains("vence el 18/12/2026", mail.Body);
    }

    [Fact]
    public async Task The_stages_are_a_setting_checked_when_saved()
    {
        var settings = App.Get<SettingsService>();
        var refused = await Assert.ThrowsAsync<RuleException>(() => settings.SaveEscalationAsync(Actor.System, "80,50", settings.Current.Version));
        Assert.StartsWith("Escalamiento: escriba de 1 a 3 porcentajes", refused.Message);
        await settings.SaveEscalationAsync(Actor.System, " 60 , 100 ", settings.Current.Version);
        Assert.Equal("60,100", settings.Current.EscalationStages);
        Assert.Equal([60, 100], Escalation.Stages(settings.Current.EscalationStages));
    }
}
