using Ventanilla.Features.Deadlines;

namespace Ventanilla.Features.Indicators;

/// <summary>
/// The monthly analysis of the procedure's management review: petitions received, closed (answer delivered), on
/// time, business days to answer and open by age, by area and by type; visits, waits, service times and what was
/// resolved on the spot, by category; the satisfaction survey; and the month against the twelve before it.
/// SQL does the selecting through indexed date ranges and the counting of the comparison months; only the month's
/// own rows (a few thousand small projections, never whole petitions) come back, because business days, medians
/// and percentiles need the office's calendar and the sorted values. Days are counted with the same rules as the
/// legal clock: day 0 excluded, paused days left out.
/// </summary>
public sealed class IndicatorService(IDbContextFactory<AppDbContext> dbFactory, CalendarService calendar, OfficeClock office)
{
    public const int ComparedMonths = 12;
    public const string WithoutArea = "Sin turnar";
    public const string Everything = "Total";

    /// <summary>Outcomes that mean the visitor's matter was solved at the desk (procedure step 04).</summary>
    public static readonly IReadOnlySet<VisitOutcome> ResolvedOutcomes = new HashSet<VisitOutcome>
    {
        VisitOutcome.ImmediateSettlement, VisitOutcome.DiscountProgramme, VisitOutcome.RegistryCorrection,
        VisitOutcome.Information, VisitOutcome.OtherResolved,
    };

    private sealed record ReceivedRow(int Id, int TypeId);
    private sealed record AnsweredRow(int Id, int TypeId, DateOnly DayZero, DateOnly ResponseDate, bool OnTime);
    private sealed record OpenRow(int Id, int TypeId, DateOnly DayZero);
    /// <summary>The comparison months' answers, counted by SQL per (answer date, day 0): all of them took the same business days.</summary>
    private sealed record AnsweredGroup(DateOnly ResponseDate, DateOnly DayZero, int Count, int OnTime);
    private sealed record PausedAnswer(int Id, DateOnly DayZero, DateOnly ResponseDate);
    private sealed record VisitRow(int CategoryId, DateTime ArrivedAtUtc, DateTime? CalledAtUtc, DateTime? StartedAtUtc, DateTime? FinishedAtUtc, VisitOutcome Outcome);

    /// <summary>One month of visits as SQL counts it for the comparison.</summary>
    public sealed class VisitMonthRow
    {
        public string Month { get; set; } = "";
        public int Visits { get; set; }
        public double? AverageWait { get; set; }
        public int Attended { get; set; }
        public int Resolved { get; set; }
    }

    /// <summary>The month in course (its first day).</summary>
    public DateOnly CurrentMonth()
    {
        var today = office.Today();
        return new DateOnly(today.Year, today.Month, 1);
    }

    /// <summary>Parses "2026-10" (as the page's links and the CSV addresses write a month).</summary>
    public static DateOnly? ParseMonth(string? text)
        => DateOnly.TryParseExact((text ?? "") + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var month) ? month : null;

    /// <param name="officeId">Only the petitions that office received and the visits it served; null: every office.</param>
    public async Task<MonthIndicators> GetMonthAsync(DateOnly month, CancellationToken ct = default, int? officeId = null)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var today = office.Today();
        if (first > today) throw new RuleException($"Mes: {first:MM/yyyy} todavía no empieza; elija este mes o uno anterior.");
        var last = first.AddMonths(1).AddDays(-1);
        var asOf = last < today ? last : today;
        var startUtc = MonthStartUtc(first);
        var endUtc = MonthStartUtc(first.AddMonths(1));
        var trendFirst = first.AddMonths(-ComparedMonths);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        IQueryable<Petition> petitions = db.Petitions.AsNoTracking();
        IQueryable<Visit> visitRegister = db.Visits.AsNoTracking();
        IQueryable<ServiceCategory> lines = db.ServiceCategories.AsNoTracking();
        if (officeId is { } only)
        {
            petitions = petitions.Where(p => p.OfficeId == only);
            visitRegister = visitRegister.Where(v => v.OfficeId == only);
            lines = lines.Where(c => c.OfficeId == only);
        }
        var areas = await db.Areas.AsNoTracking().OrderBy(a => a.SortOrder).ThenBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        var types = await db.PetitionTypes.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var categories = await lines.OrderBy(c => c.SortOrder).ThenBy(c => c.Letter)
            .Select(c => new { c.Id, c.Letter, c.Name }).ToListAsync(ct);

