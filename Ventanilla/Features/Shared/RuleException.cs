namespace Ventanilla.Features.Shared;

/// <summary>
/// A rule of the office was broken by the input or the current state. The message is Spanish and
/// names what is wrong and where; the UI and the CLI show it as is.
/// </summary>
public sealed class RuleException(string message, Exception? inner = null, RuleKind kind = RuleKind.Invalid) : Exception(message, inner)
{
    public RuleException(string message, RuleKind kind) : this(message, null, kind)
    {
    }

    /// <summary>What kind of refusal it is: other systems read it as the ProblemDetails' status and stable code (<see cref="Problems"/>).</summary>
    public RuleKind Kind { get; } = kind;

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

/// <summary>The kinds of refusal a service gives; each has its HTTP status and stable code in <see cref="Problems"/>.</summary>
public enum RuleKind
{
    /// <summary>What was asked breaks a rule or a field is wrong (400, «regla-incumplida»).</summary>
    Invalid,
    /// <summary>What was asked for does not exist, or not for this person (404, «no-encontrado»).</summary>
    NotFound,
    /// <summary>This person's role may not do it (403, «sin-permiso»).</summary>
    Forbidden,
    /// <summary>Someone else changed it first (409, «cambio-simultaneo»).</summary>
    Conflict,
    /// <summary>A request body that is not the JSON asked for: malformed, wrong types, unknown fields (400, «json-invalido»).</summary>
    Malformed,
    /// <summary>A request body over its limit (413, «demasiado-grande»).</summary>
    TooLarge,
}
