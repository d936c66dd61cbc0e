using Ventanilla.Tests.TestInfrastructure;
using Ventanilla.Features.Shared;
using Ventanilla.Features.Indicators;

namespace Ventanilla.Tests.Features.Indicators;

/// <summary>
/// October 2026 seen from 27/11/2026, on data whose answers were worked out by hand (in the comments). Business
/// days of October: 22 weekdays; Friday 9 is made an organismo non-working day by the calendar change. September
/// has the federal rest day of the 16th.
/// </summary>
public class IndicatorServiceTests : AppServiceTest
{
    private static readonly DateOnly October = new(2026, 10, 1);
    private int _t1, _t2, _operation, _billing, _catA, _catB;

    private IndicatorService Indicators => App.Get<IndicatorService>();

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        var types = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).Take(2).ToListAsync();
        (_t1, _t2) = (types[0], types[1]);
        var areas = await db.Areas.ToDictionaryAsync(a => a.Name, a => a.Id);
        (_operation, _billing) = (areas["Operación"], areas["Facturación y Cobranza"]);
        var categories = await db.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).Take(2).ToListAsync();
        (_catA, _catB) = (categories[0], categories[1]);

        // P1: day 0 = 01/10, answered 15/10 on time: 2,5,6,7,8,12,13,14,15 = 9 business days (10 before the 9th was made non-working).
        var p1 = Add(db, "P1", PetitionRows.Make(new(2026, 10, 1, 10, 0, 0), D(10, 1), _t1, PetitionStatus.Cerrada), D(10, 15), true);
        p1.ClosedAtUtc = PetitionRows.Utc(new(2026, 10, 16, 10, 0, 0));
        p1.Routings.Add(PetitionRows.Routing(_operation, RoutingStatus.Answered));
        // P2: day 0 = 02/10, paused (06/10, 13/10] = 7,8,12,13 → 4; answered 30/10: 19 counted days − 4 = 15, on time. Two areas.
        var p2 = Add(db, "P2", PetitionRows.Make(new(2026, 10, 2, 12, 0, 0), D(10, 2), _t1, PetitionStatus.Entregada), D(10, 30), true);
        p2.Pauses.Add(new PetitionPause { Reason = PauseReason.Documents, StartDate = D(10, 6), EndDate = D(10, 13) });
        p2.Routings.Add(PetitionRows.Routing(_operation, RoutingStatus.Answered));
        p2.Routings.Add(PetitionRows.Routing(_billing, RoutingStatus.Answered));
        // P3: received in September (10/09), answered late on 20/10: September 11..30 without the 16th = 13, October 1..20 = 13 → 26.
        var p3 = Add(db, "P3", PetitionRows.Make(new(2026, 9, 10, 10, 0, 0), D(9, 10), _t2, PetitionStatus.Cerrada), D(10, 20), false);
        p3.ClosedAtUtc = PetitionRows.Utc(new(2026, 10, 21, 10, 0, 0));
        p3.Routings.Add(PetitionRows.Routing(_billing, RoutingStatus.Answered));
        // P4: received after hours on 20/10 (day 0 = 21/10), cancelled on 22/10: received, closed without answer, not open.
        var p4 = Add(db, "P4", PetitionRows.Make(new(2026, 10, 20, 18, 0, 0), D(10, 21), _t2, PetitionStatus.Cancelada), null, null);
        p4.ClosedAtUtc = PetitionRows.Utc(new(2026, 10, 22, 10, 0, 0));
        // P5: day 0 = 26/10, routed to Operación (first to Facturación, withdrawn): open 27,28,29,30 → 4 days.
        var p5 = Add(db, "P5", PetitionRows.Make(new(2026, 10, 26, 10, 0, 0), D(10, 26), _t1, PetitionStatus.Turnada), null, null);
        p5.Routings.Add(PetitionRows.Routing(_billing, RoutingStatus.Withdrawn));
        p5.Routings.Add(PetitionRows.Routing(_operation));
        // P6: day 0 = 05/10, waiting on the petitioner since 14/10: 18 counted days to 31/10, 12 of them paused → 6 days.
        var p6 = Add(db, "P6", PetitionRows.Make(new(2026, 10, 5, 10, 0, 0), D(10, 5), _t2, PetitionStatus.EsperandoUsuario), null, null);
        p6.Pauses.Add(new PetitionPause { Reason = PauseReason.OwnershipProof, StartDate = D(10, 14) });
        // P7: day 0 = 01/09, answered only on 05/11: open at the end of October with 20 + 21 = 41 days.
        var p7 = Add(db, "P7", PetitionRows.Make(new(2026, 9, 1, 10, 0, 0), D(9, 1), _t1, PetitionStatus.Entregada), D(11, 5), false);
        p7.Routings.Add(PetitionRows.Routing(_billing, RoutingStatus.Answered));
        // P9: 31/10 at 23:30 local (already 01/11 in UTC) is October's: day 0 = 02/11, open with 0 days.
        Add(db, "P9", PetitionRows.Make(new(2026, 10, 31, 23, 30, 0), D(11, 2), _t2, PetitionStatus.Registrada), null, null);
        // P8: 01/11 at 00:30 local is November's: in no October figure.
        Add(db, "P8", PetitionRows.Make(new(2026, 11, 1, 0, 30, 0), D(11, 2), _t1, PetitionStatus.Registrada), null, null);
        // P10: received 20/08, answered late 15/09: 21,24..28,31 = 7 in August + 1..4,7..11,14,15 = 11 → 18 (September's comparison).
        Add(db, "P10", PetitionRows.Make(new(2026, 8, 20, 10, 0, 0), D(8, 20), _t1, PetitionStatus.Cerrada), D(9, 15), false);

        // Visits (local times): waits 10, 20, 30 (no-show), 5 and one never called; services 10, 15, 6.
        AddVisit(db, _catA, new(2026, 10, 5, 10, 0, 0), 10, 11, 21, VisitOutcome.Information);
        AddVisit(db, _catA, new(2026, 10, 5, 10, 5, 0), 20, 20, 35, VisitOutcome.PetitionCreated);
        AddVisit(db, _catA, new(2026, 10, 6, 9, 0, 0), 30, null, 35, VisitOutcome.NoShow);
        AddVisit(db, _catB, new(2026, 10, 7, 11, 0, 0), 5, 6, 12, VisitOutcome.ImmediateSettlement);
        AddVisit(db, _catB, new(2026, 10, 30, 16, 50, 0), null, null, null, VisitOutcome.Pending);
        AddVisit(db, _catA, new(2026, 11, 2, 10, 0, 0), 3, 4, 9, VisitOutcome.Information);
        AddVisit(db, _catA, new(2026, 9, 15, 10, 0, 0), 4, 5, 9, VisitOutcome.Information);
        await db.SaveChangesAsync();

        // The calendar change: Friday 9 October becomes an organismo non-working day.
        await App.Get<CalendarService>().AddOrganismoDayAsync(D(10, 9), D(10, 9), "Día del organismo", TestActors.Named("Prueba"));
    }

    /// <param name="key">The name the comments use for it.</param>
    private static Petition Add(AppDbContext db, string key, Petition petition, DateOnly? answered, bool? onTime)
    {
        (petition.ResponseDate, petition.OnTime, petition.Subject) = (answered, onTime, $"Caso {key}");
        db.Petitions.Add(petition);
        return petition;
    }

    private static void AddVisit(AppDbContext db, int category, DateTime arrivedLocal, int? calledAfter, int? startedAfter, int? finishedAfter, VisitOutcome outcome)
    {
        DateTime? At(int? minutes) => minutes is { } m ? PetitionRows.Utc(arrivedLocal.AddMinutes(m)) : null;
        db.Visits.Add(new Visit
        {
            ArrivedAtUtc = PetitionRows.Utc(arrivedLocal),
            ServiceDate = DateOnly.FromDateTime(arrivedLocal),
            ServiceCategoryId = category,
            CalledAtUtc = At(calledAfter),
            ServiceStartedAtUtc = At(startedAfter),
            FinishedAtUtc = At(finishedAfter),
            Outcome = outcome,
            VisitorName = "Visitante",
        });
    }

    private static DateOnly D(int month, int day) => new(2026, month, day);

    [Fact]
    public async Task The_month_totals_match_the_hand_computed_answers()
    {
        var month = await Indicators.GetMonthAsync(October);

        Assert.Equal(new DateOnly(2026, 10, 31), month.AsOf);
        var p = month.Petitions;
        Assert.Equal(6, p.Received);                 // P1 P2 P4 P5 P6 P9
        Assert.Equal(3, p.Closed);                   // P1 P2 P3
        Assert.Equal(2, p.ClosedOnTime);
        Assert.Equal(200.0 / 3, p.OnTimePercent!.Value, 6);
        Assert.Equal(50.0 / 3, p.AverageDays!.Value, 6); // (9 + 15 + 26) / 3
        Assert.Equal(15, p.MedianDays);
        Assert.Equal((2, 1, 0, 1), (p.Open0To5, p.Open6To10, p.Open11To15, p.OpenOver15)); // P5 P9 | P6 | — | P7
        Assert.Equal(1, month.ClosedWithoutAnswer);  // P4
    }

    [Fact]
    public async Task By_area_a_petition_counts_in_each_area_it_was_routed_to_and_never_where_it_was_withdrawn()
    {
        var month = await Indicators.GetMonthAsync(October);

        Assert.Equal(["Operación", "Facturación y Cobranza", IndicatorService.WithoutArea], month.ByArea.Select(a => a.Group));
        var operation = month.ByArea[0];
        Assert.Equal((3, 2, 2, 12.0, 12.0, 1, 1), (operation.Received, operation.Closed, operation.ClosedOnTime, operation.AverageDays!.Value,
            operation.MedianDays!.Value, operation.Open0To5, operation.Open));
        var billing = month.ByArea[1];
        Assert.Equal((1, 2, 1, 20.5, 20.5, 1, 1), (billing.Received, billing.Closed, billing.ClosedOnTime, billing.AverageDays!.Value,
            billing.MedianDays!.Value, billing.OpenOver15, billing.Open));
        var none = month.ByArea[2];
        Assert.Equal((3, 0, 1, 1, 2), (none.Received, none.Closed, none.Open0To5, none.Open6To10, none.Open));
        Assert.Null(none.AverageDays);
        Assert.Null(none.OnTimePercent);
    }

    [Fact]
    public async Task By_type_the_month_splits_as_computed()
    {
        var month = await Indicators.GetMonthAsync(October);

        Assert.Equal(2, month.ByType.Count);
        var t1 = month.ByType[0];
        Assert.Equal((3, 2, 2, 12.0, 12.0, 1, 1), (t1.Received, t1.Closed, t1.ClosedOnTime, t1.AverageDays!.Value, t1.MedianDays!.Value, t1.Open0To5, t1.OpenOver15));
        var t2 = month.ByType[1];
        Assert.Equal((3, 1, 0, 26.0, 26.0, 1, 1), (t2.Received, t2.Closed, t2.ClosedOnTime, t2.AverageDays!.Value, t2.MedianDays!.Value, t2.Open0To5, t2.Open6To10));
    }

    [Fact]
    public async Task Visits_wait_service_and_resolved_on_the_spot_by_category()
    {
        var month = await Indicators.GetMonthAsync(October);

        var v = month.Visits;
        Assert.Equal(5, v.Visits);
        Assert.Equal(16.25, v.AverageWaitMinutes!.Value, 6);   // (10 + 20 + 30 + 5) / 4
        Assert.Equal(30, v.P90WaitMinutes!.Value, 6);          // nearest rank: 4th of 4
        Assert.Equal(31.0 / 3, v.AverageServiceMinutes!.Value, 6); // (10 + 15 + 6) / 3
        Assert.Equal((3, 2), (v.Attended, v.ResolvedOnSpot));
        Assert.Equal(200.0 / 3, v.ResolvedPercent!.Value, 6);

        Assert.Equal(2, month.ByCategory.Count);
        var a = month.ByCategory[0];
        Assert.StartsWith("A · ", a.Group);
        Assert.Equal((3, 20.0, 30.0, 12.5, 2, 1), (a.Visits, a.AverageWaitMinutes!.Value, a.P90WaitMinutes!.Value, a.AverageServiceMinutes!.Value, a.Attended, a.ResolvedOnSpot));
        var b = month.ByCategory[1];
        Assert.Equal((2, 5.0, 5.0, 6.0, 1, 100.0), (b.Visits, b.AverageWaitMinutes!.Value, b.P90WaitMinutes!.Value, b.AverageServiceMinutes!.Value, b.Attended, b.ResolvedPercent!.Value));
    }

    [Fact]
    public async Task Each_office_reads_its_own_share_and_together_they_make_the_whole()
    {
        var north = (await App.Get<OfficeService>().SaveAsync(Actor.System, new OfficeItem(0, "Sucursal Norte", 2, true, 0))).Id;
        await using (var db = App.CreateDb())
        {
            // The branch received P2 and P4 and served the visit of 7 October.
            await db.Petitions.Where(p => p.Subject == "Caso P2" || p.Subject == "Caso P4").ExecuteUpdateAsync(u => u.SetProperty(p => p.OfficeId, north));
            await db.Visits.Where(v => v.ServiceCategoryId == _catB && v.Outcome == VisitOutcome.ImmediateSettlement).ExecuteUpdateAsync(u => u.SetProperty(v => v.OfficeId, north));
        }

        var all = await Indicators.GetMonthAsync(October);
        var branch = await Indicators.GetMonthAsync(October, officeId: north);
        var main = await Indicators.GetMonthAsync(October, officeId: Office.MainId);

        Assert.Equal((2, 1, 1), (branch.Petitions.Received, branch.Petitions.Closed, branch.ClosedWithoutAnswer));
        Assert.Equal((all.Petitions.Received - 2, all.Petitions.Closed - 1, all.ClosedWithoutAnswer - 1), (main.Petitions.Received, main.Petitions.Closed, main.ClosedWithoutAnswer));
        Assert.Equal(all.Petitions.Open, main.Petitions.Open + branch.Petitions.Open);
        Assert.Equal((1, 1), (branch.Visits.Visits, branch.Trend[^1].Visits));
        Assert.Equal(all.Visits.Visits - 1, main.Visits.Visits);
        Assert.Equal(all.Trend[^1].Visits - 1, main.Trend[^1].Visits);
    }

    [Fact]
    public async Task The_comparison_has_the_month_and_the_twelve_before_it()
    {
        var month = await Indicators.GetMonthAsync(October);

        Assert.Equal(13, month.Trend.Count);
        Assert.Equal(new DateOnly(2025, 10, 1), month.Trend[0].Month);
        var october = month.Trend[^1];
        Assert.Equal((6, 3, 2, 5, 3, 2), (october.Received, october.Closed, october.ClosedOnTime, october.Visits, october.Attended, october.ResolvedOnSpot));
        Assert.Equal(50.0 / 3, october.AverageDays!.Value, 6);
        Assert.Equal(16.25, october.AverageWaitMinutes!.Value, 3); // SQLite's julianday() keeps milliseconds
        var september = month.Trend[^2];
        Assert.Equal((2, 1, 0, 18.0, 1, 1), (september.Received, september.Closed, september.ClosedOnTime, september.AverageDays!.Value, september.Visits, september.ResolvedOnSpot));
        Assert.Equal(4, september.AverageWaitMinutes!.Value, 3);
        var august = month.Trend[^3];
        Assert.Equal((1, 0), (august.Received, august.Closed));
        Assert.All(month.Trend.Take(10), t => Assert.Equal((0, 0, 0), (t.Received, t.Closed, t.Visits)));
    }

    [Fact]
    public async Task The_comparison_counts_a_closed_day_s_visits_once_and_the_days_still_open_at_every_reading()
    {
        // Today is 27/11: days up to 25/11 are closed (a desk reaches only today's turns, and yesterday's called before midnight).
        var november = new DateOnly(2026, 11, 1);
        var first = await Indicators.GetMonthAsync(november);
        Assert.Equal((1, 1), (first.Visits.Visits, first.Trend[^1].Visits)); // 02/11
        await using (var db = App.CreateDb())
        {
            AddVisit(db, _catA, new(2026, 11, 26, 10, 0, 0), 5, 6, 9, VisitOutcome.Information); // yesterday: still open
            // A closed day changed behind the desks' back (nothing in Ventanilla can): the comparison keeps its first reading.
            AddVisit(db, _catA, new(2026, 11, 20, 10, 0, 0), 5, 6, 9, VisitOutcome.Information);
            await db.SaveChangesAsync();
        }

        var again = await Indicators.GetMonthAsync(november);

        Assert.Equal(2, again.Trend[^1].Visits);  // 02/11 kept, 26/11 counted now
        Assert.Equal(3, again.Visits.Visits);     // the month's own rows are read each time
        Assert.Equal((5, 3, 2), (again.Trend[^2].Visits, again.Trend[^2].Attended, again.Trend[^2].ResolvedOnSpot)); // October from the kept days
    }

    [Fact]
    public async Task The_comparison_counts_the_month_s_visits_with_the_month_s_own_definitions()
    {
        // The month's figures come from its rows (C#), the comparison's from SQL: "attended", "resolved" and "wait" agree.
        var month = await Indicators.GetMonthAsync(October);
        var october = month.Trend[^1];

        Assert.Equal((month.Visits.Visits, month.Visits.Attended, month.Visits.ResolvedOnSpot), (october.Visits, october.Attended, october.ResolvedOnSpot));
        Assert.Equal(month.Visits.AverageWaitMinutes!.Value, october.AverageWaitMinutes!.Value, 3);
    }

    [Fact]
    public async Task A_comparison_month_counts_answers_sharing_their_dates_once_each_and_its_paused_ones_with_their_pauses()
    {
        // Two more answers with P10's dates (day 0 = 20/08, answered 15/09: 18 days). P11 alike, on time; P12 paused
        // (25/08, 01/09] = 26,27,28,31,01 → 5 days out: 13 days. September: (18 + 18 + 13) / 3 answers, P11 on time.
        await using (var db = App.CreateDb())
        {
            Add(db, "P11", PetitionRows.Make(new(2026, 8, 20, 11, 0, 0), D(8, 20), _t1, PetitionStatus.Cerrada), D(9, 15), true);
            var p12 = Add(db, "P12", PetitionRows.Make(new(2026, 8, 20, 12, 0, 0), D(8, 20), _t2, PetitionStatus.Cerrada), D(9, 15), false);
            p12.Pauses.Add(new PetitionPause { Reason = PauseReason.Documents, StartDate = D(8, 25), EndDate = D(9, 1) });
            await db.SaveChangesAsync();
        }

        var september = (await Indicators.GetMonthAsync(October)).Trend[^2];
        var asItsOwnMonth = await Indicators.GetMonthAsync(new DateOnly(2026, 9, 1));

        Assert.Equal((3, 1), (september.Closed, september.ClosedOnTime));
        Assert.Equal((18 + 18 + 13) / 3.0, september.AverageDays!.Value, 6);
        // The month's own figures count every answer one by one: the comparison agrees with them.
        Assert.Equal((asItsOwnMonth.Petitions.Closed, asItsOwnMonth.Petitions.AverageDays), (september.Closed, september.AverageDays));
    }

    [Fact]
    public async Task Removing_the_non_working_day_counts_it_again()
    {
        var calendar = App.Get<CalendarService>();
        var day = (await calendar.ListOrganismoDaysAsync()).Single(d => d.StartDate == D(10, 9));
        await calendar.RemoveOrganismoDayAsync(day.Id, TestActors.Named("Prueba"));

        var month = await Indicators.GetMonthAsync(October);

        // P1 takes 10 days now; P2 still 15 (the 9th was inside its pause); P3 27.
        Assert.Equal(52.0 / 3, month.Petitions.AverageDays!.Value, 6);
        Assert.Equal(15, month.Petitions.MedianDays);
    }

    [Fact]
    public async Task The_month_in_course_counts_open_petitions_as_of_today()
    {
        var november = await Indicators.GetMonthAsync(new DateOnly(2026, 11, 1));

        Assert.Equal(new DateOnly(2026, 11, 27), november.AsOf);
        Assert.Equal(1, november.Petitions.Received);  // P8
        Assert.Equal(1, november.Petitions.Closed);    // P7 on 05/11
        // Still open on 27/11: P5, P6, P8, P9 (P7 was answered on 05/11).
        Assert.Equal(4, november.Petitions.Open);
        Assert.Equal(1, november.Visits.Visits);
    }

    [Fact]
    public async Task A_month_that_has_not_started_is_refused_with_a_clear_message()
    {
        var ex = await Assert.ThrowsAsync<RuleException>(() => Indicators.GetMonthAsync(new DateOnly(2026, 12, 1)));
        Assert.Contains("12/2026 todavía no empieza", ex.Message);
    }

    [Fact]
    public async Task Every_table_downloads_as_csv_with_the_page_numbers()
    {
        var month = await Indicators.GetMonthAsync(October);

        var byArea = IndicatorCsv.Table(month, IndicatorCsv.ByArea);
        Assert.Equal("Área", byArea.Header[0]);
        Assert.Equal(["Operación", "3", "2", "2", "100.0", "12.0", "12.0", "1", "0", "0", "0", "1"], byArea.Rows[0].Select(c => c ?? ""));
        Assert.Equal(IndicatorService.Everything, byArea.Rows[^1][0]);
        Assert.Equal("66.7", byArea.Rows[^1][4]);
        var visits = IndicatorCsv.Table(month, IndicatorCsv.ByCategory);
        Assert.Equal(["5", "16.3", "30.0", "10.3", "3", "2", "66.7"], visits.Rows[^1][1..].Select(c => c ?? ""));
        var comparison = IndicatorCsv.Table(month, IndicatorCsv.Comparison);
        Assert.Equal(13, comparison.Rows.Count);
        Assert.Equal("oct 2026", comparison.Rows[^1][0]);
        Assert.Equal("indicadores-2026-10-peticiones-por-area.csv", IndicatorCsv.FileName(month, IndicatorCsv.ByArea));
    }
}
