using System.Globalization;

namespace Ventanilla.Features.Shared;

/// <summary>
/// Values of the browser's date and time inputs. A <c>datetime-local</c> input reports "yyyy-MM-ddTHH:mm", or
/// with seconds (and fractions) once its value was set by script or the seconds were touched, so both are read.
/// </summary>
public static class HtmlInputs
{
    private static readonly string[] LocalDateTimeFormats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFF"];

    /// <summary>The value a <c>datetime-local</c> input shows for a local time.</summary>
    public static string LocalDateTime(DateTime local) => local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A date as a date input or an address sends it (aaaa-mm-dd); empty: <paramref name="fallback"/>. Anything else is
    /// refused in Spanish naming <paramref name="field"/>, before anything is read.
    /// </summary>
    public static DateOnly? Date(string? text, string field, DateOnly? fallback = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new RuleException($"{field}: «{text}» no es una fecha válida; use aaaa-mm-dd (por ejemplo 2026-11-27).");
    }

    /// <summary>The same, with a date when the field is empty.</summary>
    public static DateOnly Date(string? text, string field, DateOnly fallback) => Date(text, field, (DateOnly?)fallback)!.Value;

    public static bool TryParseLocalDateTime(string? text, out DateTime local)
        => DateTime.TryParseExact(text?.Trim(), LocalDateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
}
