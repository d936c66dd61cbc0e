using System.Globalization;

namespace Ventanilla.Features.Deadlines;

/// <summary>A row of an organismo-days CSV with the line it came from.</summary>
public sealed record OrganismoDayRow(int Line, DateOnly Start, DateOnly End, string Description);

/// <summary>
/// The CSV formats of the organismo's non-working days. The page exports <c>Fecha,FechaFin,Descripcion</c>
/// (ranges kept as ranges); the CLI exports <c>Fecha,Tipo,Descripcion</c> (every day, federal ones too).
/// Both are read back: <c>FechaFin</c> and <c>Tipo</c> are optional and rows of <c>Tipo</c> Federal are not
/// the organismo's, so they are left out.
/// </summary>
public static class OrganismoDaysCsv
{
    public static readonly string[] RangeHeader = ["Fecha", "FechaFin", "Descripcion"];
    public static readonly string[] CalendarHeader = ["Fecha", "Tipo", "Descripcion"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>Parses and validates the whole file; every problem is reported at once, by line.</summary>
    public static IReadOnlyList<OrganismoDayRow> Parse(byte[] content)
    {
        var records = CsvFiles.Read(CsvFiles.DecodeUtf8(content));
        if (records.Count == 0) throw new RuleException("El archivo está vacío: se esperaba el encabezado Fecha,FechaFin,Descripcion.");

        var columns = MapHeader(records[0]);
        var errors = new List<string>();
        var rows = new List<OrganismoDayRow>();
        foreach (var record in records.Skip(1))
        {
            string Cell(string name) => columns.TryGetValue(name, out var i) && i < record.Fields.Length ? record.Fields[i] : "";
            var line = record.Line;
            var rowErrors = errors.Count;

            var type = TextFold.Key(Cell("tipo"));
            if (type is not ("" or "organismo" or "federal"))
            {
                errors.Add($"Línea {line}, Tipo: «{Cell("tipo")}» no es válido; use Organismo o Federal.");
            }
            if (type == "federal") continue; // federal days come from the law, not from the file

            var start = ParseDate(Cell("fecha"), line, "Fecha", errors, required: true);
            var end = ParseDate(Cell("fechafin"), line, "FechaFin", errors, required: false) ?? start;
            var description = Cell("descripcion");
            if (description.Length == 0) errors.Add($"Línea {line}, Descripcion: es obligatoria.");
            else if (description.Length > CalendarService.MaxDescriptionLength)
            {
                errors.Add($"Línea {line}, Descripcion: admite a lo más {CalendarService.MaxDescriptionLength} caracteres.");
            }
            if (start is { } s && end is { } e && e < s)
            {
                errors.Add($"Línea {line}, FechaFin: {e:dd/MM/yyyy} es anterior a Fecha {s:dd/MM/yyyy}.");
            }
            if (errors.Count == rowErrors) rows.Add(new OrganismoDayRow(line, start!.Value, end!.Value, description));
        }

        // The same day twice in one file is a mistake in the file, not something to merge silently.
        var sorted = rows.OrderBy(r => r.Start).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            var (previous, current) = (sorted[i - 1], sorted[i]);
            if (current.Start <= previous.End)
            {
                errors.Add($"Línea {Math.Max(previous.Line, current.Line)}: el {current.Start:dd/MM/yyyy} ya está en la línea {Math.Min(previous.Line, current.Line)} (día repetido).");
            }
        }
        if (errors.Count > 0)
        {
            throw new RuleException("No se importó nada; corrija el archivo:\n" + string.Join('\n', errors.Take(50))
                + (errors.Count > 50 ? $"\n… y {errors.Count - 50} errores más." : ""));
        }
        return rows;
    }

    private static Dictionary<string, int> MapHeader(CsvRecord header)
    {
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < header.Fields.Length; i++)
        {
            var key = TextFold.Key(header.Fields[i]);
            if (key is not ("fecha" or "fechafin" or "tipo" or "descripcion"))
            {
                throw new RuleException(
                    $"Línea {header.Line}: la columna «{header.Fields[i]}» no se reconoce. El encabezado debe ser Fecha,FechaFin,Descripcion " +
                    "(FechaFin es opcional) o Fecha,Tipo,Descripcion.");
            }
            if (!columns.TryAdd(key, i)) throw new RuleException($"Línea {header.Line}: la columna «{header.Fields[i]}» está repetida.");
        }
        if (!columns.ContainsKey("fecha") || !columns.ContainsKey("descripcion"))
        {
            throw new RuleException($"Línea {header.Line}: faltan columnas; el encabezado debe ser Fecha,FechaFin,Descripcion (FechaFin es opcional).");
        }
        return columns;
    }

    private static DateOnly? ParseDate(string text, int line, string field, List<string> errors, bool required)
    {
        if (text.Length == 0)
        {
            if (required) errors.Add($"Línea {line}, {field}: es obligatoria.");
            return null;
        }
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add($"Línea {line}, {field}: «{text}» no es una fecha válida (use aaaa-mm-dd o dd/mm/aaaa, por ejemplo 2026-12-07 o 07/12/2026).");
        return null;
    }

    public static string?[] RangeRow(DateOnly start, DateOnly end, string description)
        => [start.ToString("yyyy-MM-dd"), end == start ? "" : end.ToString("yyyy-MM-dd"), description];

    public static string?[] CalendarRow(DayInfo day)
        => [day.Date.ToString("yyyy-MM-dd"), day.Kind == DayKind.Federal ? "Federal" : "Organismo", day.Description];
}
