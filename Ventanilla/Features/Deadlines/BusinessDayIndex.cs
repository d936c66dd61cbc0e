namespace Ventanilla.Features.Deadlines;

/// <summary>
/// Business days counted over a fixed span of dates in constant time, for views that count them for thousands
/// of petitions at once (the wall board, the monthly indicators). Answers exactly what
/// <see cref="BusinessCalendar.CountBusinessDays"/> and <see cref="LegalClock.ElapsedBusinessDays"/> answer; outside
/// the span it asks the calendar.
/// </summary>
public sealed class BusinessDayIndex
{
    private readonly BusinessCalendar _calendar;
    private readonly DateOnly _first;
    private readonly int[] _upTo; // _upTo[i] = business days in [_first, _first + i]

    public BusinessDayIndex(BusinessCalendar calendar, DateOnly first, DateOnly last)
    {
        _calendar = calendar;
        _first = first;
        var length = Math.Max(0, last.DayNumber - first.DayNumber + 1);
        _upTo = new int[length];
        var count = 0;
        for (var i = 0; i < length; i++)
        {
            if (calendar.IsBusinessDay(first.AddDays(i))) count++;
            _upTo[i] = count;
        }
    }

    /// <summary>Business days in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>]; 0 when the range is empty.</summary>
    public int Count(DateOnly fromExclusive, DateOnly toInclusive)
    {
        if (toInclusive <= fromExclusive) return 0;
        var from = fromExclusive.DayNumber - _first.DayNumber;
        var to = toInclusive.DayNumber - _first.DayNumber;
        if (from < 0 || to >= _upTo.Length) return _calendar.CountBusinessDays(fromExclusive, toInclusive);
        return _upTo[to] - _upTo[from];
    }

    /// <summary>Business days of the term still to come (negative when overdue), counted as <see cref="LegalClock.DaysLeft(DateOnly, DateOnly?, DateOnly?)"/> does.</summary>
    public int DaysLeft(DateOnly dueDate, DateOnly today, DateOnly? dayZero = null) => LegalClock.DaysLeft(Count, dueDate, today, dayZero);

    /// <summary>
    /// Business days of the term used from day 0 to <paramref name="asOf"/>, leaving out paused days (a pause
    /// leaves out the days after its start up to and including its end; an open one runs through
    /// <paramref name="asOf"/>), as <see cref="LegalClock.ElapsedBusinessDays"/>.
    /// </summary>
    public int Elapsed(DateOnly dayZero, IEnumerable<ClockPause>? pauses, DateOnly asOf)
    {
        var total = Count(dayZero, asOf);
        if (pauses is null) return total;
        // Paused spans as (start, end] within (dayZero, asOf], merged so overlapping pauses are not subtracted twice.
        var spans = pauses
            .Select(p => (Start: Max(p.Start, dayZero), End: Min(p.End ?? asOf, asOf)))
            .Where(s => s.End > s.Start)
            .OrderBy(s => s.Start)
            .ToList();
        var paused = 0;
        DateOnly? start = null, end = null;
        foreach (var span in spans)
        {
            if (end is { } e && span.Start <= e)
            {
                if (span.End > e) end = span.End;
                continue;
            }
            if (start is { } s0 && end is { } e0) paused += Count(s0, e0);
            (start, end) = (span.Start, span.End);
        }
        if (start is { } s1 && end is { } e1) paused += Count(s1, e1);
        return total - paused;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
