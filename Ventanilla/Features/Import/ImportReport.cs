using System.Text;

namespace Ventanilla.Features.Import;

/// <summary>
/// What an import found and did, in the office's words: the same text on the CLI, on the page and in the
/// import history.
/// </summary>
public sealed record ImportReport(
    string FileName, string Encoding, string Delimiter, IReadOnlyList<ImportColumn> Columns, int RowsRead, int ToAdd,
    IReadOnlyList<ImportProblem> AlreadyPresent, IReadOnlyList<ImportProblem> Conflicts, IReadOnlyList<ImportProblem> Repeated,
    IReadOnlyList<ImportProblem> Errors, IReadOnlyList<string> NewAreas, IReadOnlyList<string> NewTypes,
    IReadOnlyList<IReadOnlyDictionary<ImportField, string>> Preview, bool Written)
{
    /// <summary>Problems with the file as a whole (a required column missing, no header), before any row.</summary>
    public IReadOnlyList<string> FileErrors { get; init; } = [];

    public bool IsValid => FileErrors.Count == 0 && Errors.Count == 0;

    public int ErrorCount => FileErrors.Count + Errors.Count;

    public IEnumerable<ImportColumn> Unrecognised => Columns.Where(c => c.Field is null);

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine($"Archivo: {FileName} ({Encoding}, separado por {Delimiter})");
        foreach (var column in Columns)
        {
            var meaning = column.Field is { } f ? ImportColumns.IsDerived(f) ? $"{ImportColumns.Label(f)} (se calcula de nuevo)" : ImportColumns.Label(f) : "no reconocida, se ignora";
            text.AppendLine($"  columna «{column.Header}» → {meaning}");
        }
        foreach (var error in FileErrors) text.AppendLine($"Error: {error}");
        text.AppendLine($"Filas leídas: {RowsRead:N0}");
        text.AppendLine($"{(Written ? "Peticiones importadas" : "Peticiones por importar")}: {ToAdd:N0}");
        if (AlreadyPresent.Count > 0) text.AppendLine($"Ya estaban en Ventanilla (se omiten): {AlreadyPresent.Count}");
        foreach (var conflict in Conflicts) text.AppendLine($"Conflicto, no se sobrescribe: {conflict}");
        foreach (var repeated in Repeated) text.AppendLine($"Repetida en el archivo (se omite): {repeated}");
        if (NewAreas.Count > 0) text.AppendLine($"Áreas nuevas que se {(Written ? "crearon" : "crearán")}: {string.Join(", ", NewAreas)}");
        if (NewTypes.Count > 0) text.AppendLine($"Tipos de petición nuevos que se {(Written ? "crearon" : "crearán")}: {string.Join(", ", NewTypes)}");
        if (Errors.Count > 0)
        {
            text.AppendLine($"Errores ({Errors.Count}); no se importó nada:");
            foreach (var error in Errors) text.AppendLine($"  {error}");
        }
        else if (FileErrors.Count > 0)
        {
            text.AppendLine("No se importó nada.");
        }
        else
        {
            text.AppendLine(Written ? "Importación terminada." : "El archivo es válido; no se ha escrito nada.");
        }
        return text.ToString();
    }
}
