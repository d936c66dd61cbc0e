using System.Text;
using Ventanilla.Features.Maintenance;
using Ventanilla.Features.Padron;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Padron;

/// <summary>
/// The utility's padrón as a service: its import from the commercial system's CSV (aliases, encodings, every bad line
/// named and nothing written), re-imports that write only the differences and take effect at once, an import cut off
/// undone, the lookups staff make, and the warning when the padrón in use grows old.
/// </summary>
public class PadronTests : PetitionTestBase
{
    private PadronImporter Importer => App.Get<PadronImporter>();
    private PadronLookup Lookup => App.Get<PadronLookup>();
    private static readonly Actor Admin = TestActors.Named("Ana");

    private const string Header = "Cuenta,Titular,Domicilio,Colonia,CP,Clave catastral,Tarifa,Estatus,Teléfono,Fecha de saldo";

    private Task<PadronReport> ImportAsync(string csv, Encoding? encoding = null, string name = "padron.csv")
    {
        var bytes = (encoding ?? new UTF8Encoding(false)).GetBytes(csv);
        return Importer.ImportAsync(Admin, () => new MemoryStream(bytes), name);
    }

    private async Task<int> InForceCountAsync()
    {
        await using var db = App.CreateDb();
        var current = await db.Settings.Select(s => s.PadronImportId).SingleAsync();
        return await PadronImporter.InForce(db.CustomerAccounts, current).CountAsync();
    }

    [Fact]
    public async Task A_Windows_1252_export_with_the_systems_own_headers_and_semicolons_is_imported_and_looked_up()
    {
        var csv = "No. de Contrato;Nombre del Titular;Dirección;Col.;C.P.;Cve. Catastral;Uso;Situación;Tel;Saldo al;Sector\r\n" +
                  "01-234-5678;LÓPEZ GARCÍA MARÍA DE LA LUZ;Av. Hidalgo 12;Centro;50000;101-02-003;Doméstico;A;55 1234 5678;30/11/2026;7\r\n" +
                  "01-234-5679;Peña Ruiz José;Calle Morelos 4 \"B\";San Sebastián;50090;101-02-004;Comercial;Cortada;;2026-11-30;7\r\n";
        var report = await ImportAsync(csv, CodePagesEncodingProvider.Instance.GetEncoding(1252));

        Assert.True(report.Applied, string.Join("\n", report.Problems));
        Assert.Equal(("Windows-1252, separado por punto y coma", 2, 2, 0, 0, 0), (report.FileFormat, report.Rows, report.Added, report.Changed, report.Removed, report.Unchanged));
        Assert.Equal(["Sector"], report.IgnoredColumns);

        var byAccount = Assert.Single(await Lookup.SearchAsync(_clerk, "01-234-5678"));
        Assert.Equal(("LÓPEZ GARCÍA MARÍA DE LA LUZ", "Av. Hidalgo 12, Centro, C.P. 50000", "101-02-003", AccountStatus.Activa, "5512345678", new DateOnly(2026, 11, 30)),
            (byAccount.HolderName, byAccount.Address, byAccount.CadastralKey, byAccount.Status, byAccount.HolderPhone, byAccount.BalanceDate));
        Assert.Equal("01-234-5679", Assert.Single(await Lookup.SearchAsync(_clerk, "101-02-004")).AccountNumber);
        // Part of the name, in another order, without accents; part of the address.
        Assert.Equal("01-234-5678", Assert.Single(await Lookup.SearchAsync(_clerk, "maria lopez")).AccountNumber);
        Assert.Equal("01-234-5679", Assert.Single(await Lookup.SearchAsync(_clerk, "morelos san seb")).AccountNumber);
        Assert.Equal(AccountStatus.Suspendida, (await Lookup.FindAsync(_clerk, "01-234-5679"))!.Status);
        Assert.Empty(await Lookup.SearchAsync(_clerk, "zapata"));

        var tooShort = await Assert.ThrowsAsync<RuleException>(() => Lookup.SearchAsync(_clerk, "ab"));
        Assert.StartsWith("Buscar en el padrón: escriba al menos 3 caracteres", tooShort.Message);
        var area = await Assert.ThrowsAsync<RuleException>(() => Lookup.SearchAsync(_liaison, "maria"));
        Assert.Contains("le corresponde a", area.Message);
        await Assert.ThrowsAsync<RuleException>(() => Importer.ImportAsync(_clerk, () => new MemoryStream(), "x.csv"));
    }

