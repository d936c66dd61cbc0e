using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Ventanilla.Features.Documents;

/// <summary>
/// The PDFs' one typeface, DejaVu Sans (regular and bold), from inside the executable: a server (a container, a fresh
/// Debian) may have no fonts at all, and a letter must look the same wherever it is made. Every family a document
/// asks for resolves to it; italics are simulated.
/// </summary>
public sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<bool> Installed = new(() =>
    {
        GlobalFontSettings.FontResolver = new EmbeddedFonts();
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly ConcurrentDictionary<string, byte[]> Faces = new();

    /// <summary>Installs the resolver, once per process, before the first document is drawn.</summary>
    public static void Install() => _ = Installed.Value;

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic)
        => new(bold ? "DejaVuSans-Bold" : "DejaVuSans", mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => Faces.GetOrAdd(faceName, name =>
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"Falta la fuente {name} dentro del ejecutable.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}