        var received = await petitions
            .Where(p => p.ReceivedAtUtc >= startUtc && p.ReceivedAtUtc < endUtc)
            .Select(p => new ReceivedRow(p.Id, p.PetitionTypeId)).ToListAsync(ct);
        var answered = await petitions
            .Where(p => p.ResponseDate >= first && p.ResponseDate <= last)
            .Select(p => new AnsweredRow(p.Id, p.PetitionTypeId, p.DayZero, p.ResponseDate!.Value, p.OnTime ?? p.ResponseDate <= p.DueDate))
            .ToListAsync(ct);
        // The twelve months before need only counts and the average: a city's hundred thousand answers come back as
        // a few thousand (answer date, day 0) pairs, each pair's business days counted once.
        var answeredBefore = await petitions
            .Where(p => p.ResponseDate >= trendFirst && p.ResponseDate < first)
            .GroupBy(p => new { ResponseDate = p.ResponseDate!.Value, p.DayZero })
            .Select(g => new AnsweredGroup(g.Key.ResponseDate, g.Key.DayZero, g.Count(), g.Sum(p => (p.OnTime ?? p.ResponseDate <= p.DueDate) ? 1 : 0)))
            .ToListAsync(ct);
        // Open at the month's end, asked as its three disjoint parts (PetitionDeadlines.OpenAtParts), each through its own
        // index: written as one condition with ORs, SQLite read a city's million petitions to find them.
        var open = new List<OpenRow>();
        foreach (var part in PetitionDeadlines.OpenAtParts(asOf, endUtc))
        {
            open.AddRange(await petitions.Where(part).Select(p => new OpenRow(p.Id, p.PetitionTypeId, p.DayZero)).ToListAsync(ct));
        }
        // Through the closing instant's index («Status + 0» keeps SQLite off the status index; see OpenAtParts).
        var closedWithoutAnswer = await petitions.CountAsync(p =>
            ((int)p.Status + 0 == (int)PetitionStatus.Cancelada || (int)p.Status + 0 == (int)PetitionStatus.CerradaSinAcreditacion)
            && p.ClosedAtUtc >= startUtc && p.ClosedAtUtc < endUtc, ct);

        // A petition counts in every area it was routed to (and not withdrawn from); one never routed, in "Sin turnar".
        // Looked up by id (one JSON parameter, an index lookup each) rather than by joining the register again.
        var ids = received.Select(r => r.Id).Concat(answered.Select(a => a.Id)).Concat(open.Select(o => o.Id))
            .Distinct().ToList();
        var areasOf = (await db.Routings.AsNoTracking()
                .Where(r => EF.Parameter(ids).Contains(r.PetitionId) && r.Status != RoutingStatus.Withdrawn)
                .Select(r => new { r.PetitionId, r.AreaId }).ToListAsync(ct))
            .ToLookup(r => r.PetitionId, r => r.AreaId);
        // Pauses in one read: only one that ended after the earliest day 0 here can leave days out of these petitions.
        var earliest = answered.Select(a => a.DayZero).Concat(answeredBefore.Select(a => a.DayZero)).Concat(open.Select(o => o.DayZero))
            .DefaultIfEmpty(trendFirst).Min();
        var pauses = (await db.PetitionPauses.AsNoTracking()
                .Where(p => p.EndDate == null || p.EndDate > earliest)
                .Select(p => new { p.PetitionId, p.StartDate, p.EndDate }).ToListAsync(ct))
            .ToLookup(p => p.PetitionId, p => new ClockPause(p.StartDate, p.EndDate));

        var days = new BusinessDayIndex(calendar.Current, earliest < trendFirst ? earliest : trendFirst, last);
        IEnumerable<ClockPause>? PausesOf(int id) => pauses.Contains(id) ? pauses[id] : null;

        var closed = answered.Select(a => (a.Id, a.TypeId, a.OnTime, Days: days.Elapsed(a.DayZero, PausesOf(a.Id), a.ResponseDate))).ToList();
        var aged = open.Select(o => (o.Id, o.TypeId, Age: days.Elapsed(o.DayZero, PausesOf(o.Id), asOf))).ToList();

