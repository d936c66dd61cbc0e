using Ventanilla.Features.Archive;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Archive;

/// <summary>
/// The classification chart and the archive's registers: each closed file takes its type's series and the ends of its
/// periods from the day it closed (office time) with the years the series had then; the inventory by series and year;
/// the files due on a date; the chart's own rules.
/// </summary>
public class ArchiveTests : PetitionTestBase
{
    private ArchiveCatalog Catalog => App.Get<ArchiveCatalog>();
    private ArchiveRegisters Registers => App.Get<ArchiveRegisters>();
    private ArchiveClassification Classification => App.Get<ArchiveClassification>();
    private static readonly Actor Admin = TestActors.Named("Ana");
    private int _folios;

    /// <summary>A petition of <paramref name="typeId"/> closed at <paramref name="closedLocal"/> (office time).</summary>
    private async Task<string> ClosedAsync(DateTime closedLocal, int? typeId = null, PetitionStatus status = PetitionStatus.Cerrada)
    {
        await using var db = App.CreateDb();
        var p = PetitionRows.Make(closedLocal.AddDays(-20), DateOnly.FromDateTime(closedLocal.AddDays(-20)), typeId ?? _type, status);
        // A series of its own, in order: the registered petitions of a test take AU-2026-00001 and on.
        (p.Folio, p.ClosedAtUtc) = ($"AR-{closedLocal.Year}-{++_folios:00000}", PetitionRows.Utc(closedLocal));
        db.Petitions.Add(p);
        await db.SaveChangesAsync();
        return p.Folio;
    }

    private async Task<(int? Series, DateOnly? Active, DateOnly? Semi)> ArchiveOfAsync(string folio)
    {
        await using var db = App.CreateDb();
        var p = await db.Petitions.AsNoTracking().SingleAsync(x => x.Folio == folio);
        return (p.ArchiveSeriesId, p.ArchiveActiveUntil, p.ArchiveSemiActiveUntil);
    }

    private async Task<int> DefaultSeriesAsync() => (await Catalog.ListAsync()).Single(s => s.Code == "AU.01").Id;

    [Fact]
    public async Task A_closed_file_takes_its_series_and_dates_from_the_day_it_closed_and_keeps_them()
    {
        // 23:30 in the office is already the next day in UTC: the file closed on the 20th.
        var late = await ClosedAsync(new DateTime(2026, 11, 20, 23, 30, 0));
        var open = await Registration.RegisterWrittenAsync(_oficialia, new WrittenPetitionInput(Input(), "OP-77", new DateTime(2026, 11, 27, 9, 0, 0)));
        Assert.Equal(1, await Classification.ClassifyPendingAsync());
        Assert.Equal(0, await Classification.ClassifyPendingAsync());
        var series = await DefaultSeriesAsync();
        Assert.Equal((series, new DateOnly(2028, 11, 20), new DateOnly(2033, 11, 20)), await ArchiveOfAsync(late));
        Assert.Equal((null, null, null), await ArchiveOfAsync(open.Folio));

        // New years for the series apply to files closed from now on; the classified one keeps its dates.
        var row = (await Catalog.ListAsync()).Single(s => s.Id == series);
        await Catalog.SaveAsync(Admin, new SeriesInput(series, row.Code, row.Name, 1, 3, ArchiveDisposal.Historico, true, row.Version));
        var cancelled = await ClosedAsync(new DateTime(2026, 11, 25, 10, 0, 0), status: PetitionStatus.Cancelada);
        await Classification.ClassifyPendingAsync();
        Assert.Equal((series, new DateOnly(2028, 11, 20), new DateOnly(2033, 11, 20)), await ArchiveOfAsync(late));
        Assert.Equal((series, new DateOnly(2027, 11, 25), new DateOnly(2030, 11, 25)), await ArchiveOfAsync(cancelled));
    }

