namespace Ventanilla.Features.Import.Demo;

/// <summary>The sample of an office's old Control de Peticiones that ships beside the executable.</summary>
public static class DemoFiles
{
    public static string LegacySample => Path.Combine(AppContext.BaseDirectory, "Features", "Import", "Demo", "peticiones-legado-muestra.csv");
}
