using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Import;

/// <summary>One row of a legacy file as a petition, every value read and checked.</summary>
public sealed record LegacyRow(
    int Line, string Folio, string? OficialiaFolio, DateOnly ReceivedDate, TimeOnly? ReceivedTime, PetitionChannel Channel,
    string Petitioner, bool IsThirdParty, string? AccountNumber, string? CadastralKey, string? Phone, string? Address,
    string Type, string Subject, IReadOnlyList<string> Areas, PetitionStatus Status, DateOnly? DueDate, DateOnly? ProofDueDate,
    DateOnly? ResponseDate, DateOnly? ClosedDate, bool? OnTime, string? Notes);

/// <summary>A problem in a row of the file: its physical line, its folio when it has one, and why.</summary>
public sealed record ImportProblem(int Line, string? Folio, string Reason)
{
    public override string ToString() => $"Línea {Line}{(Folio is null ? "" : $" (folio {Folio})")}: {Reason}";
}

/// <summary>A header of the file and the field it was matched to (null: not recognised, or ignored on purpose).</summary>
public sealed record ImportColumn(int Index, string Header, ImportField? Field);

/// <summary>Turns a record into a <see cref="LegacyRow"/> with the file's column mapping, or says what is wrong with it.</summary>
public sealed class LegacyRowReader(IReadOnlyList<ImportColumn> columns, DateOnly today, string folioPrefix)
{
    /// <summary>Type given to rows whose file has no type column or an empty type.</summary>
    public const string UntypedName = "Sin tipo (importada)";

    private readonly Dictionary<ImportField, int> _index = columns.Where(c => c.Field is not null).GroupBy(c => c.Field!.Value)
        .ToDictionary(g => g.Key, g => g.First().Index);
    private readonly int _width = columns.Count;

    // A file of years repeats the same few words (statuses, yes/no, channels) in every row: each is read once.
    private readonly Dictionary<string, bool?> _yesNo = [];
    private readonly Dictionary<string, PetitionChannel?> _channels = [];
    private readonly Dictionary<(string, bool), PetitionStatus?> _statuses = [];

    private static TValue Memo<TKey, TValue>(Dictionary<TKey, TValue> memo, TKey key, Func<TKey, TValue> read) where TKey : notnull
    {
        if (!memo.TryGetValue(key, out var value)) memo[key] = value = read(key);
        return value;
    }

    /// <summary>The row's values by field, as written (for the preview and for telling repeated rows apart).</summary>
    public IReadOnlyDictionary<ImportField, string> Values(LegacyRecord record)
        => _index.ToDictionary(p => p.Key, p => Cell(record, p.Value));

