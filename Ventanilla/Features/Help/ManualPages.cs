using System.Collections.Frozen;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Ventanilla.Features.Help;

/// <summary>One page of the manual as the app shows it at <see cref="Href"/>.</summary>
/// <param name="Slug">The file's name without «.md»; empty for the manual's index (README.md).</param>
/// <param name="Anchors">The ids of its headings, which links and <see cref="HelpTopics"/> may point to.</param>
/// <param name="Links">Where its links lead, as rendered (for the test that each one leads somewhere).</param>
public sealed record ManualPage(string Slug, string Title, string Html, IReadOnlySet<string> Anchors, IReadOnlyList<string> Links)
{
    public string Href => ManualPages.HrefOf(Slug, null);
}

/// <summary>
/// The office's manual, <c>docs/manual/*.md</c>, embedded in the executable when it is built and rendered once with
/// Markdig for <c>/ayuda</c>: the same Markdown the repository shows, so the two never disagree. Raw HTML written in
/// the Markdown is shown as text, never passed through; links from one manual page to another become addresses of
/// the app («peticiones.md#expediente» → «ayuda/peticiones#expediente»).
/// </summary>
public sealed class ManualPages
{
    /// <summary>The order of the side menu: the index, then the day's work from the kiosk to the administration.</summary>
    private static readonly string[] Order = ["", "recepcion", "peticiones", "seguimiento", "indicadores", "ciudadano", "administracion"];

    private const string ResourcePrefix = "Manual.";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .DisableHtml()
        .Build();

    private readonly Lazy<FrozenDictionary<string, ManualPage>> pages = new(Load);

    /// <summary>Every page, in the menu's order.</summary>
    public IReadOnlyList<ManualPage> All => [.. pages.Value.Values.OrderBy(p => Array.IndexOf(Order, p.Slug) is var i and >= 0 ? i : Order.Length).ThenBy(p => p.Slug, StringComparer.Ordinal)];

    public ManualPage? Find(string? slug) => pages.Value.GetValueOrDefault(slug ?? "");

    /// <summary>The app's address of a manual page (and heading).</summary>
    public static string HrefOf(string slug, string? anchor)
        => (slug.Length == 0 ? "ayuda" : $"ayuda/{slug}") + (string.IsNullOrEmpty(anchor) ? "" : "#" + anchor);

    /// <summary>The links of every page, where they lead once rendered.</summary>
    public IEnumerable<(string Page, string Url)> Links() => pages.Value.Values.SelectMany(p => p.Links.Select(url => (p.Slug, url)));

    private static FrozenDictionary<string, ManualPage> Load()
    {
        var assembly = typeof(ManualPages).Assembly;
        var result = new Dictionary<string, ManualPage>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".md", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var file = name[ResourcePrefix.Length..];
            var slug = SlugOf(file);
            result[slug] = Render(slug, reader.ReadToEnd());
        }
        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string SlugOf(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        return name.Equals("README", StringComparison.OrdinalIgnoreCase) ? "" : name;
    }

    internal static ManualPage Render(string slug, string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url && !url.Contains(':', StringComparison.Ordinal) && !url.StartsWith('#') && !url.StartsWith('/'))
            {
                var (file, anchor) = url.Split('#', 2) is [var f, var a] ? (f, a) : (url, null);
                if (file.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !file.Contains('/', StringComparison.Ordinal))
                {
                    link.Url = HrefOf(SlugOf(file), anchor);
                }
            }
            else if (link.Url is { } own && own.StartsWith('#'))
            {
                link.Url = HrefOf(slug, own[1..]);
            }
        }
        var headings = document.Descendants<HeadingBlock>().ToList();
        var anchors = headings.Select(h => h.GetAttributes().Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var title = headings.FirstOrDefault(h => h.Level == 1)?.Inline?.FirstChild?.ToString() ?? slug;
        var links = document.Descendants<LinkInline>().Select(l => l.Url).OfType<string>().ToList();
        return new ManualPage(slug, title, document.ToHtml(Pipeline), anchors, links);
    }
}