        PetitionStats Petitions(string group, Func<int, int, bool> member)
        {
            var mine = closed.Where(c => member(c.Id, c.TypeId)).ToList();
            var taken = mine.Select(c => c.Days).ToList();
            var ages = aged.Where(o => member(o.Id, o.TypeId)).Select(o => o.Age).ToList();
            return new PetitionStats(group, received.Count(r => member(r.Id, r.TypeId)), mine.Count, mine.Count(c => c.OnTime),
                Stats.Average(taken), Stats.Median(taken),
                ages.Count(a => a <= 5), ages.Count(a => a is >= 6 and <= 10), ages.Count(a => a is >= 11 and <= 15), ages.Count(a => a > 15));
        }

        var byArea = areas.Select(a => Petitions(a.Name, (id, _) => areasOf[id].Contains(a.Id)))
            .Append(Petitions(WithoutArea, (id, _) => !areasOf[id].Any()))
            .Where(HasData).ToList();
        var byType = types.Select(t => Petitions(t.Name, (_, type) => type == t.Id)).Where(HasData).ToList();

        var visits = await visitRegister
            .Where(v => v.ServiceDate >= first && v.ServiceDate <= last)
            .Select(v => new VisitRow(v.ServiceCategoryId, v.ArrivedAtUtc, v.CalledAtUtc, v.ServiceStartedAtUtc, v.FinishedAtUtc, v.Outcome))
            .ToListAsync(ct);
        var byCategory = categories
            .Select(c => Visits($"{c.Letter} · {c.Name}", visits.Where(v => v.CategoryId == c.Id).ToList()))
            .Where(v => v.Visits > 0).ToList();