    [Fact]
    public async Task A_file_with_errors_writes_nothing_and_names_every_bad_line()
    {
        await ImportAsync($"{Header}\n01-1,Ana Uno,,,,,,,,\n");
        var csv = $"{Header}\n" +
                  "01-1,Ana Uno,Calle 1,Centro,50000,,,Activa,,\n" +
                  ",Sin Cuenta,,,,,,,,\n" +
                  "01-2,Beto Dos,,,5000,,,,,\n" +
                  "01-3,Carla Tres,,,,,,Morosa,,\n" +
                  "01-1,Ana Repetida,,,,,,,,\n" +
                  "01-4,,,,,,,,123,ayer\n";
        var report = await ImportAsync(csv);

        Assert.Equal(PadronImportStatus.Refused, report.Status);
        Assert.Equal([
            "Línea 3: Cuenta: está vacía.",
            "Línea 4: cuenta 01-2: Código postal: «5000» no son 5 dígitos.",
            "Línea 5: cuenta 01-3: Estatus: «Morosa» no es activa, suspendida ni cancelada.",
            "Línea 6: la cuenta 01-1 ya está en la línea 2.",
            "Línea 7: cuenta 01-4: Titular: está vacío. Teléfono: escriba 10 dígitos (por ejemplo 55 1234 5678). Fecha de saldo: «ayer» no es una fecha (dd/mm/aaaa o aaaa-mm-dd).",
        ], report.Problems.Select(p => p.ToString()));
        // The padrón in use is the earlier one, untouched.
        Assert.Equal(1, await InForceCountAsync());
        Assert.Null((await Lookup.FindAsync(_clerk, "01-1"))!.ServiceAddress);
        var history = await Importer.HistoryAsync();
        Assert.Equal([PadronImportStatus.Refused, PadronImportStatus.Applied], history.Select(h => h.Status));
        Assert.StartsWith("5 líneas con error: Línea 3", history[0].Error);
        Assert.True(history[1].InForce);

        var noColumn = await ImportAsync("Titular,Domicilio\nAna,Calle 1\n");
        Assert.Equal("Línea 1: falta la columna de cuenta (se reconoce como «Cuenta», «Número de cuenta», «No. de cuenta», «Cuenta contrato», «Contrato», «No. de contrato», «NIS», «Account», «AccountNumber»).",
            Assert.Single(noColumn.Problems).ToString());
    }

    [Fact]
    public async Task A_re_import_writes_only_the_differences_and_the_new_padron_takes_over_at_once()
    {
        var first = await ImportAsync($"{Header}\n01-1,Ana Uno,Calle 1,,,,,,,\n01-2,Beto Dos,Calle 2,,,,,,,\n01-3,Carla Tres,Calle 3,,,,,,,\n");
        Assert.Equal(3, first.Added);
        var second = await ImportAsync($"{Header}\n01-1,Ana Uno,Calle 1,,,,,,,\n01-2,Beto Dos,Calle Nueva 20,,,,,Suspendida,,\n01-4,Dora Cuatro,Calle 4,,,,,,,\n", name: "padron-2.csv");

        Assert.Equal((1, 1, 1, 1), (second.Added, second.Changed, second.Removed, second.Unchanged));
        Assert.Equal(3, await InForceCountAsync());
        Assert.Equal(("Calle Nueva 20", AccountStatus.Suspendida), (await Lookup.FindAsync(_clerk, "01-2")) is { } b ? (b.ServiceAddress, b.Status) : default);
        Assert.Null(await Lookup.FindAsync(_clerk, "01-3"));
        Assert.NotNull(await Lookup.FindAsync(_clerk, "01-4"));
        await using (var db = App.CreateDb())
        {
            // Only the new and the changed account were written; the unchanged row is the first import's.
            Assert.Equal(5, await db.CustomerAccounts.CountAsync());
            Assert.Equal(first.ImportId, await db.CustomerAccounts.Where(a => a.AccountNumber == "01-1").Select(a => a.ValidFromImport).SingleAsync());
            Assert.Equal(second.ImportId, await db.Settings.Select(s => s.PadronImportId).SingleAsync());
        }

        var same = await ImportAsync($"{Header}\n01-1,Ana Uno,Calle 1,,,,,,,\n01-2,Beto Dos,Calle Nueva 20,,,,,Suspendida,,\n01-4,Dora Cuatro,Calle 4,,,,,,,\n");
        Assert.Equal((0, 0, 0, 3), (same.Added, same.Changed, same.Removed, same.Unchanged));
        var history = await Importer.HistoryAsync();
        Assert.Equal([true, false, false], history.Select(h => h.InForce));
        Assert.Equal(("padron-2.csv", "Ana", 3), (history[1].FileName, history[1].By, history[1].Rows));
    }

