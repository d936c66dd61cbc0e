using System.Globalization;
using System.Text;

namespace Ventanilla.Features.Shared;

/// <summary>Compares names the way the office types them: ignoring case, accents, spaces and punctuation.</summary>
public static class TextFold
{
    /// <summary>Lower-case, accents removed, surrounding spaces trimmed, inner runs of spaces collapsed.</summary>
    public static string Fold(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var decomposed = value.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            sb.Append(char.ToLowerInvariant(c));
            lastWasSpace = false;
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Like <see cref="Fold"/> but keeping only letters and digits ("No. de Folio" → "nodefolio").</summary>
    public static string Key(string? value)
    {
        var folded = Fold(value);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c)) sb.Append(c);
        }
        return sb.ToString();
    }
}
