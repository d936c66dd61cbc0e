namespace Ventanilla.Tests.Cli;

/// <summary><c>access-log FOLIO</c> prints who read a folio's personal data; the console's own exports are reads too.</summary>
public class AccessLogCommandTests : CliTestBase
{
    [Fact]
    public async Task Prints_the_reads_of_one_folio_and_says_when_there_are_none()
    {
        await ExecuteSqlAsync("""
            INSERT INTO PersonalDataReads (AtUtc, UserId, UserName, Kind, Subject, Folio, PetitionId, Detail, Source, Address)
            VALUES ('2026-11-26 16:05:00', NULL, 'Rosa Martínez', 1, 'AU-2026-00015', 'AU-2026-00015', 15, NULL, '/peticiones/AU-2026-00015', '192.0.2.7'),
                   ('2026-11-26 17:00:00', NULL, 'Óscar Ruiz', 9, 'AU-2026-00015: ine.pdf', 'AU-2026-00015', 15, 'Descargado', '/expediente/3/descargar', '192.0.2.8'),
                   ('2026-11-26 17:30:00', NULL, 'Óscar Ruiz', 1, 'AU-2026-00016', 'AU-2026-00016', 16, NULL, '/peticiones/AU-2026-00016', '192.0.2.8');
            """);

        var result = await RunAsync("access-log", "au-2026-00015");

        Assert.Equal(0, result.Code);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
        [
            "26/11/2026 10:05:00 · Rosa Martínez · Petición: AU-2026-00015 · /peticiones/AU-2026-00015 · 192.0.2.7",
            "26/11/2026 11:00:00 · Óscar Ruiz · Documento del expediente: AU-2026-00015: ine.pdf (Descargado) · /expediente/3/descargar · 192.0.2.8",
            "Folio AU-2026-00015: 2 accesos.",
        ], lines);

        var none = await RunAsync("access-log", "AU-2026-00015", "--from", "2026-11-27");
        Assert.Contains("Nadie ha consultado datos personales del folio AU-2026-00015 en ese periodo.", none.Output);
        var bad = await RunAsync("access-log", "AU-2026-00015", "--to", "mañana");
        Assert.Equal(1, bad.Code);
        Assert.Contains("--to: «mañana» no es una fecha válida", bad.Error);
    }

    [Fact]
    public async Task The_consoles_exports_of_the_registers_are_recorded_as_reads_by_the_command_line()
    {
        Assert.Equal(0, (await RunAsync("export", "petitions", Path.Combine(Folder, "p.csv"))).Code);
        Assert.Equal(0, (await RunAsync("export", "visits", Path.Combine(Folder, "v.csv"), "--from", "2026-11-20", "--to", "2026-11-27")).Code);

        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={DatabasePath};Pooling=False").Options);
        var reads = await db.PersonalDataReads.OrderBy(r => r.Id).Select(r => new { r.UserName, r.Kind, r.Subject, r.Source }).ToListAsync();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, r => Assert.Equal(("Línea de comandos", "Línea de comandos"), (r.UserName, r.Source)));
        Assert.Equal((PersonalDataKind.ExportacionPeticiones, "Control de Peticiones completo"), (reads[0].Kind, reads[0].Subject));
        Assert.Equal((PersonalDataKind.ExportacionVisitas, "Del 20/11/2026 al 27/11/2026"), (reads[1].Kind, reads[1].Subject));
    }
}