    [Fact]
    public async Task An_import_cut_off_half_way_is_undone_and_the_earlier_padron_stays_in_force()
    {
        var first = await ImportAsync($"{Header}\n01-1,Ana Uno,Calle 1,,,,,,,\n01-2,Beto Dos,Calle 2,,,,,,,\n");
        await using (var db = App.CreateDb())
        {
            // What a process that died in the middle leaves: its import running, a new account written, one superseded.
            var cut = new PadronImport { FileName = "cortado.csv", FileHash = "x", By = "Ana", StartedAtUtc = DateTime.UtcNow, Status = PadronImportStatus.Running,
                Owner = $"{Environment.MachineName}:999999:1", HeartbeatUtc = DateTime.UtcNow.AddHours(-1) };
            db.PadronImports.Add(cut);
            await db.SaveChangesAsync();
            db.CustomerAccounts.Add(new PadronRow(2, "01-9", "Nueva Cuenta", null, null, null, null, null, AccountStatus.Activa, null, null).ToAccount(cut.Id));
            await db.SaveChangesAsync();
            await db.CustomerAccounts.Where(a => a.AccountNumber == "01-2").ExecuteUpdateAsync(u => u.SetProperty(a => a.ValidToImport, cut.Id));
        }
        Assert.Equal(1, await Importer.RecoverAsync());
        await using (var db = App.CreateDb())
        {
            Assert.Equal(["01-1", "01-2"], await db.CustomerAccounts.OrderBy(a => a.AccountNumber).Select(a => a.AccountNumber).ToListAsync());
            Assert.All(await db.CustomerAccounts.ToListAsync(), a => Assert.Null(a.ValidToImport));
            Assert.Equal(first.ImportId, await db.Settings.Select(s => s.PadronImportId).SingleAsync());
        }
        var history = await Importer.HistoryAsync();
        Assert.Equal(PadronImportStatus.RolledBack, history[0].Status);
        Assert.StartsWith("La importación se interrumpió", history[0].Error);

        // One still writing (this process, a heartbeat just now) refuses a second.
        await using (var db = App.CreateDb())
        {
            db.PadronImports.Add(new PadronImport { FileName = "vivo.csv", FileHash = "y", By = "Beto", StartedAtUtc = DateTime.UtcNow, Status = PadronImportStatus.Running,
                Owner = ProcessOwner.Current, HeartbeatUtc = App.Time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }
        var busy = await Assert.ThrowsAsync<RuleException>(() => ImportAsync($"{Header}\n01-1,Ana,,,,,,,,\n"));
        Assert.StartsWith("Ya se está importando un padrón («vivo.csv»", busy.Message);
    }

    [Fact]
    public async Task An_old_padron_is_told_to_the_administrator_in_health_and_the_age_is_a_setting()
    {
        Assert.False((await Lookup.FreshnessAsync()).Imported);
        await ImportAsync($"{Header}\n01-1,Ana Uno,,,,,,,,\n");
        Assert.Equal((0, false), (await Lookup.FreshnessAsync()) is var f ? (f.AgeDays, f.Stale) : default);
        App.Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal((8, true), (await Lookup.FreshnessAsync()) is var old ? (old.AgeDays, old.Stale) : default);
        var health = await HealthEndpoint.CheckAsync(App.Services, default);
        Assert.Contains(health.Problems, p => p.StartsWith("El padrón de usuarios en uso es del 27/11/2026 (hace 8 días)", StringComparison.Ordinal));

        var settings = App.Get<SettingsService>();
        var bad = await Assert.ThrowsAsync<RuleException>(() => Importer.SaveStaleDaysAsync(Admin, 0, settings.Current.Version));
        Assert.Equal("Antigüedad máxima del padrón: de 1 a 90 días; se recibió 0.", bad.Message);
        await Importer.SaveStaleDaysAsync(Admin, 10, settings.Current.Version);
        Assert.False((await Lookup.FreshnessAsync()).Stale);
    }

    [Fact]
    public async Task Registering_a_petition_on_an_account_of_the_padron_writes_the_holder_the_comparison_and_the_decision_in_its_history()
    {
        await ImportAsync($"{Header}\n01-234-5678,PÉREZ HERNÁNDEZ JOSÉ,Calle 1,,,,,,,\n");
        async Task<string?> NoteAsync(string name, bool thirdParty, string account, string letter)
        {
            var petition = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(
                Input(thirdParty) with { PetitionerName = name, AccountNumber = account }, letter, new DateTime(2026, 11, 27, 9, 0, 0)));
            var padron = (await EventsAsync(petition.Id)).Single(e => e.Kind == "Titularidad según el padrón");
            Assert.Equal("olga", padron.UserName);
            return padron.Note;
        }
        Assert.Equal("Cuenta 01-234-5678: titular en el padrón PÉREZ HERNÁNDEZ JOSÉ. Titular; se registró como titular.",
            await NoteAsync("José Pérez", false, "01-234-5678", "OP-1"));
        Assert.Equal("Cuenta 01-234-5678: titular en el padrón PÉREZ HERNÁNDEZ JOSÉ. Tercero (no es el titular); se registró como tercero.",
            await NoteAsync("Ana Ruiz", true, "01-234-5678", "OP-2"));
        Assert.Equal("Cuenta 01-234-5678: titular en el padrón PÉREZ HERNÁNDEZ JOSÉ. Tercero (no es el titular); se registró como titular, distinto de lo que sugiere el nombre.",
            await NoteAsync("Ana Ruiz", false, "01-234-5678", "OP-3"));
        Assert.Equal("La cuenta 09-999-9999 no está en el padrón en uso.", await NoteAsync("Ana Ruiz", false, "09-999-9999", "OP-4"));
    }

    [Fact]
    public async Task Accounts_with_letters_are_kept_upper_case_and_typed_at_the_desk_the_same_way_and_odd_ones_are_named()
    {
        var bad = await ImportAsync($"{Header}\nab-123,PÉREZ HERNÁNDEZ JOSÉ,Calle 1,,,,,,,\n01#77,RUIZ ANA,,,,,,,,\n");
        Assert.Equal(PadronImportStatus.Refused, bad.Status);
        Assert.Equal(["Línea 3: Cuenta: use letras, dígitos y guiones (al menos un dígito), hasta 30 caracteres, como viene en el recibo (por ejemplo 01-234-5678)."],
            bad.Problems.Select(p => p.ToString()));

        var report = await ImportAsync($"{Header}\nab-123,PÉREZ HERNÁNDEZ JOSÉ,Calle 1,,,,,,,\n01-2,RUIZ ANA,,,,,,,,\n");
        Assert.True(report.Applied, string.Join("\n", report.Problems));
        Assert.True(App.Get<SettingsService>().Current.AccountsHaveLetters);
        Assert.Equal("AB-123", Assert.Single(await Lookup.SearchAsync(_clerk, "AB-123")).AccountNumber);
        // Typed in lower case at registration, it is the padrón's account.
        var petition = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input() with { PetitionerName = "José Pérez", AccountNumber = "ab-123" }, "OP-1",
            new DateTime(2026, 11, 27, 9, 0, 0)));
        Assert.Equal("AB-123", (await LoadAsync(petition.Id)).AccountNumber);
        Assert.StartsWith("Cuenta AB-123: titular en el padrón PÉREZ HERNÁNDEZ JOSÉ. Titular;",
            (await EventsAsync(petition.Id)).Single(e => e.Kind == "Titularidad según el padrón").Note);

