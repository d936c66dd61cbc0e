namespace Ventanilla.Tests.Cli;

/// <summary><c>padron import ARCHIVO</c>: the nightly import from the server's console, all or nothing, with its counts or every bad line.</summary>
public class PadronCommandTests : CliTestBase
{
    [Fact]
    public async Task Imports_a_padron_and_then_only_its_differences_and_refuses_a_bad_file_with_exit_code_1()
    {
        var file = Path.Combine(Folder, "padron.csv");
        await File.WriteAllTextAsync(file, "Contrato,Nombre,Domicilio,Estatus\n01-1,Ana Uno,Calle 1,A\n01-2,Beto Dos,Calle 2,S\n");
        var first = await RunAsync("padron", "import", file);
        Assert.Equal(0, first.Code);
        Assert.Equal(["Archivo: padron.csv (UTF-8, separado por coma); 2 cuentas.", "Padrón importado: 2 nuevas, 0 cambiadas, 0 dadas de baja, 0 sin cambio."], first.Lines);

        await File.WriteAllTextAsync(file, "Contrato,Nombre,Domicilio,Estatus\n01-1,Ana Uno,Calle 1,A\n01-3,Carla Tres,Calle 3,A\n");
        Assert.Equal("Padrón importado: 1 nueva, 0 cambiadas, 1 dada de baja, 1 sin cambio.", (await RunAsync("padron", "import", file)).Lines[^1]);

        await File.WriteAllTextAsync(file, "Contrato,Nombre\n01-1,\n01-1,Ana\n");
        var bad = await RunAsync("padron", "import", file);
        Assert.Equal(1, bad.Code);
        Assert.Contains("Línea 2: cuenta 01-1: Titular: está vacío.", bad.Error);
        Assert.Contains("Error: 1 línea con error; no se importó nada y sigue en uso el padrón anterior.", bad.Error);
        var missing = await RunAsync("padron", "import", Path.Combine(Folder, "no-existe.csv"));
        Assert.Equal(1, missing.Code);
        Assert.Contains("No existe el archivo", missing.Error);
    }
}
