using System.Globalization;

namespace Ventanilla.Features.Reception;

/// <summary>
/// The text colour that reads on a category's colour, whichever colour the administrator picks: black or white,
/// whichever contrasts more (WCAG relative luminance). One of the two always reaches 4.58:1, more than AA asks.
/// </summary>
public static class CategoryColors
{
    public const string Black = "#000000";
    public const string White = "#ffffff";

    public static string TextOn(string? hex)
    {
        if (hex is not { Length: 7 } || hex[0] != '#' || !int.TryParse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            return White;
        }
        var luminance = Luminance(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
        // Contrast with white is 1.05 / (L + 0.05); with black, (L + 0.05) / 0.05.
        return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? White : Black;
    }

    /// <summary>The style of an element painted in the category's colour: <c>--category-color</c> and <c>--category-text</c>.</summary>
    public static string Style(string? hex) => $"--category-color: {hex}; --category-text: {TextOn(hex)}";

    private static double Luminance(int r, int g, int b)
    {
        static double Channel(int v)
        {
            var c = v / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Channel(r) + 0.7152 * Channel(g) + 0.0722 * Channel(b);
    }
}
