namespace Ventanilla.Features.Indicators;

/// <summary>
/// The monthly analysis of the procedure's management review: petitions received, closed (answer delivered), on
/// time, business days to answer and open by age, by area and by type; visits, waits, service times and what was
/// resolved on the spot, by category; the satisfaction survey; and the month against the twelve before it.
/// SQL does the selecting through indexed date ranges, the counting of the comparison months and of what is open
/// (per day 0); only the month's own rows (a few thousand small projections, never whole petitions) come back,
/// because business days, medians and percentiles need the office's calendar and the sorted values. Days are counted with the same rules as the
/// legal clock: day 0 excluded, paused days left out.
/// </summary>
public sealed class IndicatorService(IDbContextFactory<AppDbContext> dbFactory, CalendarService calendar, OfficeClock office, ClosedVisitDays closedDays)
{
    public const int ComparedMonths = 12;
    public const string WithoutArea = "Sin turnar";
    public const string Everything = "Total";

    /// <summary>Outcomes that mean the visitor's matter was solved at the desk (procedure step 04).</summary>
    public static IReadOnlySet<VisitOutcome> ResolvedOutcomes => VisitIndicators.Resolved;

    private sealed record ReceivedRow(int Id, int TypeId);
    private sealed record AnsweredRow(int Id, int TypeId, DateOnly DayZero, DateOnly ResponseDate, bool OnTime);
    private sealed record OpenRow(int Id, int TypeId, DateOnly DayZero);
    /// <summary>Open petitions of one group (a type or an area) and one day 0, as SQL counts them.</summary>
    private sealed record OpenCount(int Group, DateOnly DayZero, int Count);
    /// <summary>The comparison months' answers, counted by SQL per (answer date, day 0): all of them took the same business days.</summary>
    private sealed record AnsweredGroup(DateOnly ResponseDate, DateOnly DayZero, int Count, int OnTime);
    private sealed record PausedAnswer(int Id, DateOnly DayZero, DateOnly ResponseDate);

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
        var trendFirst = first.AddMonths(-ComparedMonths);

