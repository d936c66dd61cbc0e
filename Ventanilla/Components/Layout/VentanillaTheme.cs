using MudBlazor;

namespace Ventanilla.Components.Layout;

/// <summary>A light theme with strong contrast and large type, readable on a 10" tablet at arm's length.</summary>
public static class VentanillaTheme
{
    public static MudTheme Light { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0d47a1",
            Secondary = "#00838f",
            AppbarBackground = "#0d47a1",
            Background = "#f5f7fa",
            Success = "#2e7d32",
            // Dark enough for white text on a chip and for an alert's text (WCAG AA, 4.5:1): the usual amber is not.
            Warning = "#a15c00",
            Info = "#01579b",
            // The inputs' labels and secondary text over the page's grey background (MudBlazor's 54 % black falls short).
            TextSecondary = "rgba(0,0,0,0.7)",
            Error = "#c62828",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontSize = "1rem" },
        },
    };
}
