namespace Ventanilla.Features.Deadlines;

public enum TrafficLight
{
    Verde = 0,
    Amarillo = 1,
    Rojo = 2,
    Pausada = 3,
}

/// <summary>The terms and thresholds the clock needs (from the office's settings).</summary>
public sealed record ClockTerms(
    int ResponseTermDays = AppSettings.DefaultResponseTermDays,
    int OwnershipProofTermDays = AppSettings.DefaultOwnershipProofTermDays,
    int YellowThresholdDays = AppSettings.DefaultYellowThresholdDays,
    TimeOnly OfficeOpens = default,
    TimeOnly OfficeCloses = default)
{
    public TimeOnly Opens => OfficeOpens == default ? AppSettings.DefaultOpens : OfficeOpens;
    public TimeOnly Closes => OfficeCloses == default ? AppSettings.DefaultCloses : OfficeCloses;
}

/// <summary>
/// A period while the petition waits on the petitioner: business days in (<see cref="Start"/>, <see cref="End"/>]
/// do not count. The day the requirement is delivered still counts; the day the petitioner answers does not.
/// An open pause (<see cref="End"/> null) runs through today, so the due date shown while paused is the one
/// the petition would have if it resumed tomorrow.
/// </summary>
public sealed record ClockPause(DateOnly Start, DateOnly? End);

/// <summary>
/// Where the lights change on a given day, as due dates: a running petition due before <see cref="Today"/> is red,
/// due before <see cref="GreenFrom"/> (the business day after the yellow threshold) yellow, else green. Queries compare
/// due dates with these two dates (<see cref="PetitionDeadlines.HasLight"/>); nothing else decides a light.
/// </summary>
public sealed record LightBounds(DateOnly Today, DateOnly GreenFrom);

/// <summary>Why a day was or was not counted, for the "¿cuándo vence?" calculator and <c>deadline --explain</c>.</summary>
public sealed record CountedDay(DateOnly Date, bool Counted, int Number, string Reason);

/// <summary>
/// The legal clock of DESIGN.md §4: the only code that computes days 0, due dates, days left and lights.
/// Pure: it takes a calendar, the terms, the office's time zone and a <see cref="TimeProvider"/>.
/// </summary>
public sealed class LegalClock(BusinessCalendar calendar, ClockTerms terms, TimeZoneInfo zone, TimeProvider time)
{
    public BusinessCalendar Calendar => calendar;
    public ClockTerms Terms => terms;

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    /// <summary>Day 0: the reception date, or the next business day when received after closing time or on a non-business day.</summary>
    public DateOnly DayZero(DateTime receivedLocal)
    {
        var date = DateOnly.FromDateTime(receivedLocal);
        var afterHours = TimeOnly.FromDateTime(receivedLocal) >= terms.Closes;
        return calendar.IsBusinessDay(date) && !afterHours ? date : calendar.NextBusinessDay(date);
    }

