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

    public static bool TryParseLocalDateTime(string? text, out DateTime local)
        => DateTime.TryParseExact(text?.Trim(), LocalDateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
}