        // A padrón of digits only gives the kiosk and the public forms their numeric keyboard back.
        Assert.True((await ImportAsync($"{Header}\n01-2,RUIZ ANA,,,,,,,,\n")).Applied);
        Assert.False(App.Get<SettingsService>().Current.AccountsHaveLetters);
    }

    [Fact]
    public async Task An_accounts_petitions_open_first_with_their_lights_and_its_visits_are_on_one_panel()
    {
        var open = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input() with { AccountNumber = "01-234-5678" }, "OP-1", new DateTime(2026, 11, 20, 9, 0, 0)));
        var closed = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input() with { AccountNumber = "01-234-5678" }, "OP-2", new DateTime(2026, 11, 23, 9, 0, 0)));
        await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input() with { AccountNumber = "09-999-0000" }, "OP-3", new DateTime(2026, 11, 23, 9, 0, 0)));
        await using (var db = App.CreateDb())
        {
            await db.Petitions.Where(p => p.Id == closed.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PetitionStatus.Cerrada));
            var category = await db.ServiceCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();
            db.Visits.Add(new Visit { ArrivedAtUtc = PetitionRows.Utc(new DateTime(2026, 11, 20, 8, 30, 0)), ServiceDate = D(11, 20), ServiceCategoryId = category,
                AccountNumber = "01-234-5678", Outcome = VisitOutcome.PetitionCreated });
            await db.SaveChangesAsync();
        }

        var view = (await App.Get<AccountHistory>().ForAsync(_clerk, " 01-234-5678 "))!;
        Assert.Equal([open.Folio, closed.Folio], view.Petitions.Select(p => p.Folio));
        Assert.Equal((TrafficLight.Verde, PetitionStatus.Registrada), (view.Petitions[0].Light!.Value, view.Petitions[0].Status));
        Assert.Null(view.Petitions[1].Light);
        Assert.Equal([open.Folio], view.OpenOfType(_type).Select(p => p.Folio));
        Assert.Equal(VisitOutcome.PetitionCreated, Assert.Single(view.Visits).Outcome);
        Assert.Null(await App.Get<AccountHistory>().ForAsync(_clerk, " "));
        await Assert.ThrowsAsync<RuleException>(() => App.Get<AccountHistory>().ForAsync(_liaison, "01-234-5678"));
    }
}