    [Fact]
    public async Task The_inventory_counts_closed_files_by_series_and_year_and_names_those_without_a_series()
    {
        await using (var db = App.CreateDb())
        {
            var other = await db.PetitionTypes.Where(t => t.Id != _type).OrderBy(t => t.Id).FirstAsync();
            other.ArchiveSeriesId = null;
            await db.SaveChangesAsync();
        }
        var otherType = (await Catalog.TypesAsync()).First(t => t.SeriesId is null).TypeId;
        var a = await ClosedAsync(new DateTime(2025, 3, 1, 10, 0, 0));
        var b = await ClosedAsync(new DateTime(2025, 12, 31, 16, 0, 0));
        var c = await ClosedAsync(new DateTime(2026, 1, 2, 10, 0, 0));
        await ClosedAsync(new DateTime(2026, 2, 2, 10, 0, 0), otherType);

        var rows = await Registers.InventoryAsync(Admin);
        Assert.Equal(3, rows.Count);
        Assert.Equal(("AU.01", 2025, 2, a, b, new DateOnly(2025, 3, 1), new DateOnly(2025, 12, 31)),
            (rows[0].SeriesCode, rows[0].Year, rows[0].Files, rows[0].FirstFolio, rows[0].LastFolio, rows[0].FirstClosed, rows[0].LastClosed));
        Assert.Equal(("AU.01", 2026, 1, c), (rows[1].SeriesCode, rows[1].Year, rows[1].Files, rows[1].FirstFolio));
        Assert.Equal(("—", 2026, 1), (rows[2].SeriesCode, rows[2].Year, rows[2].Files));
        Assert.StartsWith("Sin serie", rows[2].SeriesName);

        using var csv = new MemoryStream();
        Assert.Equal(3, await Registers.WriteInventoryAsync(Admin, csv));
        var lines = Exports.CsvLines(csv.ToArray());
        Assert.Equal("Clave,Serie,Año,Expedientes,PrimerFolio,UltimoFolio,PrimerCierre,UltimoCierre", lines[0]);
        Assert.Equal($"AU.01,\"Peticiones, quejas y aclaraciones de usuarios\",2025,2,{a},{b},2025-03-01,2025-12-31", lines[1]);
    }

