using Microsoft.Playwright;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>A text on a page whose colours fall below WCAG AA: what it says, its colours and the ratio.</summary>
public sealed record ContrastProblem(string Text, string Color, string Background, double Ratio, double Required, double FontPx);

/// <summary>
/// WCAG 2.x contrast of every visible text on a page, as the browser actually rendered it: the computed colour of each
/// element with text of its own against the first opaque background behind it (semi-transparent colours blended in,
/// the element's own opacity and its ancestors' included). AA asks 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold).
/// </summary>
public static class Contrast
{
    private const string Script = """
        (scope) => {
          const root = scope ? document.querySelector(scope) : document.body;
          const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const over = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
          const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
          const background = el => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) {
              const c = parse(getComputedStyle(e).backgroundColor);
              if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
            }
            let result = { r: 255, g: 255, b: 255, a: 1 };
            for (const layer of layers.reverse()) result = over(layer, result);
            return result;
          };
          const opacity = el => { let o = 1; for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
          const problems = [];
          for (const el of root.querySelectorAll('*')) {
            const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join(' ').trim();
            if (!own) continue;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0 || el.closest('[aria-hidden=true]')) continue;
            if (el.closest('button:disabled, [disabled]')) continue;
            const bg = background(el);
            const fg = parse(style.color);
            const text = over({ ...fg, a: fg.a * opacity(el) }, bg);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            const required = large ? 3 : 4.5;
            const r = ratio(text, bg);
            if (r < required - 0.005) problems.push({ text: own.slice(0, 60), color: style.color, background: `rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)})`, ratio: Math.round(r * 100) / 100, required, fontPx: size });
          }
          return JSON.stringify(problems);
        }
        """;

    public static async Task<IReadOnlyList<ContrastProblem>> ProblemsAsync(IPage page, string? scope = null)
    {
        var json = await page.EvaluateAsync<string>(Script, scope);
        var found = System.Text.Json.JsonSerializer.Deserialize<List<Found>>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        return [.. found.Select(f => new ContrastProblem(f.Text, f.Color, f.Background, f.Ratio, f.Required, f.FontPx))];
    }

    public static async Task AssertAaAsync(IPage page, string what, string? scope = null)
    {
        var problems = await ProblemsAsync(page, scope);
        Assert.True(problems.Count == 0, $"{what}: {string.Join("; ", problems.Select(p => $"«{p.Text}» {p.Color} sobre {p.Background} = {p.Ratio}:1 (mínimo {p.Required}:1, {p.FontPx} px)"))}");
    }

    private sealed record Found(string Text, string Color, string Background, double Ratio, double Required, double FontPx);
}
