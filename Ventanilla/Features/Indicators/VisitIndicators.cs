namespace Ventanilla.Features.Indicators;

/// <summary>
/// The visits' half of the monthly indicators: the month's waits, service times and what was solved on the spot, by
/// service category; the same figures counted by SQL for each comparison month; and the survey. It reads the visits
/// register only, so <see cref="IndicatorService"/> runs it on its own connection beside the petitions' half.
/// "Attended" and "wait" are defined once here, for the month's rows (C#) and for the comparison months (SQL).
/// </summary>
internal static class VisitIndicators
{
    /// <summary>Outcomes that mean the visitor's matter was solved at the desk (procedure step 04).</summary>
    public static readonly IReadOnlySet<VisitOutcome> Resolved = new HashSet<VisitOutcome>
    {
        VisitOutcome.ImmediateSettlement, VisitOutcome.DiscountProgramme, VisitOutcome.RegistryCorrection,
        VisitOutcome.Information, VisitOutcome.OtherResolved,
    };

    /// <summary>A finished visit with one of these outcomes was not attended: still pending, or the visitor never came up.</summary>
    public static readonly IReadOnlySet<VisitOutcome> NotAttended = new HashSet<VisitOutcome> { VisitOutcome.Pending, VisitOutcome.NoShow };

    public sealed record Figures(
        VisitStats Month, IReadOnlyList<VisitStats> ByCategory, IReadOnlyDictionary<string, MonthRow> Months, SurveyMonth Survey, AppointmentMonth Appointments);

    private sealed record VisitRow(int CategoryId, DateTime ArrivedAtUtc, DateTime? CalledAtUtc, DateTime? StartedAtUtc, DateTime? FinishedAtUtc, VisitOutcome Outcome);

    /// <summary>One month of visits as SQL counts it for the comparison.</summary>
    public sealed class MonthRow
    {
        public string Month { get; set; } = "";
        public int Visits { get; set; }
        public double? AverageWait { get; set; }
        public int Attended { get; set; }
        public int Resolved { get; set; }
    }

    public static async Task<Figures> LoadAsync(
        AppDbContext db, OfficeClock office, ClosedVisitDays closed, DateOnly first, DateOnly last, DateOnly trendFirst, int? officeId, CancellationToken ct)
    {
        IQueryable<Visit> register = db.Visits.AsNoTracking();
        IQueryable<ServiceCategory> lines = db.ServiceCategories.AsNoTracking();
        if (officeId is { } only)
        {
            register = register.Where(v => v.OfficeId == only);
            lines = lines.Where(c => c.OfficeId == only);
        }
        var categories = await lines.OrderBy(c => c.SortOrder).ThenBy(c => c.Letter)
            .Select(c => new { c.Id, c.Letter, c.Name }).ToListAsync(ct);
        var visits = await register
            .Where(v => v.ServiceDate >= first && v.ServiceDate <= last)
            .Select(v => new VisitRow(v.ServiceCategoryId, v.ArrivedAtUtc, v.CalledAtUtc, v.ServiceStartedAtUtc, v.FinishedAtUtc, v.Outcome))
            .ToListAsync(ct);
        var byCategory = categories
            .Select(c => Stats($"{c.Letter} · {c.Name}", visits.Where(v => v.CategoryId == c.Id).ToList()))
            .Where(v => v.Visits > 0).ToList();
        var months = await MonthsAsync(db, closed, office.Today(), trendFirst, last, officeId, ct);
        var survey = await SurveyIndicators.LoadAsync(db, first, last, office, ct, officeId);
        var appointments = await AppointmentIndicators.LoadAsync(db, first, last, officeId, ct);
        return new Figures(Stats(IndicatorService.Everything, visits), byCategory, months, survey, appointments);
    }

    private static bool Attended(VisitRow v) => v.FinishedAtUtc is not null && !NotAttended.Contains(v.Outcome);

    private static double? WaitMinutes(VisitRow v) => (v.CalledAtUtc - v.ArrivedAtUtc)?.TotalMinutes;