    [Fact]
    public async Task The_transfer_list_gives_the_files_due_in_a_period_and_what_each_calls_for()
    {
        var toSemi = await ClosedAsync(new DateTime(2024, 6, 10, 10, 0, 0));   // trámite hasta 10/06/2026
        var toFinal = await ClosedAsync(new DateTime(2019, 5, 2, 10, 0, 0));   // trámite hasta 02/05/2021, concentración hasta 02/05/2026
        await ClosedAsync(new DateTime(2025, 6, 10, 10, 0, 0));                 // trámite hasta 10/06/2027: not this year
        await ClosedAsync(new DateTime(2023, 6, 10, 10, 0, 0));                 // trámite hasta 10/06/2025: last year's transfer

        var (rows, total) = await Registers.TransferAsync(Admin, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        Assert.Equal(2, total);
        var semi = rows.Single(r => r.Folio == toSemi);
        Assert.Equal((TransferStage.Concentracion, new DateOnly(2026, 6, 10), "Transferir al archivo de concentración"), (semi.Stage, semi.ActiveUntil, semi.StageLabel));
        var final = rows.Single(r => r.Folio == toFinal);
        Assert.Equal((TransferStage.DestinoFinal, "Destino final: Baja documental"), (final.Stage, final.StageLabel));
        Assert.Equal([toFinal], (await Registers.TransferAsync(Admin, new DateOnly(2026, 1, 1), new DateOnly(2026, 5, 31))).Rows.Select(r => r.Folio));
        var reversed = await Assert.ThrowsAsync<RuleException>(() => Registers.TransferAsync(Admin, new DateOnly(2026, 12, 31), new DateOnly(2026, 1, 1)));
        Assert.StartsWith("Hasta: 01/01/2026 es anterior", reversed.Message);

        using var csv = new MemoryStream();
        Assert.Equal(2, await Registers.WriteTransferAsync(Admin, csv, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.StartsWith("Folio,Tipo,Clave,Cerrado,TramiteHasta,ConcentracionHasta,Corresponde", Exports.CsvLines(csv.ToArray())[0]);
        var refused = await Assert.ThrowsAsync<RuleException>(() => Registers.TransferAsync(_liaison, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.Contains("Administrador", refused.Message);
    }

    [Fact]
    public async Task The_chart_names_every_wrong_field_refuses_a_repeated_code_a_stale_change_and_an_inactive_series()
    {
        var empty = await Assert.ThrowsAsync<RuleException>(() => Catalog.SaveAsync(Admin, new SeriesInput(null, " ", "", -1, 101, ArchiveDisposal.Baja, true)));
        Assert.Equal("Clave: escriba la clave de la serie (por ejemplo 3C.5).\nSerie: escriba su nombre.\n" +
            "Años en archivo de trámite: de 0 a 100; se recibió -1.\nAños en archivo de concentración: de 0 a 100; se recibió 101.", empty.Message);
        var repeated = await Assert.ThrowsAsync<RuleException>(() => Catalog.SaveAsync(Admin, new SeriesInput(null, "AU.01", "Otra", 1, 1, ArchiveDisposal.Baja, true)));
        Assert.Equal("Clave: ya hay una serie con la clave AU.01.", repeated.Message);
        var notAdmin = await Assert.ThrowsAsync<RuleException>(() => Catalog.SaveAsync(_clerk, new SeriesInput(null, "X.1", "Otra", 1, 1, ArchiveDisposal.Baja, true)));
        Assert.Contains("Administrador", notAdmin.Message);

        var id = await Catalog.SaveAsync(Admin, new SeriesInput(null, "3C.5", "Contratos", 3, 7, ArchiveDisposal.Historico, true));
        var seen = (await Catalog.ListAsync()).Single(s => s.Id == id);
        await Catalog.SaveAsync(Admin, new SeriesInput(id, "3C.5", "Contratos de servicio", 3, 7, ArchiveDisposal.Historico, false, seen.Version));
        var stale = await Assert.ThrowsAsync<RuleException>(() => Catalog.SaveAsync(Admin, new SeriesInput(id, "3C.5", "Otro nombre", 3, 7, ArchiveDisposal.Historico, true, seen.Version)));
        Assert.Equal(RuleKind.Conflict, stale.Kind);
        Assert.Equal("Contratos de servicio", (await Catalog.ListAsync()).Single(s => s.Id == id).Name);

        var type = (await Catalog.TypesAsync()).First();
        var inactive = await Assert.ThrowsAsync<RuleException>(() => Catalog.AssignAsync(Admin, type.TypeId, id, type.Version));
        Assert.Contains("esa serie ya no existe o está inactiva", inactive.Message);
        await Catalog.AssignAsync(Admin, type.TypeId, null, type.Version);
        Assert.Null((await Catalog.TypesAsync()).First(t => t.TypeId == type.TypeId).SeriesId);

        // Each change is in the settings' history.
        var history = await App.Get<SettingHistory>().RecentAsync();
        Assert.Equal(("Ana", $"Archivo: serie de «{type.Type}»", "AU.01", "Sin serie"), (history[0].By, history[0].What, history[0].Before, history[0].After));
        Assert.Equal(("Archivo: serie 3C.5", "3C.5 Contratos; trámite 3 años, concentración 7 años; Archivo histórico", "3C.5 Contratos de servicio; trámite 3 años, concentración 7 años; Archivo histórico; inactiva"),
            (history[1].What, history[1].Before, history[1].After));
        Assert.Equal((null, "3C.5 Contratos; trámite 3 años, concentración 7 años; Archivo histórico"), (history[2].Before, history[2].After));
    }
}
