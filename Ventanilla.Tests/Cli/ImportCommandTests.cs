using Ventanilla.Features.Import.Demo;

namespace Ventanilla.Tests.Cli;

public class ImportCommandTests : CliTestBase
{
    [Fact]
    public async Task Dry_run_checks_and_writes_nothing_then_the_import_writes_and_a_second_adds_nothing()
    {
        var check = await RunAsync("import", DemoFiles.LegacySample, "--dry-run");
        Assert.Equal(0, check.Code);
        Assert.Contains("Peticiones por importar: 300", check.Output);
        Assert.Equal("El archivo es válido; no se ha escrito nada.", check.Lines[^1]);

        var first = await RunAsync("import", DemoFiles.LegacySample);
        Assert.Equal(0, first.Code);
        Assert.Contains("Peticiones importadas: 300", first.Output);
        Assert.Contains("Áreas nuevas que se crearon: Cultura del Agua", first.Output);

        var second = await RunAsync("import", DemoFiles.LegacySample);
        Assert.Equal(0, second.Code);
        Assert.Contains("Peticiones importadas: 0", second.Output);
        Assert.Contains("Ya estaban en Ventanilla (se omiten): 300", second.Output);

        var export = await RunAsync("export", "petitions", Path.Combine(Folder, "todo.csv"));
        Assert.Contains("300 peticiones", export.Output);
    }

    [Fact]
    public async Task A_file_with_errors_exits_non_zero_listing_every_error()
    {
        var path = Path.Combine(Folder, "malo.csv");
        await File.WriteAllTextAsync(path, "Folio;Fecha;Nombre;Estado\nX-1;30/02/2025;Ana;Cerrado\nX-2;01/03/2025;;Cerrado\nX-3;01/03/2025;Eva;Cerrado\n");

        var result = await RunAsync("import", path);

        Assert.Equal(1, result.Code);
        Assert.Contains("Línea 2 (folio X-1): Fecha de recepción: «30/02/2025» no es una fecha válida", result.Output);
        Assert.Contains("Línea 3 (folio X-2): Solicitante: está vacío (es obligatorio).", result.Output);
        Assert.Equal("Error: el archivo tiene 2 errores; no se importó nada.", result.Error.Trim());
        var dryRun = await RunAsync("import", path, "--dry-run");
        Assert.Equal(1, dryRun.Code);
        var export = await RunAsync("export", "petitions", Path.Combine(Folder, "todo.csv"));
        Assert.Contains("0 peticiones", export.Output);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var result = await RunAsync("import", Path.Combine(Folder, "no-existe.csv"));
        Assert.Equal(1, result.Code);
        Assert.StartsWith("Error: No existe el archivo", result.Error);
    }
}
