namespace Ventanilla.Features.Indicators;

/// <summary>
/// The comparison months' visits, per day, kept once read for the days that can no longer change. A visit is written
/// only through the desks, and a desk reaches only its turns of today (one called before midnight can still be
/// finished just after it): so a day before yesterday is closed, and its counts are the same at every reading. On a
/// city, counting thirteen months of visits was a third of the indicators' time on PostgreSQL (142 of ≈450 ms); with
/// this, a reading counts only the days still open. The days are kept per office (and for all offices), for the
/// latest range read: a few hundred small rows. Restoring a backup or moving to PostgreSQL happens with the app stopped.
/// </summary>
public sealed class ClosedVisitDays
{
    /// <summary>The days of the last range read for one office (null: every office), and up to which day they are closed.</summary>
    private sealed record Range(DateOnly From, DateOnly Through, IReadOnlyList<VisitDay> Days);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Range> _ranges = new();

    /// <summary>The last day that can no longer change, seen from <paramref name="today"/>.</summary>
    public static DateOnly ClosedThrough(DateOnly today) => today.AddDays(-2);

    /// <summary>The kept days of [<paramref name="from"/>, <paramref name="through"/>], or null when that range is not all kept.</summary>
    public IReadOnlyList<VisitDay>? Find(int? officeId, DateOnly from, DateOnly through)
        => _ranges.TryGetValue(officeId ?? 0, out var range) && range.From <= from && range.Through >= through
            ? [.. range.Days.Where(d => d.Day >= from && d.Day <= through)]
            : null;

    /// <summary>Keeps the days read of [<paramref name="from"/>, <paramref name="through"/>] (all closed) for the next reading.</summary>
    public void Keep(int? officeId, DateOnly from, DateOnly through, IEnumerable<VisitDay> days)
    {
        if (through < from) return;
        _ranges[officeId ?? 0] = new Range(from, through, [.. days.Where(d => d.Day >= from && d.Day <= through)]);
    }
}

/// <summary>One day of visits as SQL counts it for the comparison months (the months are summed from the days).</summary>
public sealed class VisitDay
{
    public DateOnly Day { get; set; }
    public int Visits { get; set; }
    public double? WaitMinutes { get; set; }
    public int Waited { get; set; }
    public int Attended { get; set; }
    public int Resolved { get; set; }
}
