using System.Text;
using QRCoder;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>Real small documents of each kind an expediente takes (and some it must refuse), made in memory.</summary>
public static class TestDocuments
{
    /// <summary>A valid PDF of <paramref name="pages"/> pages with its page objects in plain sight, as scanners write them.</summary>
    public static byte[] Pdf(int pages, string text = "Escrito del usuario")
    {
        var body = new StringBuilder("%PDF-1.4\n");
        var kids = string.Join(" ", Enumerable.Range(0, pages).Select(i => $"{3 + i} 0 R"));
        body.Append("1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
        body.Append($"2 0 obj << /Type /Pages /Kids [{kids}] /Count {pages} >> endobj\n");
        for (var i = 0; i < pages; i++) body.Append($"{3 + i} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n");
        body.Append($"% {text}\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        return Encoding.Latin1.GetBytes(body.ToString());
    }

    /// <summary>A real PNG (a QR code), which a browser draws.</summary>
    public static byte[] Png(string text = "foto")
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    /// <summary>The start of a JPEG (what the content check reads), then filler.</summary>
    public static byte[] JpegLike(int bytes = 4096) => [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Range(0, bytes).Select(i => (byte)(i * 31))];

    /// <summary>An iPhone photo's first bytes: an ISO box «ftyp» with the brand «heic».</summary>
    public static byte[] HeicLike() => [0, 0, 0, 0x18, .. "ftypheic"u8.ToArray(), 0, 0, 0, 0, .. "mif1heic"u8.ToArray(), .. new byte[2048]];

    /// <summary>A Word file (a ZIP) whatever its name says.</summary>
    public static byte[] Docx() => [0x50, 0x4B, 0x03, 0x04, .. new byte[2048]];

    /// <summary>A Windows program.</summary>
    public static byte[] Exe() => [0x4D, 0x5A, 0x90, 0x00, .. new byte[2048]];
}