        // The visits' half reads another register: it runs on its own connection, on the thread pool (away from the
        // page's renderer, which would run it only after the petitions' half), while the petitions' half is read.
        var visitsTask = Task.Run(() => LoadVisitsAsync(first, last, trendFirst, officeId, ct), ct);
        var channelsTask = Task.Run(() => LoadChannelsAsync(trendFirst, first, officeId, ct), ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var petitions = await PetitionFiguresAsync(db, first, last, asOf, trendFirst, officeId, ct);
            var visits = await visitsTask;
            var trend = TrendOf(trendFirst, first, petitions.Months, visits.Months);
            return new MonthIndicators(first, asOf, petitions.Month, petitions.ByArea, petitions.ByType, petitions.ClosedWithoutAnswer,
                visits.Month, visits.ByCategory, trend, visits.Survey, visits.Appointments, await channelsTask);
        }
        finally
        {
            // Never left running unobserved when the petitions' half fails.
            await ((Task)visitsTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await ((Task)channelsTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<IReadOnlyList<ChannelMonth>> LoadChannelsAsync(DateOnly trendFirst, DateOnly month, int? officeId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ChannelIndicators.LoadAsync(db, office, trendFirst, month, officeId, ct);
    }

    private async Task<VisitIndicators.Figures> LoadVisitsAsync(DateOnly first, DateOnly last, DateOnly trendFirst, int? officeId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await VisitIndicators.LoadAsync(db, office, closedDays, first, last, trendFirst, officeId, ct);
    }

    /// <summary>The petitions' figures of the month, and what the comparison needs of each month before.</summary>
    private sealed record PetitionFigures(
        PetitionStats Month, IReadOnlyList<PetitionStats> ByArea, IReadOnlyList<PetitionStats> ByType, int ClosedWithoutAnswer,
        IReadOnlyDictionary<DateOnly, (int Received, int Closed, int OnTime, int Days)> Months);

    private async Task<PetitionFigures> PetitionFiguresAsync(
        AppDbContext db, DateOnly first, DateOnly last, DateOnly asOf, DateOnly trendFirst, int? officeId, CancellationToken ct)
    {
        var startUtc = MonthStartUtc(first);
        var endUtc = MonthStartUtc(first.AddMonths(1));
        // Every figure from one snapshot, so the month's parts add up even while the desks keep writing.
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var petitions = snapshot.Rows<Petition>();
        if (officeId is { } only) petitions = petitions.Where(p => p.OfficeId == only);
        var routings = snapshot.Rows<Routing>().Where(r => r.Status != RoutingStatus.Withdrawn);
        var areas = await db.Areas.AsNoTracking().OrderBy(a => a.SortOrder).ThenBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        var types = await db.PetitionTypes.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);

        // A petition counts in every area it was routed to (and not withdrawn from); one never routed, in "Sin turnar".
        // Each set's areas are read by joining its own condition to the routings (an index look-up per petition).
        var areaPairs = new List<(int PetitionId, int AreaId)>();
        async Task AddAreasAsync(IQueryable<Petition> set)
            => areaPairs.AddRange((await routings.Join(set, r => r.PetitionId, p => p.Id, (r, p) => new { r.PetitionId, r.AreaId })
                .ToListAsync(ct)).Select(r => (r.PetitionId, r.AreaId)));

        var receivedSet = petitions.Where(p => p.ReceivedAtUtc >= startUtc && p.ReceivedAtUtc < endUtc);
        var received = await receivedSet.Select(p => new ReceivedRow(p.Id, p.PetitionTypeId)).ToListAsync(ct);
        await AddAreasAsync(receivedSet);
        var answeredSet = petitions.Where(p => p.ResponseDate >= first && p.ResponseDate <= last);
        var answered = await answeredSet
            .Select(p => new AnsweredRow(p.Id, p.PetitionTypeId, p.DayZero, p.ResponseDate!.Value, p.OnTime ?? p.ResponseDate <= p.DueDate))
            .ToListAsync(ct);
        await AddAreasAsync(answeredSet);
        // The twelve months before need only counts and the average: a city's hundred thousand answers come back as
        // a few thousand (answer date, day 0) pairs, each pair's business days counted once.
        var answeredBefore = await petitions
            .Where(p => p.ResponseDate >= trendFirst && p.ResponseDate < first)
            .GroupBy(p => new { ResponseDate = p.ResponseDate!.Value, p.DayZero })
            .Select(g => new AnsweredGroup(g.Key.ResponseDate, g.Key.DayZero, g.Count(), g.Sum(p => (p.OnTime ?? p.ResponseDate <= p.DueDate) ? 1 : 0)))
            .ToListAsync(ct);
        // Open at the month's end, asked as its three disjoint parts (PetitionDeadlines.OpenAtParts), each through its own
        // index: written as one condition with ORs, SQLite read a city's million petitions to find them. Counted by SQL
        // per (type, day 0) and per (area, day 0), never routed as area 0. «+ 0» keeps SQLite from walking the type's
        // or area's index for the grouping (the whole register) instead of the part's own.
        var openParts = PetitionDeadlines.OpenAtParts(asOf, endUtc).Select(part => petitions.Where(part)).ToList();
        var openByType = new List<OpenCount>();
        var openByArea = new List<OpenCount>();
        var openUnrouted = new List<OpenCount>();
        foreach (var part in openParts)
        {
            openByType.AddRange(await part.GroupBy(p => new { Group = p.PetitionTypeId + 0, p.DayZero })
                .Select(g => new OpenCount(g.Key.Group, g.Key.DayZero, g.Count())).ToListAsync(ct));
            // Each open petition looks its routings up once: per (area, day 0), and area 0 for one never routed.
            // Only the area is read of each routing («?? 0» rather than «r == null», which reads the routing's id), so
            // PostgreSQL answers from the routings' (PetitionId, Status, AreaId) index alone.
            var routed = await (from p in part
                                from area in routings.Where(r => r.PetitionId == p.Id).Select(r => (int?)r.AreaId + 0).DefaultIfEmpty()
                                group p.Id by new { Group = area ?? 0, p.DayZero } into g
                                select new OpenCount(g.Key.Group, g.Key.DayZero, g.Distinct().Count())).ToListAsync(ct);
            openByArea.AddRange(routed.Where(o => o.Group != 0));
            openUnrouted.AddRange(routed.Where(o => o.Group == 0));
        }
        // Through the closing instant's index («Status + 0» keeps SQLite off the status index; see OpenAtParts).
        var closedWithoutAnswer = await petitions.CountAsync(p =>
            ((int)p.Status + 0 == (int)PetitionStatus.Cancelada || (int)p.Status + 0 == (int)PetitionStatus.CerradaSinAcreditacion)
            && p.ClosedAtUtc >= startUtc && p.ClosedAtUtc < endUtc, ct);

        // Pauses in one read: only one that ended after the earliest day 0 here can leave days out of these petitions.
        var earliest = answered.Select(a => a.DayZero).Concat(answeredBefore.Select(a => a.DayZero)).Concat(openByType.Select(o => o.DayZero))
            .DefaultIfEmpty(trendFirst).Min();
        var pauses = (await snapshot.Rows<PetitionPause>()
                .Where(p => p.EndDate == null || p.EndDate > earliest)
                .Select(p => new { p.PetitionId, p.StartDate, p.EndDate }).ToListAsync(ct))
            .ToLookup(p => p.PetitionId, p => new ClockPause(p.StartDate, p.EndDate));
        IEnumerable<ClockPause>? PausesOf(int id) => pauses.Contains(id) ? pauses[id] : null;
        var pausedIds = pauses.Select(p => p.Key).ToList();
        // The open ones among the paused: counted above by their day 0 alone, corrected below with their pauses.
        // (Every pause of an open petition ends after its day 0, so the read above holds them all.)
        var pausedOpen = new List<OpenRow>();
        if (pausedIds.Count > 0)
        {
            var pauseRows = snapshot.Rows<PetitionPause>();
            foreach (var part in openParts)
            {
                var paused = part.Where(p => pauseRows.Any(x => x.PetitionId == p.Id));
                pausedOpen.AddRange(await paused.Select(p => new OpenRow(p.Id, p.PetitionTypeId, p.DayZero)).ToListAsync(ct));
                await AddAreasAsync(paused);
            }
        }
        var areasOf = areaPairs.Distinct().ToLookup(r => r.PetitionId, r => r.AreaId);

        var days = new BusinessDayIndex(calendar.Current, earliest < trendFirst ? earliest : trendFirst, last);
        var closed = answered.Select(a => (a.Id, a.TypeId, a.OnTime, Days: days.Elapsed(a.DayZero, PausesOf(a.Id), a.ResponseDate))).ToList();
        var openAges = new OpenAges(dayZero => days.Elapsed(dayZero, null, asOf));
        foreach (var o in openByType) openAges.AddType(o.Group, o.DayZero, o.Count);
        foreach (var o in openByArea) openAges.AddArea(o.Group, o.DayZero, o.Count);
        foreach (var o in openUnrouted) openAges.AddUnrouted(o.DayZero, o.Count);
        foreach (var o in pausedOpen) openAges.Correct(o.TypeId, [.. areasOf[o.Id]], o.DayZero, days.Elapsed(o.DayZero, PausesOf(o.Id), asOf));

        PetitionStats Petitions(string group, Func<int, int, bool> member, IReadOnlyList<int> open)
        {
            var mine = closed.Where(c => member(c.Id, c.TypeId)).ToList();
            var taken = mine.Select(c => c.Days).ToList();
            return new PetitionStats(group, received.Count(r => member(r.Id, r.TypeId)), mine.Count, mine.Count(c => c.OnTime),
                Stats.Average(taken), Stats.Median(taken), open[0], open[1], open[2], open[3]);
        }

        var byArea = areas.Select(a => Petitions(a.Name, (id, _) => areasOf[id].Contains(a.Id), openAges.Area(a.Id)))
            .Append(Petitions(WithoutArea, (id, _) => !areasOf[id].Any(), openAges.Unrouted))
            .Where(HasData).ToList();
        var byType = types.Select(t => Petitions(t.Name, (_, type) => type == t.Id, openAges.Type(t.Id))).Where(HasData).ToList();

        // The comparison months' answers were counted without pauses; the few paused ones are counted again with theirs.
        var pausedBefore = pausedIds.Count == 0 ? [] : await petitions
            .Where(p => p.ResponseDate >= trendFirst && p.ResponseDate < first && EF.Parameter(pausedIds).Contains(p.Id))
            .Select(p => new PausedAnswer(p.Id, p.DayZero, p.ResponseDate!.Value))
            .ToListAsync(ct);
        var months = answeredBefore.ToLookup(a => MonthOf(a.ResponseDate), a => (a.Count, a.OnTime, Days: a.Count * days.Elapsed(a.DayZero, null, a.ResponseDate)))
            .ToDictionary(g => g.Key, g => (Received: 0, Closed: g.Sum(x => x.Count), OnTime: g.Sum(x => x.OnTime), Days: g.Sum(x => x.Days)));
        foreach (var paused in pausedBefore)
        {
            var month0 = MonthOf(paused.ResponseDate);
            var counted = months[month0];
            var correction = days.Elapsed(paused.DayZero, PausesOf(paused.Id), paused.ResponseDate) - days.Elapsed(paused.DayZero, null, paused.ResponseDate);
            months[month0] = counted with { Days = counted.Days + correction };
        }
        months[first] = (received.Count, closed.Count, closed.Count(c => c.OnTime), closed.Sum(c => c.Days));
        foreach (var (m, count) in await ReceivedByMonthAsync(petitions, trendFirst, first, ct))
        {
            months[m] = months.GetValueOrDefault(m) with { Received = count };
        }
        return new PetitionFigures(Petitions(Everything, (_, _) => true, openAges.Total), byArea, byType, closedWithoutAnswer, months);
    }

    /// <summary>
    /// Petitions received in each month from <paramref name="from"/> up to (not including) <paramref name="until"/>, in one
    /// statement: a count per month over the reception instant's index, joined by UNION ALL. Twelve separate statements
    /// cost PostgreSQL twelve plans and round trips (≈100 ms on a city), and one pass that computed each row's month
    /// cost it as much again in arithmetic per row; one statement of twelve range counts takes ≈30 ms.
    /// </summary>
    private async Task<IReadOnlyList<(DateOnly Month, int Count)>> ReceivedByMonthAsync(
        IQueryable<Petition> petitions, DateOnly from, DateOnly until, CancellationToken ct)
    {
        var months = new List<DateOnly>();
        IQueryable<MonthCount>? counts = null;
        for (var m = from; m < until; m = m.AddMonths(1))
        {
            var (start, end, index) = (MonthStartUtc(m), MonthStartUtc(m.AddMonths(1)), months.Count);
            months.Add(m);
            var month = petitions.Where(p => p.ReceivedAtUtc >= start && p.ReceivedAtUtc < end)
                .GroupBy(p => 1).Select(g => new MonthCount { Index = index, Count = g.Count() });
            counts = counts is null ? month : counts.Concat(month);
        }
        if (counts is null) return [];
        return [.. (await counts.ToListAsync(ct)).Select(c => (months[c.Index], c.Count))];
    }

    /// <summary>One month's count in <see cref="ReceivedByMonthAsync"/> (a class with setters: what a UNION ALL projects to).</summary>
    private sealed class MonthCount
    {
        public int Index { get; init; }
        public int Count { get; init; }
    }

    private static List<MonthTrend> TrendOf(
        DateOnly trendFirst, DateOnly month, IReadOnlyDictionary<DateOnly, (int Received, int Closed, int OnTime, int Days)> petitions,
        IReadOnlyDictionary<string, VisitIndicators.MonthRow> visits)
    {
        var trend = new List<MonthTrend>();
        for (var m = trendFirst; m <= month; m = m.AddMonths(1))
        {
            var p = petitions.GetValueOrDefault(m);
            visits.TryGetValue(m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), out var v);
            trend.Add(new MonthTrend(m, p.Received, p.Closed, p.OnTime, p.Closed == 0 ? null : (double)p.Days / p.Closed,
                v?.Visits ?? 0, v?.AverageWait, v?.Attended ?? 0, v?.Resolved ?? 0));
        }
        return trend;
    }

    private static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    private static bool HasData(PetitionStats s) => s.Received > 0 || s.Closed > 0 || s.Open > 0;

    /// <summary>The instant a local calendar day of the office begins.</summary>
    private DateTime MonthStartUtc(DateOnly day) => office.ToUtc(day.ToDateTime(TimeOnly.MinValue));
}