    private static VisitStats Stats(string group, IReadOnlyList<VisitRow> rows)
    {
        var waits = rows.Select(WaitMinutes).OfType<double>().ToList();
        var service = rows.Where(v => v.StartedAtUtc is not null && v.FinishedAtUtc is not null && v.Outcome != VisitOutcome.NoShow)
            .Select(v => (v.FinishedAtUtc!.Value - v.StartedAtUtc!.Value).TotalMinutes).ToList();
        var attended = rows.Where(Attended).ToList();
        return new VisitStats(group, rows.Count, Indicators.Stats.Average(waits), Indicators.Stats.Percentile90(waits), Indicators.Stats.Average(service),
            attended.Count, attended.Count(v => Resolved.Contains(v.Outcome)));
    }

    /// <summary>The comparison months counted by SQL, keyed "yyyy-MM": the same definitions as <see cref="Stats"/>.</summary>
    private static async Task<IReadOnlyDictionary<string, MonthRow>> MonthsAsync(
        AppDbContext db, ClosedVisitDays closed, DateOnly today, DateOnly from, DateOnly last, int? officeId, CancellationToken ct)
    {
        // The closed days come from what an earlier reading kept; only the rest is counted now.
        var closedThrough = ClosedVisitDays.ClosedThrough(today) is var c && c < last ? c : last;
        var kept = closedThrough < from ? null : closed.Find(officeId, from, closedThrough);
        var days = new List<VisitDay>(kept ?? []);
        var countFrom = kept is null ? from : closedThrough.AddDays(1);
        if (countFrom <= last)
        {
            var counted = await CountDaysAsync(db, countFrom, last, officeId, ct);
            days.AddRange(counted);
            if (kept is null) closed.Keep(officeId, from, closedThrough, counted);
        }
        return days.GroupBy(d => d.Day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g =>
        {
            var waited = g.Sum(d => d.Waited);
            return new MonthRow
            {
                Month = g.Key,
                Visits = g.Sum(d => d.Visits),
                AverageWait = waited == 0 ? null : g.Sum(d => d.WaitMinutes ?? 0) / waited,
                Attended = g.Sum(d => d.Attended),
                Resolved = g.Sum(d => d.Resolved),
            };
        });
    }

    /// <summary>The visits of each day from <paramref name="from"/> to <paramref name="last"/>, counted by SQL.</summary>
    private static async Task<List<VisitDay>> CountDaysAsync(AppDbContext db, DateOnly from, DateOnly last, int? officeId, CancellationToken ct)
    {
        // The outcome lists come from the sets above. SQLite stores instants as ISO text (julianday() reads them);
        // PostgreSQL has real types. Grouped by the day as stored (the index's first column), not by a month computed
        // from it for each of a year's 200,000 visits: PostgreSQL took twice as long formatting the months.
        var resolved = string.Join(", ", Resolved.Select(o => (int)o).Order());
        var notAttended = string.Join(", ", NotAttended.Select(o => (int)o).Order());
        var waitMinutes = db.Database.IsPostgres()
            ? "EXTRACT(EPOCH FROM (\"CalledAtUtc\" - \"ArrivedAtUtc\")) / 60.0"
            : "(julianday(\"CalledAtUtc\") - julianday(\"ArrivedAtUtc\")) * 1440.0";
        // Only those enum numbers and expressions go into the text; the dates are parameters.
        var sql = $$"""
                SELECT "ServiceDate" AS "Day", CAST(COUNT(*) AS INTEGER) AS "Visits",
                       CAST(SUM(CASE WHEN "CalledAtUtc" IS NOT NULL THEN {{waitMinutes}} END) AS DOUBLE PRECISION) AS "WaitMinutes",
                       CAST(SUM(CASE WHEN "CalledAtUtc" IS NOT NULL THEN 1 ELSE 0 END) AS INTEGER) AS "Waited",
                       CAST(SUM(CASE WHEN "FinishedAtUtc" IS NOT NULL AND "Outcome" NOT IN ({{notAttended}}) THEN 1 ELSE 0 END) AS INTEGER) AS "Attended",
                       CAST(SUM(CASE WHEN "FinishedAtUtc" IS NOT NULL AND "Outcome" IN ({{resolved}}) THEN 1 ELSE 0 END) AS INTEGER) AS "Resolved"
                FROM "Visits"
                WHERE "ServiceDate" >= {0} AND "ServiceDate" <= {1}{{(officeId is null ? "" : " AND \"OfficeId\" = {2}")}}
                GROUP BY "ServiceDate"
                """;
        return await db.Database.SqlQueryRaw<VisitDay>(sql, officeId is { } only ? [from, last, only] : [from, last]).ToListAsync(ct);
    }
}
