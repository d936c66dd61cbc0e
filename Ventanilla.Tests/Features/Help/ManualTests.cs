using Ventanilla.Components.Layout;
using Ventanilla.Features.Help;

namespace Ventanilla.Tests.Features.Help;

/// <summary>The manual inside the app: every page, link and «Ayuda» button leads somewhere real.</summary>
public class ManualTests
{
    private readonly ManualPages manual = new();

    [Fact]
    public void Every_page_of_docs_manual_is_served_with_its_title_and_the_index_comes_first()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot(), "docs", "manual"), "*.md").Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.Equal(files.Count, manual.All.Count);
        Assert.Equal("", manual.All[0].Slug);
        Assert.Equal("Manual de Ventanilla", manual.All[0].Title);
        Assert.All(manual.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Title)));
        Assert.Contains("<h1", manual.Find("peticiones")!.Html);
        Assert.Null(manual.Find("no-existe"));
    }

    [Fact]
    public void Every_link_between_manual_pages_leads_to_a_page_and_heading_that_exist()
    {
        var links = manual.Links().ToList();
        Assert.NotEmpty(links);
        foreach (var (page, url) in links)
        {
            if (url.StartsWith("https://", StringComparison.Ordinal)) continue;
            Assert.True(url.StartsWith("ayuda", StringComparison.Ordinal), $"La página «{page}» enlaza «{url}», que no es del manual.");
            AssertLeadsSomewhere(url, $"la página «{page}»");
        }
    }

    [Fact]
    public void Every_menu_entry_has_its_own_part_of_the_manual_and_each_one_exists()
    {
        foreach (var item in NavItems.All.Where(i => i.Href.Length > 0))
        {
            Assert.True(HelpTopics.Routes.Any(r => r.Route == item.Href), $"«{item.Title}» ({item.Href}) no tiene su parte del manual en HelpTopics.");
        }
        foreach (var (route, topic) in HelpTopics.Routes)
        {
            AssertLeadsSomewhere(topic.Href, $"la ruta «{route}»");
        }
    }

    [Theory]
    [InlineData("peticiones", "ayuda/peticiones#peticiones")]
    [InlineData("peticiones/tablero", "ayuda/peticiones#peticiones")]
    [InlineData("peticiones/AU-2026-00042", "ayuda/peticiones#expediente")]
    [InlineData("admin/calendario?anio=2027", "ayuda/administracion#calendario")]
    [InlineData("pantalla/seguimiento", "ayuda/seguimiento")]
    [InlineData("", "ayuda")]
    [InlineData("ayuda/recepcion", "ayuda")]
    public void The_help_button_opens_the_part_about_the_page_on_screen(string path, string expected)
    {
        Assert.Equal(expected, HelpTopics.For(path).Href);
        AssertLeadsSomewhere(expected, path);
    }

    [Fact]
    public void Html_written_in_the_markdown_is_shown_as_text_never_run()
    {
        var page = ManualPages.Render("prueba", "# Prueba\n\n<script>alert(1)</script>\n\nTexto <b onclick=\"x()\">aquí</b>.\n\n[Otra](recepcion.md#algo)");

        Assert.DoesNotContain("<script", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b ", page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", page.Html);
        Assert.Contains("href=\"ayuda/recepcion#algo\"", page.Html);
    }

    private void AssertLeadsSomewhere(string href, string from)
    {
        var (path, anchor) = href.Split('#', 2) is [var p, var a] ? (p, a) : (href, null);
        var slug = path == "ayuda" ? "" : path["ayuda/".Length..];
        var page = manual.Find(slug);
        Assert.True(page is not null, $"Desde {from}: no hay página del manual «{slug}» ({href}).");
        if (anchor is not null)
        {
            Assert.True(page.Anchors.Contains(anchor), $"Desde {from}: la página «{slug}» no tiene el título «#{anchor}»; tiene: {string.Join(", ", page.Anchors)}.");
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Ventanilla.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("No se encontró la raíz del repositorio.");
    }
}
