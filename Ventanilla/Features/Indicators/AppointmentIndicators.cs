namespace Ventanilla.Features.Indicators;

/// <summary>
/// Appointments of a month for one group (everything, a service category or a desk). Booked counts every booking of
/// the month's days, whatever became of it; attended, the checked-in ones a desk called and served; punctuality is how
/// far from its slot's start each attended one was first called (|called − slot|, minutes): median and 90th
/// percentile. By desk only the attended ones and their punctuality have a desk.
/// </summary>
public sealed record AppointmentStats(
    string Group, int Booked, int Attended, int Cancelled, int NoShows, int Late, double? MedianOffMinutes, double? P90OffMinutes)
{
    public double? NoShowPercent => Booked - Cancelled <= 0 ? null : 100.0 * NoShows / (Booked - Cancelled);
}

/// <summary>The month's appointments: the total, by category and by desk.</summary>
public sealed record AppointmentMonth(AppointmentStats Total, IReadOnlyList<AppointmentStats> ByCategory, IReadOnlyList<AppointmentStats> ByDesk)
{
    public static readonly AppointmentMonth Empty = new(AppointmentIndicators.Stats(IndicatorService.Everything, []), [], []);
}

/// <summary>Reads a month of bookings for <see cref="IndicatorService"/> (with the visits' half): one small row per booking.</summary>
public static class AppointmentIndicators
{
    public sealed record Row(
        int CategoryId, string Category, AppointmentStatus Status, DateTime StartUtc, DateTime? CalledAtUtc, DateTime? FinishedAtUtc,
        VisitOutcome? Outcome, int? DeskId, string? Desk);

    public static async Task<AppointmentMonth> LoadAsync(AppDbContext db, DateOnly first, DateOnly last, int? officeId, CancellationToken ct)
    {
        var rows = await db.Appointments.AsNoTracking()
            .Where(a => a.Day >= first && a.Day <= last && (officeId == null || a.OfficeId == officeId))
            .Select(a => new Row(a.ServiceCategoryId, a.ServiceCategory!.Letter + " · " + a.ServiceCategory.Name, a.Status, a.StartUtc,
                a.Visit != null ? a.Visit.CalledAtUtc : null, a.Visit != null ? a.Visit.FinishedAtUtc : null, a.Visit != null ? a.Visit.Outcome : null,
                a.Visit != null ? a.Visit.DeskId : null, a.Visit != null && a.Visit.Desk != null ? a.Visit.Desk.Name : null))
            .ToListAsync(ct);
        if (rows.Count == 0) return AppointmentMonth.Empty;
        var categories = await db.ServiceCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Letter).Select(c => c.Id).ToListAsync(ct);
        var desks = await db.Desks.AsNoTracking().OrderBy(d => d.Number).Select(d => d.Id).ToListAsync(ct);
        var byCategory = rows.GroupBy(r => r.CategoryId).OrderBy(g => categories.IndexOf(g.Key))
            .Select(g => Stats(g.First().Category, [.. g])).ToList();
        var byDesk = rows.Where(Attended).GroupBy(r => r.DeskId).OrderBy(g => g.Key is { } id ? desks.IndexOf(id) : int.MaxValue)
            .Select(g => Stats(g.First().Desk ?? SurveyIndicators.WithoutDesk, [.. g])).ToList();
        return new AppointmentMonth(Stats(IndicatorService.Everything, rows), byCategory, byDesk);
    }

    /// <summary>Checked in, called, and served (not marked absent at the desk, not left pending).</summary>
    public static bool Attended(Row r)
        => r.Status == AppointmentStatus.CheckedIn && r.CalledAtUtc is not null && r.FinishedAtUtc is not null
           && r.Outcome is { } outcome && !VisitIndicators.NotAttended.Contains(outcome);

    public static AppointmentStats Stats(string group, IReadOnlyCollection<Row> rows)
    {
        var off = rows.Where(Attended).Select(r => Math.Abs((r.CalledAtUtc!.Value - r.StartUtc).TotalMinutes)).ToList();
        return new(group, rows.Count, off.Count, rows.Count(r => r.Status == AppointmentStatus.Cancelled), rows.Count(r => r.Status == AppointmentStatus.NoShow),
            rows.Count(r => r.Status == AppointmentStatus.Late), Indicators.Stats.Median(off), Indicators.Stats.Percentile90(off));
    }
}
