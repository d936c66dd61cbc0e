namespace Ventanilla.Features.Shared;

public static class TextLimits
{
    /// <summary>
    /// Text cut to fit a column of <paramref name="max"/> characters, ending in «…» when cut: for records written from
    /// what the app already holds (a log line, a setting's old value), where refusing would lose the record.
    /// </summary>
    public static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
