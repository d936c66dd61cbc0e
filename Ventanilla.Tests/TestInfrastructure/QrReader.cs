using Microsoft.Playwright;
using ZXing;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>Reads a QR code drawn on a page, as a phone's camera would: from its pixels, not from the markup.</summary>
public static class QrReader
{
    /// <summary>
    /// Draws the SVG inside <paramref name="holder"/> on a canvas in the browser (400 px, as a printed code photographed
    /// up close) and decodes the pixels with ZXing.
    /// </summary>
    public static async Task<string> ReadAsync(ILocator holder)
    {
        var rgba = await holder.EvaluateAsync<string>("""
            async holder => {
                const svg = holder.querySelector("svg");
                const xml = new XMLSerializer().serializeToString(svg);
                const image = new Image();
                image.src = "data:image/svg+xml;base64," + btoa(unescape(encodeURIComponent(xml)));
                await image.decode();
                const canvas = document.createElement("canvas");
                canvas.width = canvas.height = 400;
                const context = canvas.getContext("2d");
                context.fillStyle = "#fff";
                context.fillRect(0, 0, 400, 400);
                context.drawImage(image, 0, 0, 400, 400);
                const bytes = context.getImageData(0, 0, 400, 400).data;
                let text = "";
                for (let i = 0; i < bytes.length; i += 32768) text += String.fromCharCode(...bytes.subarray(i, i + 32768));
                return btoa(text);
            }
            """);
        var source = new RGBLuminanceSource(Convert.FromBase64String(rgba), 400, 400, RGBLuminanceSource.BitmapFormat.RGBA32);
        var reader = new BarcodeReaderGeneric { Options = { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        return reader.Decode(source)?.Text ?? throw new InvalidOperationException("No se pudo leer el código QR de la página.");
    }
}
