namespace Ventanilla.Features.Shared;

/// <summary>
/// The office's local time (America/Mexico_City unless configured otherwise) from the injected
/// <see cref="TimeProvider"/>; the only place that converts instants to the office's dates.
/// </summary>
public sealed class OfficeClock(TimeProvider time, SettingsService settings)
{
    public TimeZoneInfo Zone => FindZone(settings.Current.TimeZoneId);

    public DateTimeOffset Now() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);

    public DateOnly Today() => DateOnly.FromDateTime(Now().DateTime);

    public DateTime UtcNow() => time.GetUtcNow().UtcDateTime;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>
    /// The instants (UTC) bounding a period of office days, as lists filter «desde / hasta»: the first day's midnight and
    /// the midnight after the last day; null where the period is open.
    /// </summary>
    public (DateTime? FromUtc, DateTime? BeforeUtc) DaysUtc(DateOnly? from, DateOnly? to)
        => (from is { } f ? ToUtc(f.ToDateTime(TimeOnly.MinValue)) : null, to is { } t ? ToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null);

    /// <summary>A local wall-clock time of the office as a UTC instant.</summary>
    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    public static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            // Mexico City has had no daylight saving time since 2022: UTC-6 all year is right when tzdata is missing.
            return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(-6), id, id);
        }
    }
}
