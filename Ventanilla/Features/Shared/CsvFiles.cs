using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Ventanilla.Features.Shared;

/// <summary>One parsed CSV record and the file line it came from, for error messages.</summary>
public sealed record CsvRecord(int Line, string[] Fields);

/// <summary>
/// Reading and writing the office's CSV files: UTF-8 with BOM on the way out (so Excel shows accents right),
/// strict UTF-8 on the way in, and cells that start like a formula escaped so an auditor opening the file in
/// Excel does not run them.
/// </summary>
public static class CsvFiles
{
    /// <summary>UTF-8 that writes the BOM Excel needs to recognise the encoding.</summary>
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8 (with or without BOM); an invalid byte is reported with its line.</summary>
    public static string DecodeUtf8(byte[] content)
    {
        var start = content.AsSpan().StartsWith(Utf8WithBom.Preamble) ? Utf8WithBom.Preamble.Length : 0;
        try
        {
            return StrictUtf8.GetString(content, start, content.Length - start);
        }
        catch (DecoderFallbackException ex)
        {
            var offset = start + Math.Max(ex.Index, 0);
            var line = 1 + content.AsSpan(0, Math.Min(offset, content.Length)).Count((byte)'\n');
            throw new RuleException(
                $"Línea {line}: el archivo no está en UTF-8 (tiene caracteres que no se pueden leer). " +
                "En Excel use «Guardar como» → «CSV UTF-8 (delimitado por comas)».");
        }
    }

    /// <summary>Parses CSV text; the delimiter (<c>,</c> <c>;</c> or tab) is taken from the header line. Blank lines are skipped.</summary>
    public static IReadOnlyList<CsvRecord> Read(string text)
    {
        var firstLine = text.AsSpan()[..Math.Max(0, text.IndexOfAny(['\r', '\n']) is var i and >= 0 ? i : text.Length)];
        var delimiter = DetectDelimiter(firstLine);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            IgnoreBlankLines = true,
            BadDataFound = null,
        };
        var records = new List<CsvRecord>();
        using var parser = new CsvParser(new StringReader(text), config);
        while (parser.Read())
        {
            var fields = parser.Record ?? [];
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            records.Add(new CsvRecord(parser.RawRow, [.. fields.Select(f => f.Trim())]));
        }
        return records;
    }

    /// <summary>The delimiter of a header line: whichever of <c>,</c> <c>;</c> or tab it has most of.</summary>
    public static char DetectDelimiter(ReadOnlySpan<char> header)
    {
        char[] candidates = [',', ';', '\t'];
        var best = ',';
        var bestCount = 0;
        foreach (var c in candidates)
        {
            var count = header.Count(c);
            if (count > bestCount) (best, bestCount) = (c, count);
        }
        return best;
    }

    /// <summary>
    /// One cell as CSV: quoted when needed; a leading = + - @ (or tab/CR) gets an apostrophe so Excel shows it as text —
    /// except a plain number («-6» days left is a number to Excel, not a formula, and must stay one).
    /// </summary>
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(text))
        {
            text = "'" + text;
        }
        return text.AsSpan().IndexOfAny([',', '"', '\r', '\n', ';']) >= 0
            ? "\"" + text.Replace("\"", "\"\"") + "\""
            : text;
    }

    private static bool IsPlainNumber(string text)
        => decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    public static string Line(params string?[] cells) => string.Join(',', cells.Select(Cell));

    /// <summary>
    /// Writes a header and rows straight to <paramref name="output"/> (UTF-8 with BOM, CRLF) as they come, so a register of
    /// any size takes the same little memory; returns how many rows were written.
    /// </summary>
    public static async Task<int> WriteAsync(Stream output, string[] header, IAsyncEnumerable<string?[]> rows, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Line(header).AsMemory(), ct);
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(Line(row).AsMemory(), ct);
            count++;
        }
        await writer.FlushAsync(ct);
        return count;
    }

    /// <summary>Writes a header and rows with CRLF line ends (what Excel expects).</summary>
    public static async Task WriteAsync(TextWriter writer, string[] header, IEnumerable<string?[]> rows, CancellationToken ct = default)
    {
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(Line(header).AsMemory(), ct);
        foreach (var row in rows)
        {
            await writer.WriteLineAsync(Line(row).AsMemory(), ct);
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>The whole file as bytes: UTF-8 with BOM.</summary>
    public static async Task<byte[]> ToBytesAsync(string[] header, IEnumerable<string?[]> rows, CancellationToken ct = default)
    {
        using var stream = new MemoryStream();
        await using (var writer = new StreamWriter(stream, Utf8WithBom, leaveOpen: true))
        {
            await WriteAsync(writer, header, rows, ct);
        }
        return stream.ToArray();
    }
}
