using System.Text;

namespace Ventanilla.Tests.Cli;

public class CalendarCommandTests : CliTestBase
{
    private string WriteFile(string name, string text, Encoding? encoding = null)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(true));
        return path;
    }

    [Fact]
    public async Task Done_when_the_deadline_moves_after_importing_Dec_7_as_an_organismo_day()
    {
        Assert.Equal("2026-12-07", (await RunAsync("deadline", "2026-11-13")).Lines[^1]);

        var file = WriteFile("dias.csv", "Fecha,FechaFin,Descripcion\r\n2026-12-07,,Aniversario del organismo\r\n");
        var import = await RunAsync("calendar", "import", file);
        Assert.Equal(0, import.Code);
        Assert.Contains("1 agregadas", import.Output);

        Assert.Equal("2026-12-08", (await RunAsync("deadline", "2026-11-13")).Lines[^1]);
    }

    [Fact]
    public async Task Export_lists_federal_and_organismo_days_without_weekends_through_next_year()
    {
        await RunAsync("calendar", "import", WriteFile("dias.csv",
            "Fecha,FechaFin,Descripcion\n02/11/2026,,Día de Muertos\n2026-03-30,2026-04-03,Semana Santa\n"));
        var file = Path.Combine(Folder, "calendario.csv");

        var result = await RunAsync("calendar", "export", file);

        Assert.Equal(0, result.Code);
        var bytes = File.ReadAllBytes(file);
        Assert.Equal(new UTF8Encoding(true).Preamble.ToArray(), bytes[..3]);
        var lines = File.ReadAllLines(file, Encoding.UTF8);
        Assert.Equal("Fecha,Tipo,Descripcion", lines[0]);
        Assert.Contains("2026-11-16,Federal,Día de la Revolución", lines);
        Assert.Contains("2026-11-02,Organismo,Día de Muertos", lines);
        Assert.Equal(5, lines.Count(l => l.Contains("Semana Santa")));
        Assert.Contains("2027-01-01,Federal,Año Nuevo", lines);
        Assert.StartsWith("2026-", lines[1]);
        Assert.StartsWith("2027-", lines[^1]);
        Assert.DoesNotContain(lines, l => l.StartsWith("2027-12-25"));
        var dates = lines.Skip(1).Select(l => DateOnly.ParseExact(l[..10], "yyyy-MM-dd")).ToList();
        Assert.DoesNotContain(dates, d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.Equal(dates.Order(), dates);
    }

    [Fact]
    public async Task Export_starts_at_the_earliest_year_with_data()
    {
        await RunAsync("calendar", "import", WriteFile("dias.csv", "Fecha,Descripcion\n2024-03-04,Día del organismo 2024\n"));
        var file = Path.Combine(Folder, "calendario.csv");
        await RunAsync("calendar", "export", file);
        var lines = File.ReadAllLines(file);
        Assert.Equal("2024-01-01,Federal,Año Nuevo", lines[1]);
        Assert.Contains("2024-10-01,Federal,Transmisión del Poder Ejecutivo Federal", lines);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_or_its_own_export_adds_nothing()
    {
        var file = WriteFile("dias.csv", "Fecha,FechaFin,Descripcion\n2026-12-21,2026-12-31,Vacaciones de invierno\n2026-11-02,,Día de Muertos\n");
        Assert.Contains("2 agregadas", (await RunAsync("calendar", "import", file)).Output);
        var again = await RunAsync("calendar", "import", file);
        Assert.Equal(0, again.Code);
        Assert.Contains("0 agregadas, 2 ya estaban registradas", again.Output);

        var export = Path.Combine(Folder, "calendario.csv");
        await RunAsync("calendar", "export", export);
        var roundTrip = await RunAsync("calendar", "import", export);
        Assert.Equal(0, roundTrip.Code);
        Assert.Contains(" 0 agregadas", roundTrip.Output);
    }

    [Fact]
    public async Task A_bad_file_names_the_line_and_adds_nothing()
    {
        var file = WriteFile("dias.csv", "Fecha,FechaFin,Descripcion\n2026-12-07,,Bien\n2026-02-30,,Fecha imposible\n");
        var result = await RunAsync("calendar", "import", file);
        Assert.Equal(1, result.Code);
        Assert.Contains("Línea 3, Fecha: «2026-02-30» no es una fecha válida", result.Error);

        Assert.Equal("2026-12-07", (await RunAsync("deadline", "2026-11-13")).Lines[^1]);
    }

    [Fact]
    public async Task A_missing_file_is_a_clear_error()
    {
        var result = await RunAsync("calendar", "import", Path.Combine(Folder, "no-existe.csv"));
        Assert.Equal(1, result.Code);
        Assert.Contains("No se pudo leer", result.Error);
    }
}
