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
            Warning = "#f9a825",
            Error = "#c62828",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontSize = "1rem" },
        },
    };
}
