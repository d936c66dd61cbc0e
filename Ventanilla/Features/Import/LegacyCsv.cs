using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Ventanilla.Features.Import;

/// <summary>How a legacy file is written: its encoding (as people know it) and delimiter.</summary>
public sealed record LegacyFileFormat(Encoding Encoding, string EncodingName, char Delimiter)
{
    public string DelimiterName => Delimiter switch { ',' => "coma", ';' => "punto y coma", '\t' => "tabulador", _ => Delimiter.ToString() };
}

/// <summary>
/// A record of a legacy file with the physical line it starts on (what a person sees in a text editor), and what is
/// wrong with how it is quoted, if anything.
/// </summary>
public sealed record LegacyRecord(int Line, string[] Fields, string? Problem = null);

/// <summary>
/// Reads the office's spreadsheets saved as CSV, streaming (a file of years is never loaded whole): UTF-8 with or
/// without BOM, or Windows-1252 (what Excel writes as "CSV (delimitado por comas)" in Spanish Windows), detected
/// from the bytes; delimiter <c>,</c> <c>;</c> or tab, detected from the header line; quoted fields with line
/// breaks and doubled quotes; blank lines skipped; fields trimmed.
/// <para>
/// A quote that is opened and never closed would otherwise swallow the rest of the file into one cell (thousands of
/// rows read as one petitioner's name). So a quoted cell may hold at most <see cref="MaxQuotedLength"/> characters
/// and <see cref="MaxLineBreaks"/> line breaks, and none of its lines may look like a whole row of the file (as many
/// delimiters as the header); otherwise the record carries a problem naming the line where the quote opened, or, past
/// the length, reading stops there with <see cref="Broken"/> (nothing after it can be trusted).
/// </para>
/// </summary>
public sealed class LegacyCsv : IDisposable
{
    /// <summary>Longer than any field of the form (4,000 for a subject) by a good margin.</summary>
    public const int MaxQuotedLength = 10_000;
    public const int MaxLineBreaks = 40;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private readonly StreamReader _reader;
    private readonly CsvParser _parser;

    private LegacyCsv(Stream stream, LegacyFileFormat format)
    {
        Format = format;
        _reader = new StreamReader(stream, format.Encoding, detectEncodingFromByteOrderMarks: true);
        _parser = new CsvParser(_reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = format.Delimiter.ToString(),
            IgnoreBlankLines = true,
            // Legacy spreadsheets have stray quotes inside unquoted fields ("Calle 5 "B""): keep the text as written.
            BadDataFound = null,
            MaxFieldSize = MaxQuotedLength,
        });
    }

    public LegacyFileFormat Format { get; }

    /// <summary>Bytes of the file read so far (ahead of the records returned by the reader's buffer), for a progress bar.</summary>
    public long Position => _reader.BaseStream.Position;

    /// <summary>The header row's cells (trimmed); empty when the file has no header.</summary>
    public string[] Header { get; private set; } = [];

    /// <summary>Line of the header row.</summary>
    public int HeaderLine { get; private set; }

    /// <summary>Why reading stopped before the end of the file (a quote never closed), with the line it opened on.</summary>
    public ImportProblem? Broken { get; private set; }

    /// <summary>Opens a file: detects its format (one quick pass over the bytes), then reads its header.</summary>
    public static LegacyCsv Open(Func<Stream> open)
    {
        var format = Detect(open);
        var csv = new LegacyCsv(open(), format);
        if (csv.ReadRecord() is { } header)
        {
            csv.Header = header.Fields;
            csv.HeaderLine = header.Line;
        }
        return csv;
    }

    /// <summary>The data records after the header, in order; rows with every cell empty are skipped.</summary>
    public IEnumerable<LegacyRecord> Records()
    {
        while (ReadRecord() is { } record) yield return record;
    }

    private LegacyRecord? ReadRecord()
    {
        if (Broken is not null) return null;
        while (true)
        {
            try
            {
                if (!_parser.Read()) return null;
            }
            catch (MaxFieldSizeException ex)
            {
                var opened = ex.Context?.Parser is { } parser ? parser.RawRow - parser.RawRecord.Count(c => c == '\n') : 0;
                Broken = new ImportProblem(opened, null,
                    $"unas comillas abren un campo en esta línea y no se cierran (el campo pasa de {MaxQuotedLength:N0} caracteres). " +
                    "Cierre esas comillas y vuelva a revisar el archivo; lo que sigue no se pudo leer.");
                return null;
            }
            var fields = _parser.Record ?? [];
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            // RawRow is the line the record ends on; a quoted field with line breaks started earlier.
            var raw = _parser.RawRecord.AsSpan().TrimEnd("\r\n");
            var line = _parser.RawRow - raw.Count('\n');
            return new LegacyRecord(line, [.. fields.Select(f => f.Trim())], QuotingProblem(line, fields));
        }
    }

    /// <summary>A cell that swallowed line breaks it should not have: too many, or lines that are rows of their own.</summary>
    private string? QuotingProblem(int line, string[] fields)
    {
        var rowDelimiters = Header.Length - 1;
        foreach (var field in fields)
        {
            var breaks = field.Count(c => c == '\n');
            if (breaks > 0)
            {
                var lines = field.Split('\n');
                var rowLike = rowDelimiters >= 2 ? lines.Skip(1).Count(l => l.Count(c => c == Format.Delimiter) >= rowDelimiters) : 0;
                if (breaks > MaxLineBreaks || rowLike > 0)
                {
                    return $"unas comillas abiertas en la línea {line} abarcan {breaks + 1} renglones" +
                        (rowLike > 0 ? $", {rowLike} de ellos con la forma de una fila entera" : "") +
                        " (¿faltan unas comillas de cierre?). Corrija las comillas de esa línea.";
                }
            }
            line += breaks;
        }
        return null;
    }

    /// <summary>
    /// UTF-8 when the file has its BOM or every byte decodes as UTF-8; otherwise Windows-1252 (a single accented
    /// letter saved by Excel as Windows-1252 is never valid UTF-8, so the test does not misjudge Spanish text).
    /// </summary>
    public static LegacyFileFormat Detect(Func<Stream> open)
    {
        using var stream = open();
        var buffer = new byte[64 * 1024];
        var read = stream.ReadAtLeast(buffer, 3, throwOnEndOfStream: false);
        var hasBom = read >= 3 && buffer.AsSpan(0, 3).SequenceEqual(CsvFiles.Utf8WithBom.Preamble);
        var utf8 = hasBom || IsUtf8(stream, buffer, read);
        var encoding = utf8 ? StrictUtf8 : Windows1252;
        var name = hasBom ? "UTF-8 con BOM" : utf8 ? "UTF-8" : "Windows-1252";

        stream.Position = 0;
        using var reader = new StreamReader(stream, utf8 ? Encoding.UTF8 : Windows1252, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        string? first;
        do first = reader.ReadLine(); while (first is not null && first.Trim().Length == 0);
        return new LegacyFileFormat(encoding, name, CsvFiles.DetectDelimiter(first ?? ""));
    }

    private static bool IsUtf8(Stream stream, byte[] buffer, int read)
    {
        var decoder = StrictUtf8.GetDecoder();
        var chars = new char[StrictUtf8.GetMaxCharCount(buffer.Length)];
        try
        {
            while (read > 0)
            {
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                read = stream.Read(buffer, 0, buffer.Length);
            }
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _parser.Dispose();
        _reader.Dispose();
    }
}