    public (LegacyRow? Row, List<ImportProblem> Problems) Read(LegacyRecord record)
    {
        var problems = new List<ImportProblem>();
        var rawFolio = Get(record, ImportField.Folio);
        var folio = rawFolio.Length == 0 ? null : Folios.Normalize(rawFolio, folioPrefix) ?? rawFolio.ToUpperInvariant();
        void Problem(string reason) => problems.Add(new ImportProblem(record.Line, folio, reason));

        if (record.Fields.Length > _width)
        {
            Problem($"tiene {record.Fields.Length} columnas y el encabezado {_width} (¿un delimitador de más o comillas sin cerrar?).");
        }
        if (record.Problem is { } broken) Problem(broken);
        if (folio is null) Problem($"{ImportColumns.Label(ImportField.Folio)}: está vacío (es obligatorio).");
        foreach (var (field, index) in _index)
        {
            if (ImportColumns.MaxLength(field) is { } max && Cell(record, index) is { Length: var length } && length > max)
            {
                Problem($"{ImportColumns.Label(field)}: tiene {length:N0} caracteres; admite a lo más {max:N0}, como en el formulario.");
            }
        }

        var petitioner = Get(record, ImportField.Solicitante);
        if (petitioner.Length == 0) Problem($"{ImportColumns.Label(ImportField.Solicitante)}: está vacío (es obligatorio).");

        DateOnly received = default;
        TimeOnly? receivedTime = null;
        var receivedText = Get(record, ImportField.FechaRecepcion);
        if (receivedText.Length == 0) Problem($"{ImportColumns.Label(ImportField.FechaRecepcion)}: está vacía (es obligatoria).");
        else if (!LegacyValues.TryDate(receivedText, out received, out receivedTime)) Problem(DateProblem(ImportColumns.Label(ImportField.FechaRecepcion), receivedText));
        else if (received > today) Problem($"{ImportColumns.Label(ImportField.FechaRecepcion)}: {received:dd/MM/yyyy} es posterior a hoy.");

        DateOnly? OptionalDate(ImportField field)
        {
            var text = Get(record, field);
            if (text.Length == 0) return null;
            if (LegacyValues.TryDate(text, out var date, out _)) return date;
            Problem(DateProblem(ImportColumns.Label(field), text));
            return null;
        }
        var response = OptionalDate(ImportField.FechaRespuesta);
        var closed = OptionalDate(ImportField.FechaCierre);
        var due = OptionalDate(ImportField.FechaLimite);
        var proofDue = OptionalDate(ImportField.FechaLimiteAcreditacion);
        if (receivedText.Length > 0 && response < received) Problem($"{ImportColumns.Label(ImportField.FechaRespuesta)}: {response:dd/MM/yyyy} es anterior a la recepción ({received:dd/MM/yyyy}).");
        if (receivedText.Length > 0 && closed < received) Problem($"{ImportColumns.Label(ImportField.FechaCierre)}: {closed:dd/MM/yyyy} es anterior a la recepción ({received:dd/MM/yyyy}).");

        var thirdPartyText = Get(record, ImportField.EsTercero);
        var thirdParty = Memo(_yesNo, thirdPartyText, LegacyValues.YesNo);
        if (thirdParty is null) Problem($"{ImportColumns.Label(ImportField.EsTercero)}: «{thirdPartyText}» no es sí ni no (use Sí/No, S/N, X o vacío).");
        var onTimeText = Get(record, ImportField.ATiempo);
        bool? onTime = onTimeText.Length == 0 ? null : Memo(_yesNo, onTimeText, LegacyValues.YesNo);
        if (onTimeText.Length > 0 && onTime is null) Problem($"{ImportColumns.Label(ImportField.ATiempo)}: «{onTimeText}» no es sí ni no.");

        var channelText = Get(record, ImportField.Canal);
        var channel = Memo(_channels, channelText, LegacyValues.Channel);
        if (channel is null) Problem($"{ImportColumns.Label(ImportField.Canal)}: «{channelText}» no es Presencial, Escrito ni En línea.");

        var areas = LegacyValues.Areas(Get(record, ImportField.AreasTurnadas));
        foreach (var area in areas.Where(a => a.Length > PetitionLimits.AreaName))
        {
            Problem($"{ImportColumns.Label(ImportField.AreasTurnadas)}: «{area[..40]}…» tiene {area.Length:N0} caracteres; un área admite a lo más {PetitionLimits.AreaName:N0}.");
        }
        var statusText = Get(record, ImportField.Estatus);
        var status = Memo(_statuses, (statusText, areas.Count > 0), k => LegacyValues.Status(k.Item1, k.Item2));
        // An empty status with a closing date is a closed petition whose spreadsheet never got the word.
        if (statusText.Length == 0 && closed is not null) status = PetitionStatus.Cerrada;
        if (status is null) Problem($"{ImportColumns.Label(ImportField.Estatus)}: «{statusText}» no es un estatus conocido (por ejemplo: En trámite, Turnado, Concluido, Cerrado, Cancelado, Sin acreditación).");

        if (problems.Count > 0) return (null, problems);
        var type = Get(record, ImportField.TipoPeticion);
        return (new LegacyRow(
            record.Line, folio!, Optional(record, ImportField.FolioOficialia), received, receivedTime, channel!.Value, petitioner, thirdParty!.Value,
            Optional(record, ImportField.NumeroCuenta), Optional(record, ImportField.ClaveCatastral), Optional(record, ImportField.Telefono),
            Optional(record, ImportField.Domicilio), type.Length == 0 ? UntypedName : type, Get(record, ImportField.Asunto), areas, status!.Value,
            due, proofDue, response, closed, onTime, Optional(record, ImportField.Observaciones)), problems);
    }

    private static string DateProblem(string field, string text)
        => $"{field}: «{text}» no es una fecha válida (use dd/mm/aaaa, d/m/aaaa, dd/mm/aa o aaaa-mm-dd, con hora HH:mm opcional).";

    private string Get(LegacyRecord record, ImportField field) => _index.TryGetValue(field, out var i) ? Cell(record, i) : "";

    private string? Optional(LegacyRecord record, ImportField field) => Get(record, field) is { Length: > 0 } text ? text : null;

    /// <summary>
    /// A cell as written, without the apostrophe the petitions export puts before a leading = + - @ (so Excel
    /// does not run it as a formula): reading back an export gives the original text.
    /// </summary>
    private static string Cell(LegacyRecord record, int index)
    {
        var text = index < record.Fields.Length ? record.Fields[index] : "";
        return text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' ? text[1..] : text;
    }
}
