using System.Runtime.CompilerServices;

namespace Ventanilla.Features.Archive;

/// <summary>One line of the inventory: the closed files of a series in a year (by the day they closed).</summary>
public sealed record InventoryRow(string SeriesCode, string SeriesName, int Year, int Files, string FirstFolio, string LastFolio, DateOnly FirstClosed, DateOnly LastClosed);

/// <summary>What a file's date calls for: moving to the semi-active archive, or its final destination.</summary>
public enum TransferStage
{
    Concentracion = 1,
    DestinoFinal = 2,
}

/// <summary>One file of the transfer list.</summary>
public sealed record TransferRow(string Folio, string Type, string SeriesCode, DateOnly ClosedOn, DateOnly ActiveUntil, DateOnly SemiActiveUntil, TransferStage Stage, ArchiveDisposal Disposal)
{
    public string StageLabel => Stage == TransferStage.Concentracion ? "Transferir al archivo de concentración" : $"Destino final: {ArchiveCatalog.Label(Disposal)}";
}

/// <summary>
/// The archive's registers over the classified closed files: the inventory by series and year, and the list of files
/// due in a period (their active period ends in it: to the semi-active archive; their semi-active period ends in it:
/// final destination), as the archive prepares its yearly transfers. Both as the page shows them and as CSV. Reading them classifies first what closed since the last run.
/// </summary>
public sealed class ArchiveRegisters(IDbContextFactory<AppDbContext> dbFactory, ArchiveClassification classification, OfficeClock office)
{
    public const int TransferShown = 500;

    public async Task<IReadOnlyList<InventoryRow>> InventoryAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require("Consultar el inventario de archivo", ArchiveCatalog.ReadRoles);
        await classification.ClassifyPendingAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var closed = db.Petitions.AsNoTracking().Where(p => p.ClosedAtUtc != null);
        if (!await closed.AnyAsync(ct)) return [];
        var first = office.ToLocal(await closed.MinAsync(p => p.ClosedAtUtc!.Value, ct)).Year;
        var last = office.ToLocal(await closed.MaxAsync(p => p.ClosedAtUtc!.Value, ct)).Year;
        var series = await db.ArchiveSeries.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var rows = new List<InventoryRow>();
        for (var year = first; year <= last; year++)
        {
            // A year of the office's calendar, as UTC bounds: the grouping runs in the database on both engines.
            var (from, before) = office.DaysUtc(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            var groups = await closed.Where(p => p.ClosedAtUtc >= from && p.ClosedAtUtc < before).GroupBy(p => p.ArchiveSeriesId)
                .Select(g => new { g.Key, Files = g.Count(), FirstFolio = g.Min(p => p.Folio), LastFolio = g.Max(p => p.Folio), First = g.Min(p => p.ClosedAtUtc)!.Value, Last = g.Max(p => p.ClosedAtUtc)!.Value })
                .ToListAsync(ct);
            rows.AddRange(groups.Select(g => new InventoryRow(
                g.Key is { } id ? series[id].Code : "—", g.Key is { } sid ? series[sid].Name : "Sin serie (su tipo no está en el cuadro)", year, g.Files,
                g.FirstFolio ?? "", g.LastFolio ?? "", DateOnly.FromDateTime(office.ToLocal(g.First)), DateOnly.FromDateTime(office.ToLocal(g.Last)))));
        }
        return [.. rows.OrderBy(r => r.SeriesCode == "—").ThenBy(r => r.SeriesCode).ThenBy(r => r.Year)];
    }

    /// <summary>The files due from <paramref name="from"/> to <paramref name="to"/> (at most <see cref="TransferShown"/> for the page) and how many there are.</summary>
    public async Task<(IReadOnlyList<TransferRow> Rows, int Total)> TransferAsync(Actor actor, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        actor.Require("Consultar las transferencias de archivo", ArchiveCatalog.ReadRoles);
        Check(from, to);
        await classification.ClassifyPendingAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await Due(db, from, to).CountAsync(ct);
        var rows = new List<TransferRow>();
        await foreach (var row in RowsAsync(db, from, to, TransferShown, ct)) rows.Add(row);
        return (rows, total);
    }

    /// <summary>A period in order; refused in Spanish before anything is read.</summary>
    public static void Check(DateOnly from, DateOnly to)
    {
        if (to < from) throw new RuleException($"Hasta: {to:dd/MM/yyyy} es anterior a Desde {from:dd/MM/yyyy}.");
    }

    public static readonly string[] InventoryHeader = ["Clave", "Serie", "Año", "Expedientes", "PrimerFolio", "UltimoFolio", "PrimerCierre", "UltimoCierre"];
    public static readonly string[] TransferHeader = ["Folio", "Tipo", "Clave", "Cerrado", "TramiteHasta", "ConcentracionHasta", "Corresponde"];

    public async Task<int> WriteInventoryAsync(Actor actor, Stream output, CancellationToken ct = default)
    {
        var rows = await InventoryAsync(actor, ct);
        return await CsvFiles.WriteAsync(output, InventoryHeader, rows.Select(r => new string?[]
        {
            r.SeriesCode, r.SeriesName, r.Year.ToString(), r.Files.ToString(), r.FirstFolio, r.LastFolio, Date(r.FirstClosed), Date(r.LastClosed),
        }).ToAsyncEnumerable(), ct);
    }

    /// <summary>Every file due in the period, streamed.</summary>
    public async Task<int> WriteTransferAsync(Actor actor, Stream output, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        actor.Require("Consultar las transferencias de archivo", ArchiveCatalog.ReadRoles);
        Check(from, to);
        await classification.ClassifyPendingAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CsvFiles.WriteAsync(output, TransferHeader, Lines(RowsAsync(db, from, to, int.MaxValue, ct)), ct);
    }

    private static async IAsyncEnumerable<string?[]> Lines(IAsyncEnumerable<TransferRow> rows)
    {
        await foreach (var r in rows)
        {
            yield return [r.Folio, r.Type, r.SeriesCode, Date(r.ClosedOn), Date(r.ActiveUntil), Date(r.SemiActiveUntil), r.StageLabel];
        }
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static IQueryable<Petition> Due(AppDbContext db, DateOnly from, DateOnly to)
        => db.Petitions.AsNoTracking().Where(p => p.ArchiveSeriesId != null
            && (p.ArchiveActiveUntil >= from && p.ArchiveActiveUntil <= to || p.ArchiveSemiActiveUntil >= from && p.ArchiveSemiActiveUntil <= to));

    private async IAsyncEnumerable<TransferRow> RowsAsync(AppDbContext db, DateOnly first, DateOnly last, int take, [EnumeratorCancellation] CancellationToken ct)
    {
        var query = from p in Due(db, first, last)
                    join t in db.PetitionTypes on p.PetitionTypeId equals t.Id
                    join s in db.ArchiveSeries on p.ArchiveSeriesId equals s.Id
                    orderby s.Code, p.ArchiveActiveUntil, p.Folio
                    select new { p.Folio, Type = t.Name, s.Code, s.Disposal, ClosedAtUtc = p.ClosedAtUtc!.Value, Active = p.ArchiveActiveUntil!.Value, Semi = p.ArchiveSemiActiveUntil!.Value };
        await foreach (var r in query.Take(take).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return new TransferRow(r.Folio, r.Type, r.Code, DateOnly.FromDateTime(office.ToLocal(r.ClosedAtUtc)), r.Active, r.Semi,
                r.Semi >= first && r.Semi <= last ? TransferStage.DestinoFinal : TransferStage.Concentracion, r.Disposal);
        }
    }
}
