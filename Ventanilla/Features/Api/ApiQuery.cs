using System.Globalization;

namespace Ventanilla.Features.Api;

/// <summary>
/// The query string's values, read as text and checked here, so a wrong one is a Spanish problem naming the parameter
/// (the framework's own binding would answer a bare 400 in English).
/// </summary>
public static class ApiQuery
{
    public static int? Int(string? text, string name, int min = int.MinValue, int max = int.MaxValue)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new RuleException($"Parámetro «{name}»: «{text}» no es un número entero{(min > int.MinValue ? $" entre {min} y {max}" : "")}.");
        }
        return value;
    }

    public static DateOnly? Date(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : throw new RuleException($"Parámetro «{name}»: «{text}» no es una fecha aaaa-mm-dd.");
    }

    public static bool Bool(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        return text.ToLowerInvariant() switch
        {
            "true" or "1" or "si" or "sí" => true,
            "false" or "0" or "no" => false,
            _ => throw new RuleException($"Parámetro «{name}»: «{text}» no es true ni false."),
        };
    }

    public static T? Enum<T>(string? text, string name) where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value : throw new RuleException($"Parámetro «{name}»: «{text}» no es uno de {string.Join(", ", System.Enum.GetNames<T>())}.");
    }
}
