namespace Ventanilla.Features.Shared;

/// <summary>
/// The columns of an office's CSV matched to fields by the field's own name or any of its aliases, ignoring case,
/// accents, punctuation and spaces (<see cref="TextFold.Key"/>): "No. de Folio", "NÚMERO DE FOLIO" and
/// "numero_de_folio" are the same header. One table per kind of file (the legacy petitions, the padrón).
/// </summary>
public sealed class HeaderAliases<TField> where TField : struct, Enum
{
    private readonly Dictionary<string, TField> _byKey = [];

    public HeaderAliases(IReadOnlyDictionary<TField, string[]> aliases)
    {
        foreach (var field in Enum.GetValues<TField>())
        {
            _byKey[TextFold.Key(field.ToString())] = field;
            foreach (var alias in aliases.GetValueOrDefault(field) ?? []) _byKey[TextFold.Key(alias)] = field;
        }
    }

    /// <summary>The field a header names, or null when it is none of them.</summary>
    public TField? Match(string? header) => _byKey.TryGetValue(TextFold.Key(header), out var field) ? field : null;
}
