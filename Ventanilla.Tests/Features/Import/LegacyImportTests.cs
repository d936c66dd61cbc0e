using System.Text;
using Ventanilla.Features.Import;
using Ventanilla.Features.Import.Demo;

namespace Ventanilla.Tests.Features.Import;

public class LegacyImportTests : AppServiceTest
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private string Write(string name, string content, Encoding? encoding = null)
    {
        var path = Path.Combine(App.Folder, name);
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(content));
        return path;
    }

    private Task<ImportReport> ImportAsync(string path, ImportOptions? options = null)
        => App.Get<LegacyImport>().RunAsync(() => File.OpenRead(path), Path.GetFileName(path), options ?? new ImportOptions());

    private async Task<Petition> PetitionAsync(string folio)
    {
        await using var db = App.CreateDb();
        return await db.Petitions.AsNoTracking().Include(p => p.Routings).ThenInclude(r => r.Area).Include(p => p.PetitionType).Include(p => p.Customer)
            .SingleAsync(p => p.Folio == folio);
    }

    private async Task<int> CountAsync()
    {
        await using var db = App.CreateDb();
        return await db.Petitions.CountAsync();
    }

    [Fact]
    public async Task The_sample_imports_cleanly_with_lines_areas_customers_and_the_folio_series()
    {
        var report = await ImportAsync(DemoFiles.LegacySample);

        Assert.True(report.IsValid, report.ToText());
        Assert.True(report.Written);
        Assert.Equal((300, 300), (report.RowsRead, report.ToAdd));
        Assert.Equal(["Cultura del Agua"], report.NewAreas);
        Assert.Contains("Reporte de fuga", report.NewTypes);
        Assert.Equal(300, await CountAsync());

        // Line 12 of the file: two earlier records span two lines each. Areas matched ignoring case and accents.
        var p = await PetitionAsync("GAU-2024-00003");
        Assert.Equal("Héctor Gómez García", p.PetitionerName);
        Assert.Equal(PetitionStatus.Cerrada, p.Status);
        Assert.Equal(["Facturación y Cobranza", "Jurídico"], p.Routings.Select(r => r.Area!.Name).Order());
        Assert.All(p.Routings, r => Assert.Equal(RoutingStatus.Answered, r.Status));
        Assert.Equal(new DateOnly(2024, 3, 27), p.ResponseDate);
        Assert.Equal(new DateOnly(2024, 3, 4), p.DayZero); // received on Sunday 3 March: day 0 is Monday
        Assert.Equal("52519", p.Customer!.AccountNumber);
        await using (var db = App.CreateDb())
        {
            var imported = await db.PetitionEvents.SingleAsync(e => e.PetitionId == p.Id);
            Assert.Equal("Importada", imported.Kind);
            Assert.Equal("Importada del archivo «peticiones-legado-muestra.csv», línea 12.", imported.Note);
            Assert.Equal(116, (await db.FolioSequences.SingleAsync(s => s.Prefix == "GAU" && s.Year == 2024)).LastNumber);
            var run = await db.ImportRuns.SingleAsync();
            Assert.True(run.Succeeded);
            Assert.Equal(300, run.RowsAdded);
        }

        // Multi-line quoted notes with doubled quotes survive; "Sin acreditación" and "Tercero: X" too.
        var first = await PetitionAsync("GAU-2025-00001");
        Assert.Equal("Pendiente visita de inspección; \"urgente\"", first.Notes);
        Assert.Equal(PetitionStatus.CerradaSinAcreditacion, first.Status);
        Assert.True(first.IsThirdParty);
        Assert.Equal("Revisar lectura del medidor,\nposible fuga interna", (await PetitionAsync("GAU-2024-00002")).Notes!.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing()
    {
        await ImportAsync(DemoFiles.LegacySample);
        var again = await ImportAsync(DemoFiles.LegacySample);

        Assert.True(again.IsValid);
        Assert.Equal(0, again.ToAdd);
        Assert.Equal(300, again.AlreadyPresent.Count);
        Assert.Empty(again.NewAreas);
        Assert.Equal(300, await CountAsync());
        await using var db = App.CreateDb();
        Assert.Equal(300, await db.PetitionEvents.CountAsync());
        Assert.Equal(1, await db.Areas.CountAsync(a => a.Name == "Cultura del Agua"));
    }

    [Fact]
    public async Task A_messy_windows_1252_semicolon_file_imports_with_accents_intact()
    {
        var path = Write("control 2019.csv", string.Join("\r\n",
            "No. de Folio ; Fecha de ingreso ;Peticionario;¿Tercero?;Contrato;Tel;Dirección;Trámite;Descripción;Turnado a;Situación;Fecha de contestación;Cierre;Comentarios;Forma de ingreso",
            "",
            "gau-2019-7;5/3/19 17:30;  Begoña Peña Núñez ;S;01-234;7221234567;Av. Hidalgo 5;Aclaración de consumo;\"Cobro de \"\"doble\"\" lectura;\r\nrevisar\";Operación / PADRON DE USUARIOS;En trámite;;;;Oficio",
            "GAU-2019-8;2019-03-06;José Ávila;no;;;;Reconexión;Reconexión;;Atendido;07/03/2019;08/03/2019;Sin adeudo;",
            "   ",
            ""), Windows1252);

        var report = await ImportAsync(path);

        Assert.True(report.IsValid, report.ToText());
        Assert.Equal(("Windows-1252", "punto y coma"), (report.Encoding, report.Delimiter));
        var messy = await PetitionAsync("GAU-2019-00007");
        Assert.Equal("Begoña Peña Núñez", messy.PetitionerName);
        Assert.Equal("Cobro de \"doble\" lectura;\nrevisar", messy.Subject.Replace("\r\n", "\n"));
        Assert.Equal(PetitionChannel.Escrito, messy.Channel);
        Assert.True(messy.IsThirdParty);
        Assert.Equal(PetitionStatus.Turnada, messy.Status);
        Assert.Equal(["Operación", "Padrón de Usuarios"], messy.Routings.Select(r => r.Area!.Name).Order());
        Assert.All(messy.Routings, r => Assert.Equal(RoutingStatus.Pending, r.Status));
        // Received Tuesday 5 March 2019 at 17:30, after closing: day 0 is Wednesday 6, due 15 business days later
        // (Thursday 21 March 2019 is not counted: Benito Juárez's day was Monday 18).
        Assert.Equal(new DateOnly(2019, 3, 6), messy.DayZero);
        Assert.Equal(new DateOnly(2019, 3, 28), messy.DueDate);
        var closed = await PetitionAsync("GAU-2019-00008");
        Assert.Equal((PetitionStatus.Cerrada, true, "José Ávila"), (closed.Status, closed.OnTime, closed.PetitionerName));
        Assert.Equal(PetitionChannel.Presencial, closed.Channel);
    }

    [Fact]
    public async Task A_tab_separated_utf8_file_without_bom_and_a_header_only_file()
    {
        var tab = Write("tabs.tsv", "Folio\tFecha\tNombre\tEstado\nAU-2025-00010\t02/01/2025\tLucía Ñando\tCerrado\n");
        var report = await ImportAsync(tab);
        Assert.Equal(("UTF-8", "tabulador", 1), (report.Encoding, report.Delimiter, report.ToAdd));
        Assert.Equal("Lucía Ñando", (await PetitionAsync("AU-2025-00010")).PetitionerName);
        Assert.Equal(LegacyRowReader.UntypedName, (await PetitionAsync("AU-2025-00010")).PetitionType!.Name);

        var empty = await ImportAsync(Write("vacío.csv", "\uFEFFFolio,Fecha de recepción,Nombre del usuario\r\n"));
        Assert.True(empty.IsValid);
        Assert.Equal((0, 0), (empty.RowsRead, empty.ToAdd));
    }

    [Fact]
    public async Task A_file_with_errors_writes_nothing_and_names_every_bad_line()
    {
        var path = Write("errores.csv", string.Join("\n",
            "Folio,Fecha de recepción,Nombre,Estatus,Tercero,Área",
            "GAU-2024-00001,31/02/2024,Ana Ruiz,Cerrado,,Nueva Área",
            "\"GAU-2024-00002\",10/02/2024,\"Luis",
            "Pérez\",Concluido,,",
            ",10/02/2024,Sin Folio,Cerrado,,",
            "GAU-2024-00004,10/02/2024,,Cerrado,,",
            "GAU-2024-00005,10/02/2024,Eva Díaz,Archivado,,",
            "GAU-2024-00006,10/02/2024,Eva Díaz,Cerrado,Quizá,",
            "GAU-2024-00002,11/02/2024,Otro,Concluido,,",
            "GAU-2024-00007,01/12/2026,Futura,En trámite,,",
            "GAU-2024-00008,12/02/2024,Bien,Cerrado,,",
            "GAU-2024-00008,12/02/2024,Bien,Cerrado,,"));

        var report = await ImportAsync(path);

        Assert.False(report.IsValid);
        Assert.False(report.Written);
        Assert.Equal(
        [
            "Línea 2 (folio GAU-2024-00001): Fecha de recepción: «31/02/2024» no es una fecha válida (use dd/mm/aaaa, d/m/aaaa, dd/mm/aa o aaaa-mm-dd, con hora HH:mm opcional).",
            "Línea 5: Folio: está vacío (es obligatorio).",
            "Línea 6 (folio GAU-2024-00004): Solicitante: está vacío (es obligatorio).",
            "Línea 7 (folio GAU-2024-00005): Estatus: «Archivado» no es un estatus conocido (por ejemplo: En trámite, Turnado, Concluido, Cerrado, Cancelado, Sin acreditación).",
            "Línea 8 (folio GAU-2024-00006): Es tercero: «Quizá» no es sí ni no (use Sí/No, S/N, X o vacío).",
            "Línea 9 (folio GAU-2024-00002): el folio ya aparece en la línea 3 con otros datos.",
            "Línea 10 (folio GAU-2024-00007): Fecha de recepción: 01/12/2026 es posterior a hoy.",
        ], report.Errors.Select(e => e.ToString()));
        Assert.Equal("Línea 12 (folio GAU-2024-00008): igual a la línea 11.", Assert.Single(report.Repeated).ToString());
        Assert.Contains("Errores (7); no se importó nada:", report.ToText());
        Assert.Equal(0, await CountAsync());
        await using var db = App.CreateDb();
        Assert.False(await db.Areas.AnyAsync(a => a.Name == "Nueva Área"));
        var run = await db.ImportRuns.SingleAsync();
        Assert.False(run.Succeeded);
        Assert.Equal(7, run.ErrorCount);
    }

    [Fact]
    public async Task Rows_already_written_are_rolled_back_when_a_later_row_is_bad()
    {
        var path = Write("tarde.csv", "Folio,Fecha,Nombre,Área\nGAU-2024-00001,01/02/2024,Ana,Área Nueva\nGAU-2024-00002,02/02/2024,Beto,Operación\nGAU-2024-00003,30/02/2024,Eva,\n");

        var report = await ImportAsync(path);

        Assert.Equal("Línea 4 (folio GAU-2024-00003): Fecha de recepción: «30/02/2024» no es una fecha válida (use dd/mm/aaaa, d/m/aaaa, dd/mm/aa o aaaa-mm-dd, con hora HH:mm opcional).",
            Assert.Single(report.Errors).ToString());
        Assert.False(report.Written);
        Assert.Equal(0, await CountAsync());
        await using var db = App.CreateDb();
        Assert.False(await db.Areas.AnyAsync(a => a.Name == "Área Nueva"));
        Assert.Equal(0, await db.PetitionEvents.CountAsync());
        Assert.Equal(0, await db.Customers.CountAsync());
    }

    [Fact]
    public async Task A_large_file_rebuilds_the_indexes_it_set_aside()
    {
        var rows = Enumerable.Range(1, 6000).Select(i => $"GAU-2023-{i:00000},{new DateOnly(2023, 1, 2).AddDays(i % 300):dd/MM/yyyy},Usuario {i},Cerrado,Operación,{i:00000},{new string('x', 150)}");
        var path = Write("grande.csv", "Folio,Fecha,Nombre,Estatus,Área,Cuenta,Notas\n" + string.Join("\n", rows));
        Assert.True(new FileInfo(path).Length >= 1024 * 1024);
        // SQLite sets the indexes aside for a big import and rebuilds them; PostgreSQL keeps them throughout. Either way they end as they began.
        string[] Indexes(AppDbContext db) => [.. db.Database.SqlQueryRaw<string>(OnPostgres
            ? "SELECT indexname AS \"Value\" FROM pg_indexes WHERE tablename IN ('Petitions', 'Customers', 'Routings', 'PetitionEvents') ORDER BY indexname"
            : "SELECT name AS Value FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Petitions', 'Customers', 'Routings', 'PetitionEvents') ORDER BY name")];
        string[] before;
        await using (var db = App.CreateDb()) before = Indexes(db);

        var report = await ImportAsync(path);

        Assert.Equal(6000, report.ToAdd);
        await using (var db = App.CreateDb())
        {
            Assert.Equal(before, Indexes(db));
            Assert.Contains("IX_Petitions_Folio", before);
            Assert.Equal(6000, await db.Petitions.CountAsync(p => p.Routings.Count == 1));
            Assert.Equal("Usuario 4321", (await db.Petitions.SingleAsync(p => p.Folio == "GAU-2023-04321")).PetitionerName);
        }
        // The unique folio index is back: a second import of the same folios is skipped, not duplicated.
        Assert.Equal(6000, (await ImportAsync(path)).AlreadyPresent.Count);
    }

    [Fact]
    public async Task A_missing_required_column_is_named_with_the_headers_it_accepts()
    {
        var report = await ImportAsync(Write("sin-nombre.csv", "Folio,Fecha\nA-1,01/01/2025\n"));
        Assert.False(report.IsValid);
        Assert.Equal("Falta la columna obligatoria Solicitante (se reconoce como: Solicitante, Nombre, Nombre del usuario, Usuario, Peticionario).",
            Assert.Single(report.FileErrors));
        Assert.Equal(0, report.RowsRead);
    }

    [Fact]
    public async Task An_unrecognised_header_can_be_mapped_by_hand()
    {
        var path = Write("expedientes.csv", "Num. expediente,Fecha,Nombre,Color\nEXP-77,01/01/2025,Ana,azul\n");
        var unmapped = await ImportAsync(path, new ImportOptions(DryRun: true));
        Assert.Contains("Falta la columna obligatoria Folio", unmapped.FileErrors.Single());
        Assert.Equal(["Num. expediente", "Color"], unmapped.Unrecognised.Select(c => c.Header));

        var mapped = await ImportAsync(path, new ImportOptions(Mapping: new Dictionary<string, ImportField?> { ["Num. expediente"] = ImportField.Folio }));
        Assert.True(mapped.IsValid, mapped.ToText());
        Assert.Equal("Ana", (await PetitionAsync("EXP-77")).PetitionerName);
    }

    [Fact]
    public async Task A_folio_already_used_by_another_petition_is_reported_and_never_overwritten()
    {
        await ImportAsync(Write("uno.csv", "Folio,Fecha,Nombre\nGAU-2025-00001,01/02/2025,Ana Ruiz\n"));
        var report = await ImportAsync(Write("dos.csv", "Folio,Fecha,Nombre\nGAU-2025-00001,03/02/2025,Beto Gil\nGAU-2025-00002,03/02/2025,Beto Gil\n"));

        Assert.True(report.IsValid);
        Assert.Equal(1, report.ToAdd);
        Assert.Equal("Línea 2 (folio GAU-2025-00001): en Ventanilla ese folio es de Ana Ruiz, recibida el 01/02/2025; en el archivo, de Beto Gil, recibida el 03/02/2025.",
            Assert.Single(report.Conflicts).ToString());
        Assert.Equal("Ana Ruiz", (await PetitionAsync("GAU-2025-00001")).PetitionerName);
    }

    [Fact]
    public async Task The_office_folio_series_continues_after_the_highest_imported_folio()
    {
        await ImportAsync(Write("au.csv", "Folio,Fecha,Nombre\nAU-2026-00041,02/11/2026,Ana\nAU-2026-00042,03/11/2026,Beto\n"));
        var clerk = await App.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes);
        int type;
        await using (var db = App.CreateDb()) type = await db.PetitionTypes.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        var created = await App.Get<PetitionRegistration>().RegisterWrittenAsync(await App.Get<Actors>().ForUserAsync(clerk.Id),
            new WrittenPetitionInput(new PetitionInput(type, "Fuga", "Carla"), "OP-1", new DateTime(2026, 11, 27, 9, 0, 0)));
        Assert.Equal("AU-2026-00043", created.Folio);
    }
}
