using System.Collections.Concurrent;
using PublicHoliday;

namespace Ventanilla.Features.Deadlines;

public enum DayKind
{
    Business = 0,
    Weekend = 1,
    /// <summary>A mandatory rest day of the Ley Federal del Trabajo, art. 74.</summary>
    Federal = 2,
    /// <summary>One of the organismo's own non-working days (state holiday, vacation period).</summary>
    Organismo = 3,
}

public sealed record DayInfo(DateOnly Date, DayKind Kind, string? Description)
{
    public bool IsBusinessDay => Kind == DayKind.Business;
}

/// <summary>An organismo non-working day or range, as the calendar needs it.</summary>
public sealed record OrganismoDay(DateOnly Start, DateOnly End, string Description);

/// <summary>
/// Which days are business days: not a weekend, not a federal rest day (from the PublicHoliday package's
/// Mexico calendar, which follows the 2024 reform), not one of the organismo's days. Immutable and held in
/// memory, so asking never touches the database; a calendar change builds a new instance.
/// </summary>
public sealed class BusinessCalendar
{
    private static readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, string>> FederalByYear = new();
    private static readonly MexicoPublicHoliday Mexico = new();

    private readonly Dictionary<DateOnly, string> _organismo = [];

    public BusinessCalendar(IEnumerable<OrganismoDay> organismoDays)
    {
        foreach (var range in organismoDays)
        {
            for (var d = range.Start; d <= range.End; d = d.AddDays(1))
            {
                _organismo.TryAdd(d, range.Description);
            }
        }
    }

    public static BusinessCalendar FederalOnly { get; } = new([]);

    public DayInfo Describe(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return new DayInfo(date, DayKind.Weekend, date.DayOfWeek == DayOfWeek.Saturday ? "Sábado" : "Domingo");
        }
        if (Federal(date.Year).TryGetValue(date, out var federal))
        {
            return new DayInfo(date, DayKind.Federal, federal);
        }
        if (_organismo.TryGetValue(date, out var own))
        {
            return new DayInfo(date, DayKind.Organismo, own);
        }
        return new DayInfo(date, DayKind.Business, null);
    }

    public bool IsBusinessDay(DateOnly date) => Describe(date).IsBusinessDay;

    /// <summary>The first business day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextBusinessDay(DateOnly date)
    {
        var d = date.AddDays(1);
        while (!IsBusinessDay(d)) d = d.AddDays(1);
        return d;
    }

    /// <summary>The <paramref name="days"/>-th business day after <paramref name="start"/> (start itself not counted).</summary>
    public DateOnly AddBusinessDays(DateOnly start, int days)
    {
        var d = start;
        for (var counted = 0; counted < days;)
        {
            d = d.AddDays(1);
            if (IsBusinessDay(d)) counted++;
        }
        return d;
    }

    /// <summary>Business days in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>]; 0 when the range is empty.</summary>
    public int CountBusinessDays(DateOnly fromExclusive, DateOnly toInclusive)
    {
        var count = 0;
        for (var d = fromExclusive.AddDays(1); d <= toInclusive; d = d.AddDays(1))
        {
            if (IsBusinessDay(d)) count++;
        }
        return count;
    }

    /// <summary>The federal rest days of a year that fall on weekdays or weekends, with their Spanish names.</summary>
    public static IReadOnlyDictionary<DateOnly, string> Federal(int year) => FederalByYear.GetOrAdd(year, static y =>
    {
        var days = new Dictionary<DateOnly, string>();
        foreach (var (date, name) in Mexico.PublicHolidayNames(y))
        {
            // PublicHolidayNames lists Oct 1 every year, but the package's own IsPublicHoliday answers
            // right (only 2024, 2030, … after the 2024 reform): each listed date is confirmed with it.
            if (Mexico.IsPublicHoliday(date))
            {
                days[DateOnly.FromDateTime(date)] = SpanishName(name);
            }
        }
        return days;
    });

    public IReadOnlyDictionary<DateOnly, string> OrganismoDays => _organismo;

    // The package's names mix English and misspelt Spanish; the office reads proper Spanish.
    private static string SpanishName(string name) => name switch
    {
        _ when name.StartsWith("Natal", StringComparison.OrdinalIgnoreCase) => "Natalicio de Benito Juárez",
        _ when name.Contains("laboral", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Labo", StringComparison.OrdinalIgnoreCase) => "Día del Trabajo",
        _ when name.Contains("Revoluci", StringComparison.OrdinalIgnoreCase) => "Día de la Revolución",
        _ when name.Contains("Inauguration", StringComparison.OrdinalIgnoreCase) => "Transmisión del Poder Ejecutivo Federal",
        _ => name,
    };
}
