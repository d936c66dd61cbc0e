using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Ventanilla.Features.Documents;

/// <summary>What the response letter says: everything on it comes from here.</summary>
public sealed record LetterContent(
    string Organization, string Area, string Folio, DateOnly Date, string Addressee, string? Address, string PetitionType, string Body,
    string SignerName, string SignerPosition, string VerificationCode, string VerifyUrl, bool SignedElectronically);

/// <summary>
/// The approved response as a PDF (US Letter, as the office prints): letterhead, folio and date, addressee, the text
/// (broken into lines and pages as long as it needs), the Director's name and position, and on every page the
/// verification code with its QR to <c>/verificar</c>, as INEGI's rule for printed copies of signed documents asks.
/// Drawn with PDFsharp (MIT) and the embedded DejaVu Sans.
/// </summary>
public static class ResponseLetter
{
    private const double Margin = 64;
    private const double FooterHeight = 92;
    private const double BodySize = 11;

    public static PdfDocument Build(LetterContent letter)
    {
        EmbeddedFonts.Install();
        var document = new PdfDocument();
        document.Info.Title = $"Respuesta a la petición {letter.Folio}";
        document.Info.Author = letter.Organization;
        document.Info.Subject = letter.PetitionType;
        document.Info.Creator = "Ventanilla";
        var regular = new XFont(EmbeddedFonts.Family, BodySize, XFontStyleEx.Regular);
        var bold = new XFont(EmbeddedFonts.Family, BodySize, XFontStyleEx.Bold);
        var small = new XFont(EmbeddedFonts.Family, 8, XFontStyleEx.Regular);
        var heading = new XFont(EmbeddedFonts.Family, 14, XFontStyleEx.Bold);

        var pages = new List<PdfPage>();
        XGraphics? gfx = null;
        double y = 0, width = 0, bottom = 0;
        void NewPage()
        {
            gfx?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.Letter;
            pages.Add(page);
            gfx = XGraphics.FromPdfPage(page);
            width = page.Width.Point - 2 * Margin;
            bottom = page.Height.Point - Margin - FooterHeight;
            y = Margin;
            gfx.DrawString(letter.Organization, heading, XBrushes.Black, new XRect(Margin, y, width, 18), XStringFormats.TopLeft);
            y += 20;
            gfx.DrawString(letter.Area, regular, XBrushes.DimGray, new XRect(Margin, y, width, 14), XStringFormats.TopLeft);
            y += 18;
            gfx.DrawLine(new XPen(XColors.SteelBlue, 1.2), Margin, y, Margin + width, y);
            y += 16;
        }
        void Line(string text, XFont font, double after = 0, XStringFormat? format = null)
        {
            if (y + font.Height > bottom) NewPage();
            gfx!.DrawString(text, font, XBrushes.Black, new XRect(Margin, y, width, font.Height), format ?? XStringFormats.TopLeft);
            y += font.Height * 1.25 + after;
        }
        void Paragraph(string text, XFont font, double after)
        {
            foreach (var line in Wrap(gfx!, text, font, width)) Line(line, font);
            y += after;
        }

        NewPage();
        Line($"Folio: {letter.Folio}", bold, 0, XStringFormats.TopRight);
        Line(letter.Date.ToString("d 'de' MMMM 'de' yyyy", VentanillaHosting.Culture), regular, 14, XStringFormats.TopRight);
        Line(letter.Addressee, bold);
        if (!string.IsNullOrWhiteSpace(letter.Address)) Paragraph(letter.Address, regular, 0);
        y += 6;
        Line($"Asunto: respuesta a su petición de {letter.PetitionType.ToLowerInvariant()}", regular, 12);
        foreach (var paragraph in letter.Body.Replace("\r\n", "\n").Split('\n')) Paragraph(paragraph, regular, 6);
        y += 18;
        if (y + 4 * regular.Height * 1.25 > bottom) NewPage();
        Line("Atentamente,", regular, 30);
        Line(letter.SignerName, bold);
        Line(letter.SignerPosition, regular);
        Line(letter.SignedElectronically ? "Firmado electrónicamente con su certificado de firma electrónica avanzada." : "Firma autógrafa en el original impreso.", small);

        // The acuse the petitioner signs when the response is collected at the office (an electronic delivery's acuse is
        // the first download, recorded by the office).
        y += 24;
        if (y + 6 * regular.Height * 1.25 > bottom) NewPage();
        gfx!.DrawLine(new XPen(XColors.Gray, 0.6) { DashStyle = XDashStyle.Dash }, Margin, y, Margin + width, y);
        y += 10;
        Line("ACUSE DE RECIBO", bold);
        Paragraph($"Recibí el original de la respuesta a la petición con folio {letter.Folio}.", regular, 14);
        Line("Nombre: ______________________________________________", regular, 8);
        Line("Firma: ____________________________   Fecha y hora: ____________________", regular);
        gfx!.Dispose();

        // The footer of every page: how to check this copy is the original (code, address and QR).
        for (var i = 0; i < pages.Count; i++)
        {
            using var footer = XGraphics.FromPdfPage(pages[i], XGraphicsPdfPageOptions.Append);
            var top = pages[i].Height.Point - Margin - FooterHeight + 16;
            footer.DrawLine(new XPen(XColors.LightGray, 0.8), Margin, top, pages[i].Width.Point - Margin, top);
            DrawQr(footer, letter.VerifyUrl, Margin, top + 8, 64);
            var text = new XRect(Margin + 76, top + 10, pages[i].Width.Point - 2 * Margin - 76, 60);
            footer.DrawString($"Código de verificación: {letter.VerificationCode}", new XFont(EmbeddedFonts.Family, 9, XFontStyleEx.Bold), XBrushes.Black, text, XStringFormats.TopLeft);
            footer.DrawString("Verifique que este documento es el original en:", small, XBrushes.Black, new XRect(text.X, text.Y + 14, text.Width, 12), XStringFormats.TopLeft);
            footer.DrawString(letter.VerifyUrl, small, XBrushes.Black, new XRect(text.X, text.Y + 26, text.Width, 12), XStringFormats.TopLeft);
            footer.DrawString($"Folio {letter.Folio} · página {i + 1} de {pages.Count}", small, XBrushes.DimGray, new XRect(text.X, text.Y + 40, text.Width, 12), XStringFormats.TopLeft);
            // The QR and the address are also a link: on a screen, a click opens the verification page.
            pages[i].AddWebLink(new PdfSharp.Pdf.PdfRectangle(footer.Transformer.WorldToDefaultPage(new XRect(Margin, top + 8, text.Right - Margin, 64))), letter.VerifyUrl);
        }
        return document;
    }

    /// <summary>The QR drawn as vector squares (sharp at any zoom, no image to decode).</summary>
    private static void DrawQr(XGraphics gfx, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var cell = size / modules.Count;
        for (var row = 0; row < modules.Count; row++)
        {
            for (var column = 0; column < modules.Count; column++)
            {
                if (modules[row][column]) gfx.DrawRectangle(XBrushes.Black, x + column * cell, y + row * cell, cell + 0.05, cell + 0.05);
            }
        }
    }

    /// <summary>Breaks a paragraph into lines that fit <paramref name="width"/>; a word longer than a line is cut.</summary>
    public static IEnumerable<string> Wrap(XGraphics gfx, string paragraph, XFont font, double width)
    {
        var words = paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            yield return "";
            yield break;
        }
        var line = "";
        foreach (var word in words)
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (gfx.MeasureString(candidate, font).Width <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0) yield return line;
            line = word;
            while (gfx.MeasureString(line, font).Width > width && line.Length > 1)
            {
                var fit = line.Length - 1;
                while (fit > 1 && gfx.MeasureString(line[..fit], font).Width > width) fit--;
                yield return line[..fit];
                line = line[fit..];
            }
        }
        if (line.Length > 0) yield return line;
    }
}
