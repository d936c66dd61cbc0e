using QRCoder;

namespace Ventanilla.Features.Citizen;

/// <summary>QR codes for the citizen's papers, as inline SVG: sharp on an 80 mm thermal printer and on a letter.</summary>
public static class QrCodes
{
    /// <summary>
    /// The SVG of a QR code for <paramref name="text"/>, black on white with its quiet zone, scaling to the box it is
    /// put in. Medium error correction: a crease or a smudge on the paper still reads.
    /// </summary>
    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
