using System.Text;
using System.Text.RegularExpressions;

namespace Ventanilla.Features.Expediente;

/// <summary>What a file really is, read from its first bytes (never from its name).</summary>
public sealed record SniffedType(string ContentType, string Extension, string Label)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>Browsers show these inline (HEIC they do not: it is offered for download).</summary>
    public bool BrowserShows => ContentType is "application/pdf" or "image/jpeg" or "image/png";
}

/// <summary>
/// Recognizes the documents an expediente takes by their magic bytes: PDF (<c>%PDF-</c>), JPEG (<c>FF D8 FF</c>), PNG
/// (its 8-byte signature) and HEIC/HEIF (an ISO box <c>ftyp</c> with a HEIF brand), the format iPhones photograph in.
/// Anything else (a Word file renamed .pdf, an executable named foto.jpg) is refused.
/// </summary>
public static partial class FileSniffer
{
    public const int HeadLength = 32;

    public static readonly SniffedType Pdf = new("application/pdf", ".pdf", "PDF");
    public static readonly SniffedType Jpeg = new("image/jpeg", ".jpg", "JPEG");
    public static readonly SniffedType Png = new("image/png", ".png", "PNG");
    public static readonly SniffedType Heic = new("image/heic", ".heic", "HEIC");

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

    public static SniffedType? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return Pdf;
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return Jpeg;
        if (head.StartsWith(PngSignature)) return Png;
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && HeifBrands.Contains(Encoding.ASCII.GetString(head[8..12]))) return Heic;
        return null;
    }

    /// <summary>The types by their content type, for files already stored.</summary>
    public static SniffedType? OfContentType(string contentType) => new[] { Pdf, Jpeg, Png, Heic }.FirstOrDefault(t => t.ContentType == contentType);

    /// <summary>
    /// The pages of a PDF, read in a stream (never the whole file in memory): the page objects (<c>/Type /Page</c>) when
    /// they are in plain sight, otherwise the page tree's largest <c>/Count</c>; null when neither is found (the pages
    /// hidden in compressed object streams).
    /// </summary>
    public static async Task<int?> PdfPagesAsync(string path, CancellationToken ct)
    {
        const int chunk = 1 << 16, overlap = 64;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, chunk, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var buffer = new byte[chunk + overlap];
        var carried = 0;
        var pages = 0;
        var largestCount = 0;
        int read;
        while ((read = await file.ReadAsync(buffer.AsMemory(carried, chunk), ct)) > 0)
        {
            var length = carried + read;
            // Latin-1 maps each byte to one char, so a match's position is its byte position.
            var text = Encoding.Latin1.GetString(buffer, 0, length);
            // A match wholly inside the carried overlap was counted with the previous chunk; one cut by it was not.
            foreach (Match m in PageObject().Matches(text)) if (m.Index + m.Length > carried) pages++;
            foreach (Match m in PageCount().Matches(text)) if (int.TryParse(m.Groups[1].ValueSpan, out var n)) largestCount = Math.Max(largestCount, n);
            carried = Math.Min(overlap, length);
            Buffer.BlockCopy(buffer, length - carried, buffer, 0, carried);
        }
        return pages > 0 ? pages : largestCount > 0 ? largestCount : null;
    }

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"/Count\s+(\d{1,6})")]
    private static partial Regex PageCount();
}