    /// <summary>Day 0 of a petition received at a UTC instant.</summary>
    public DateOnly DayZeroOf(DateTime receivedUtc)
        => DayZero(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(receivedUtc, DateTimeKind.Utc), zone));

    /// <summary>The due date: the <paramref name="termDays"/>-th counted business day after day 0, skipping paused days.</summary>
    public DateOnly DueDate(DateOnly dayZero, int? termDays = null, IReadOnlyCollection<ClockPause>? pauses = null)
        => pauses is null or { Count: 0 } && (termDays ?? terms.ResponseTermDays) > 0
            // Without pauses every business day after day 0 counts: the calendar answers without listing the days
            // (an import computes this for every one of years of petitions).
            ? calendar.AddBusinessDays(dayZero, termDays ?? terms.ResponseTermDays)
            : CountedDays(dayZero, termDays ?? terms.ResponseTermDays, pauses).Last(d => d.Counted).Date;

    /// <summary>The due date of the ownership proof: counted from the business day after the requirement was delivered.</summary>
    public DateOnly ProofDueDate(DateOnly requirementDelivered) => calendar.AddBusinessDays(requirementDelivered, terms.OwnershipProofTermDays);

    /// <summary>Every day from day 0 to the due date with whether it counted and why not.</summary>
    public IReadOnlyList<CountedDay> CountedDays(DateOnly dayZero, int termDays, IReadOnlyCollection<ClockPause>? pauses = null)
    {
        if (termDays <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(termDays), termDays, "El plazo debe ser de al menos 1 día hábil.");
        }
        var today = Today();
        var days = new List<CountedDay>();
        var counted = 0;
        for (var d = dayZero.AddDays(1); counted < termDays; d = d.AddDays(1))
        {
            var info = calendar.Describe(d);
            if (!info.IsBusinessDay)
            {
                days.Add(new CountedDay(d, false, counted, Reason(info)));
            }
            else if (IsPaused(d, pauses, today))
            {
                days.Add(new CountedDay(d, false, counted, "En pausa: esperando al usuario"));
            }
            else
            {
                counted++;
                days.Add(new CountedDay(d, true, counted, $"Día hábil {counted}"));
            }
        }
        return days;
    }

    /// <summary>
    /// Business days of the term still to come: after today up to and including the due date (due today = 0; overdue is
    /// negative). Before the term has started (received on a Saturday or after hours: today is before day 0) they count
    /// after day 0, as the term does, so a new petition never shows more days than its term.
    /// </summary>
    public int DaysLeft(DateOnly dueDate, DateOnly? today = null, DateOnly? dayZero = null)
        => DaysLeft(calendar.CountBusinessDays, dueDate, today ?? Today(), dayZero);

    /// <summary>The one way of counting days left, for the clock and for <see cref="BusinessDayIndex"/> (its own, faster counter).</summary>
    internal static int DaysLeft(Func<DateOnly, DateOnly, int> countBusinessDays, DateOnly dueDate, DateOnly today, DateOnly? dayZero)
    {
        var from = dayZero is { } zero && zero > today ? zero : today;
        return dueDate >= from ? countBusinessDays(from, dueDate) : -countBusinessDays(dueDate, from);
    }

    /// <summary>Business days that counted from day 0 to today, leaving out paused days.</summary>
    public int ElapsedBusinessDays(DateOnly dayZero, IReadOnlyCollection<ClockPause>? pauses = null, DateOnly? today = null)
    {
        var t = today ?? Today();
        var count = 0;
        for (var d = dayZero.AddDays(1); d <= t; d = d.AddDays(1))
        {
            if (calendar.IsBusinessDay(d) && !IsPaused(d, pauses, t)) count++;
        }
        return count;
    }

    /// <summary>The light of an open petition; paused while waiting on the petitioner.</summary>
    public TrafficLight Light(DateOnly dueDate, bool paused, DateOnly? today = null) => LightOf(dueDate, paused, Bounds(today));

    /// <summary>
    /// The two dates where the lights change today. Yellow is "at most <c>YellowThresholdDays</c> business days left",
    /// that is, due before the (threshold + 1)-th business day after today (a due date on a non-business day included).
    /// </summary>
    public LightBounds Bounds(DateOnly? today = null)
    {
        var t = today ?? Today();
        return new LightBounds(t, calendar.AddBusinessDays(t, terms.YellowThresholdDays + 1));
    }

    public static TrafficLight LightOf(DateOnly dueDate, bool paused, LightBounds bounds)
        => paused ? TrafficLight.Pausada
            : dueDate < bounds.Today ? TrafficLight.Rojo
            : dueDate < bounds.GreenFrom ? TrafficLight.Amarillo
            : TrafficLight.Verde;

    /// <summary>Delivered on or before the due date is on time.</summary>
    public static bool IsOnTime(DateOnly delivered, DateOnly dueDate) => delivered <= dueDate;

    private static bool IsPaused(DateOnly day, IReadOnlyCollection<ClockPause>? pauses, DateOnly today)
        => pauses is not null && pauses.Any(p => day > p.Start && day <= (p.End ?? (today > p.Start ? today : p.Start)));

    public static string Reason(DayInfo info) => info.Kind switch
    {
        DayKind.Weekend => $"Fin de semana ({info.Description})",
        DayKind.Federal => $"Descanso obligatorio: {info.Description}",
        DayKind.Organismo => $"Día inhábil del organismo: {info.Description}",
        _ => "Día hábil",
    };
}
