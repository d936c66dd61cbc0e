using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Ventanilla.Features.Shared;

namespace Ventanilla.Features.Import;

/// <summary>How a legacy file is written: its encoding (as people know it) and delimiter.</summary>
public sealed record LegacyFileFormat(Encoding Encoding, string EncodingName, char Delimiter)
{
    public string DelimiterName => Delimiter switch { ',' => "coma", ';' => "punto y coma", '\t' => "tabulador", _ => Delimiter.ToString() };
}

/// <summary>A record of a legacy file with the physical line it starts on (what a person sees in a text editor).</summary>
public sealed record LegacyRecord(int Line, string[] Fields);

/// <summary>
/// Reads the office's spreadsheets saved as CSV, streaming (a file of years is never loaded whole): UTF-8 with or
/// without BOM, or Windows-1252 (what Excel writes as "CSV (delimitado por comas)" in Spanish Windows), detected
/// from the bytes; delimiter <c>,</c> <c>;</c> or tab, detected from the header line; quoted fields with line
/// breaks and doubled quotes; blank lines skipped; fields trimmed.
/// </summary>
public sealed class LegacyCsv : IDisposable
{
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
        });
    }

    public LegacyFileFormat Format { get; }

    /// <summary>Bytes of the file read so far (ahead of the records returned by the reader's buffer), for a progress bar.</summary>
    public long Position => _reader.BaseStream.Position;

    /// <summary>The header row's cells (trimmed); empty when the file has no header.</summary>
    public string[] Header { get; private set; } = [];

    /// <summary>Line of the header row.</summary>
    public int HeaderLine { get; private set; }

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
        while (_parser.Read())
        {
            var fields = _parser.Record ?? [];
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            // RawRow is the line the record ends on; a quoted field with line breaks started earlier.
            var raw = _parser.RawRecord.AsSpan().TrimEnd("\r\n");
            var line = _parser.RawRow - raw.Count('\n');
            return new LegacyRecord(line, [.. fields.Select(f => f.Trim())]);
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