        // The comparison months' answers were counted without pauses; the few paused ones are counted again with theirs.
        var pausedIds = pauses.Select(p => p.Key).ToList();
        var pausedBefore = pausedIds.Count == 0 ? [] : await petitions
            .Where(p => p.ResponseDate >= trendFirst && p.ResponseDate < first && EF.Parameter(pausedIds).Contains(p.Id))
            .Select(p => new PausedAnswer(p.Id, p.DayZero, p.ResponseDate!.Value))
            .ToListAsync(ct);
        var daysBefore = answeredBefore.ToLookup(a => MonthOf(a.ResponseDate), a => (a.Count, a.OnTime, Days: a.Count * days.Elapsed(a.DayZero, null, a.ResponseDate)))
            .ToDictionary(g => g.Key, g => (Closed: g.Sum(x => x.Count), OnTime: g.Sum(x => x.OnTime), Days: g.Sum(x => x.Days)));
        foreach (var paused in pausedBefore)
        {
            var month0 = MonthOf(paused.ResponseDate);
            var counted = daysBefore[month0];
            var correction = days.Elapsed(paused.DayZero, PausesOf(paused.Id), paused.ResponseDate) - days.Elapsed(paused.DayZero, null, paused.ResponseDate);
            daysBefore[month0] = counted with { Days = counted.Days + correction };
        }
        var thisMonth = (Closed: closed.Count, OnTime: closed.Count(c => c.OnTime), Days: closed.Sum(c => c.Days));
        var trend = await TrendAsync(db, petitions, officeId, trendFirst, first, last, received.Count,
            m => m == first ? thisMonth : daysBefore.GetValueOrDefault(m), ct);
        var survey = await SurveyIndicators.LoadAsync(db, first, last, office, ct, officeId);
        return new MonthIndicators(first, asOf, Petitions(Everything, (_, _) => true), byArea, byType, closedWithoutAnswer,
            Visits(Everything, visits), byCategory, trend, survey);
    }

    private async Task<IReadOnlyList<MonthTrend>> TrendAsync(
        AppDbContext db, IQueryable<Petition> petitions, int? officeId, DateOnly trendFirst, DateOnly month, DateOnly last, int receivedInMonth,
        Func<DateOnly, (int Closed, int OnTime, int Days)> answeredIn, CancellationToken ct)
    {
        // The outcome lists come from the same definitions the month's own figures use. SQLite stores dates as ISO
        // text (the month is its first seven characters, julianday() reads the instants); PostgreSQL has real types.
        var resolved = string.Join(", ", ResolvedOutcomes.Select(o => (int)o).Order());
        var notAttended = string.Join(", ", new[] { VisitOutcome.Pending, VisitOutcome.NoShow }.Select(o => (int)o));
        var (month7, waitMinutes) = db.Database.IsPostgres()
            ? ("to_char(\"ServiceDate\", 'YYYY-MM')", "EXTRACT(EPOCH FROM (\"CalledAtUtc\" - \"ArrivedAtUtc\")) / 60.0")
            : ("substr(\"ServiceDate\", 1, 7)", "(julianday(\"CalledAtUtc\") - julianday(\"ArrivedAtUtc\")) * 1440.0");
        // Only those enum numbers and expressions go into the text; the dates are parameters.
        var sql = $$"""
                SELECT {{month7}} AS "Month", CAST(COUNT(*) AS INTEGER) AS "Visits",
                       CAST(AVG(CASE WHEN "CalledAtUtc" IS NOT NULL THEN {{waitMinutes}} END) AS DOUBLE PRECISION) AS "AverageWait",
                       CAST(SUM(CASE WHEN "FinishedAtUtc" IS NOT NULL AND "Outcome" NOT IN ({{notAttended}}) THEN 1 ELSE 0 END) AS INTEGER) AS "Attended",
                       CAST(SUM(CASE WHEN "FinishedAtUtc" IS NOT NULL AND "Outcome" IN ({{resolved}}) THEN 1 ELSE 0 END) AS INTEGER) AS "Resolved"
                FROM "Visits"
                WHERE "ServiceDate" >= {0} AND "ServiceDate" <= {1}{{(officeId is null ? "" : " AND \"OfficeId\" = {2}")}}
                GROUP BY {{month7}}
                """;
        var visitMonths = (await db.Database.SqlQueryRaw<VisitMonthRow>(sql, officeId is { } only ? [trendFirst, last, only] : [trendFirst, last])
                .ToListAsync(ct))
            .ToDictionary(v => v.Month);

        var trend = new List<MonthTrend>();
        for (var m = trendFirst; m <= month; m = m.AddMonths(1))
        {
            int receivedCount;
            if (m == month)
            {
                receivedCount = receivedInMonth;
            }
            else
            {
                var (start, end) = (MonthStartUtc(m), MonthStartUtc(m.AddMonths(1)));
                receivedCount = await petitions.CountAsync(p => p.ReceivedAtUtc >= start && p.ReceivedAtUtc < end, ct);
            }
            var closed = answeredIn(m);
            visitMonths.TryGetValue(m.ToString("yyyy-MM"), out var v);
            trend.Add(new MonthTrend(m, receivedCount, closed.Closed, closed.OnTime,
                closed.Closed == 0 ? null : (double)closed.Days / closed.Closed,
                v?.Visits ?? 0, v?.AverageWait, v?.Attended ?? 0, v?.Resolved ?? 0));
        }
        return trend;
    }

    private static VisitStats Visits(string group, IReadOnlyList<VisitRow> rows)
    {
        var waits = rows.Where(v => v.CalledAtUtc is not null).Select(v => (v.CalledAtUtc!.Value - v.ArrivedAtUtc).TotalMinutes).ToList();
        var service = rows.Where(v => v.StartedAtUtc is not null && v.FinishedAtUtc is not null && v.Outcome != VisitOutcome.NoShow)
            .Select(v => (v.FinishedAtUtc!.Value - v.StartedAtUtc!.Value).TotalMinutes).ToList();
        var attended = rows.Where(v => v.FinishedAtUtc is not null && v.Outcome is not (VisitOutcome.Pending or VisitOutcome.NoShow)).ToList();
        return new VisitStats(group, rows.Count, Stats.Average(waits), Stats.Percentile90(waits), Stats.Average(service),
            attended.Count, attended.Count(v => ResolvedOutcomes.Contains(v.Outcome)));
    }

    private static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    private static bool HasData(PetitionStats s) => s.Received > 0 || s.Closed > 0 || s.Open > 0;

    /// <summary>The instant a local calendar day of the office begins.</summary>
    private DateTime MonthStartUtc(DateOnly day) => office.ToUtc(day.ToDateTime(TimeOnly.MinValue));
}
