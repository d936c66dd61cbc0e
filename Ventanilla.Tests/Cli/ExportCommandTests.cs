using System.Text;

namespace Ventanilla.Tests.Cli;

public class ExportCommandTests : CliTestBase
{
    [Fact]
    public async Task Export_visits_writes_the_register_of_the_range()
    {
        await ExecuteSqlAsync("""
            INSERT INTO Visits (ArrivedAtUtc, ServiceDate, ServiceCategoryId, VisitorName, Preferential, Outcome, Version)
            VALUES ('2026-11-26 16:00:00', '2026-11-26', 1, 'Ana', 0, 4, 1), ('2026-11-27 16:00:00', '2026-11-27', 1, 'Beto', 0, 0, 1);
            """);
        var file = Path.Combine(Folder, "visitas.csv");

        var result = await RunAsync("export", "visits", file, "--from", "2026-11-26", "--to", "2026-11-27");

        Assert.Equal(0, result.Code);
        Assert.Contains("2 visitas escritas", result.Output);
        var lines = await File.ReadAllLinesAsync(file, Encoding.UTF8);
        Assert.Equal(3, lines.Length);
        Assert.Contains("Ana", lines[1]);
        Assert.Contains("Resuelto: información", lines[1]);

        var today = await RunAsync("export", "visits", file);
        Assert.Contains("del 27/11/2026 al 27/11/2026: 1 visita escrita", today.Output);
    }

    [Fact]
    public async Task A_bad_date_is_named()
    {
        var result = await RunAsync("export", "visits", Path.Combine(Folder, "v.csv"), "--from", "27/11/2026");
        Assert.Equal(1, result.Code);
        Assert.Contains("--from: «27/11/2026» no es una fecha válida", result.Error);
    }

    [Fact]
    public async Task Export_petitions_writes_the_header_even_when_empty()
    {
        var file = Path.Combine(Folder, "peticiones.csv");
        var result = await RunAsync("export", "petitions", file);
        Assert.Equal(0, result.Code);
        Assert.Contains("0 peticiones escritas", result.Output);
        Assert.StartsWith("Folio,FolioOficialia,FechaRecepcion,Canal,", (await File.ReadAllLinesAsync(file, Encoding.UTF8))[0]);
    }
}
