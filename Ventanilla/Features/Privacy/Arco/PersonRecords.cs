namespace Ventanilla.Features.Privacy.Arco;

/// <summary>The kinds of record that hold a person's data, as the ARCO tools find, export, rectify and cancel them.</summary>
public enum PersonRecordKind
{
    Peticion = 0,
    Visita = 1,
    Usuario = 2,
    Cita = 3,
    Encuesta = 4,
    Documento = 5,
}

/// <summary>One record by kind and id; <see cref="Token"/> is how a page's selection travels in a link (P12, V40…).</summary>
public sealed record RecordKey(PersonRecordKind Kind, int Id)
{
    private const string Letters = "PVUCED";

    public string Token => $"{Letters[(int)Kind]}{Id}";

    /// <summary>Reads «P12,V40,D7»; anything else is refused naming the part that is wrong.</summary>
    public static IReadOnlyList<RecordKey> ParseList(string? text)
    {
        var keys = new List<RecordKey>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kind = part.Length > 1 ? Letters.IndexOf(char.ToUpperInvariant(part[0])) : -1;
            if (kind < 0 || !int.TryParse(part.AsSpan(1), System.Globalization.NumberStyles.None, null, out var id) || id <= 0)
            {
                throw new RuleException($"Registros elegidos: «{TextLimits.Clip(part, 20)}» no es un registro de la búsqueda; vuelva a buscar.");
            }
            keys.Add(new RecordKey((PersonRecordKind)kind, id));
        }
        if (keys.Count == 0) throw new RuleException("Registros elegidos: marque al menos uno de la búsqueda.");
        return [.. keys.Distinct()];
    }

    public static string Label(PersonRecordKind kind) => kind switch
    {
        PersonRecordKind.Peticion => "Petición",
        PersonRecordKind.Visita => "Visita",
        PersonRecordKind.Usuario => "Usuario (catálogo)",
        PersonRecordKind.Cita => "Cita",
        PersonRecordKind.Encuesta => "Comentario de encuesta",
        PersonRecordKind.Documento => "Documento",
        _ => kind.ToString(),
    };
}

/// <summary>Who to look for: any of name (all its words, accents and case ignored), account, phone and e-mail.</summary>
public sealed record PersonQuery(string? Name = null, string? Account = null, string? Phone = null, string? Email = null);

/// <summary>
/// One record found, with the person's data it holds. <see cref="Open"/>: a petition still being answered (or a visit or
/// appointment not over), whose data cannot be cancelled yet. <see cref="Owner"/>: the petition or visit a document or
/// comment belongs to.
/// </summary>
public sealed record FoundRecord(
    RecordKey Key, DateTime? AtLocal, string Reference, string? Name, string? Account, string? Phone, string? Email, string? Address, string? Detail,
    bool Open, bool Anonymized, long Version, RecordKey? Owner = null)
{
    public string KindLabel => RecordKey.Label(Key.Kind);

    /// <summary>Whether rectifying applies: the records that hold a name and contact (not comments or documents).</summary>
    public bool Rectifiable => Key.Kind is PersonRecordKind.Peticion or PersonRecordKind.Visita or PersonRecordKind.Usuario or PersonRecordKind.Cita && !Anonymized;
}

/// <summary>
/// What a search found, and the query as it was checked and normalised (what the page searches again after a change);
/// <see cref="Truncated"/> when a kind had more than the page lists (narrow the search).
/// </summary>
public sealed record PersonFindings(IReadOnlyList<FoundRecord> Records, bool Truncated, PersonQuery Query);

/// <summary>A correction of a record's data (ARCO rectification): null leaves a field as it is, empty text clears it.</summary>
public sealed record Rectification(string? Name = null, string? Phone = null, string? Email = null, string? Address = null, string? Account = null);
