namespace Ventanilla.Features.Shared;

/// <summary>
/// A rule of the office was broken by the input or the current state. The message is Spanish and
/// names what is wrong and where; the UI and the CLI show it as is.
/// </summary>
public sealed class RuleException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>One refusal naming every problem found (one per line), so the person fixes them all in one go.</summary>
    public static void ThrowIfAny(IReadOnlyCollection<string> errors)
    {
        if (errors.Count > 0) throw new RuleException(string.Join('\n', errors));
    }

    /// <summary>The message for text over a field's limit, said the same for every field: its limit and what it has.</summary>
    public static string TooLong(string field, int max, int length) => $"{field}: admite a lo más {max:N0} caracteres (tiene {length:N0}).";

    /// <summary>Adds <see cref="TooLong"/> when <paramref name="value"/> (trimmed) is over <paramref name="max"/>.</summary>
    public static void CheckLength(string? value, string field, int max, List<string> errors)
    {
        if (value?.Trim() is { Length: var length } && length > max) errors.Add(TooLong(field, max, length));
    }
}
