using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Import;

/// <summary>
/// Writes the checked rows of one import run so that everybody else sees all of them or none. What a row becomes is
/// decided here, once for both engines: the petition, its customer (matched by account number), its routings, an open
/// pause when it waits on the petitioner, the "Importada" event naming the file and line, the areas and types the
/// catalog lacks (created as first met) and the folio series moved past the highest folio written. The columns come
/// from <see cref="ImportTables"/> in that order. Only how the rows reach the database differs:
/// <see cref="SqliteImportWriter"/> (prepared statements in short staged slices) and
/// <see cref="PostgresImportWriter"/> (binary COPY in one transaction). Disposing a writer that was neither published
/// nor rolled back rolls it back.
/// </summary>
internal abstract class ImportWriter : IAsyncDisposable
{
    public const string InterruptedReport = "La importación se interrumpió antes de terminar; se retiró todo lo que había escrito.";

    private readonly ImportOptions _options;
    private readonly int _term;
    private readonly object _now;
    private readonly Dictionary<string, long> _areas, _types, _customers = [];
    private readonly Dictionary<(string Prefix, int Year), int> _folioSeries = [];
    private int _areaOrder, _typeOrder;

    /// <param name="now">The instant stamped on every row, in the form the engine's writer binds fastest.</param>
    protected ImportWriter(AppDbContext db, ImportRun run, ImportOptions options, int term, object now,
        IReadOnlyDictionary<string, int> areas, IReadOnlyDictionary<string, int> types)
    {
        (Db, Run, _options, _term, _now) = (db, run, options, term, now);
        _areas = areas.ToDictionary(p => p.Key, p => (long)p.Value);
        _types = types.ToDictionary(p => p.Key, p => (long)p.Value);
    }

    protected AppDbContext Db { get; }
    protected ImportRun Run { get; }
    /// <summary>Set once the run was published or rolled back: disposing then has nothing left to undo.</summary>
    protected bool Finished { get; set; }

    /// <summary>Petitions written so far.</summary>
    public int Written { get; private set; }

    /// <summary>The pending run whose id tags every row written.</summary>
    public int RunId => Run.Id;

    /// <summary>
    /// Opens a context for the run and records the run as pending, committed at once: its id tags every row, and other
    /// instances see that an import is under way.
    /// </summary>
    protected static async Task<AppDbContext> RecordRunAsync(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, ImportRun run, CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            run.IsPending = true;
            run.HeartbeatUtc = time.GetUtcNow().UtcDateTime;
            run.Owner = ProcessOwner.Current;
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(ct);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>The customers known by account number and the catalogs' last positions, read when the run can write.</summary>
    protected async Task LoadExistingAsync(CancellationToken ct)
    {
        foreach (var c in await Db.Customers.AsNoTracking().Where(c => c.AccountNumber != null).OrderBy(c => c.Id)
                     .Select(c => new { c.Id, c.AccountNumber }).ToListAsync(ct))
        {
            _customers.TryAdd(c.AccountNumber!, c.Id);
        }
        _areaOrder = await Db.Areas.MaxAsync(a => (int?)a.SortOrder, ct) ?? 0;
        _typeOrder = await Db.PetitionTypes.MaxAsync(t => (int?)t.SortOrder, ct) ?? 0;
    }

    /// <summary>One checked row as the rows of every table it touches, each in its <see cref="ImportTables"/> order.</summary>
    public async Task WriteAsync(StagedPetition staged, Func<string, string> fold, CancellationToken ct)
    {
        await BeforeRowAsync(ct);
        var row = staged.Row;
        long? customer = null;
        if (row.AccountNumber is { } account)
        {
            if (!_customers.TryGetValue(account, out var id))
            {
                _customers[account] = id = await AddWithIdAsync("Customers",
                    [row.Petitioner, staged.SearchName, account, row.CadastralKey, row.Phone, row.Address, _now, RunId, 1L], ct);
            }
            customer = id;
        }

        var type = await CatalogAsync(_types, "PetitionTypes", row.Type, fold, name => [name, ++_typeOrder, true, RunId, 1L], ct);
        var petitionId = await AddWithIdAsync("Petitions",
        [
            row.Folio, staged.FolioYear, staged.FolioNumber, row.Channel, row.OficialiaFolio, staged.ForwardedUtc, staged.ReceivedUtc, staged.DayZero, customer,
            row.Petitioner, staged.SearchName, row.IsThirdParty, row.AccountNumber, row.CadastralKey, row.Phone, row.Address, type, row.Subject,
            row.Notes, row.Status, _term, staged.Due, row.ProofDueDate, row.ResponseDate, staged.ClosedUtc, staged.OnTime, _options.UserId, _now,
            staged.ImportSource(Run.FileName), RunId, 1L, Citizen.PublicCodes.NewPetitionCode(),
        ], ct);
        staged.NoteFolio(_folioSeries);

        var routed = new HashSet<long>();
        foreach (var name in row.Areas)
        {
            var area = await CatalogAsync(_areas, "Areas", name, fold, n => [n, AreaKind.General, ++_areaOrder, true, RunId, 1L], ct);
            if (routed.Add(area)) Add("Routings", [petitionId, area, staged.ReceivedUtc, staged.RoutingStatus, staged.AnsweredUtc, RunId, 1L]);
        }
        if (staged.OpenPause is { } pause) Add("PetitionPauses", [petitionId, pause, staged.DayZero, _now, StagedPetition.OpenPauseNote, RunId]);
        Add("PetitionEvents", [petitionId, _now, _options.UserId, _options.UserName, PetitionEvents.Imported, row.Status, staged.EventNote]);
        Written++;
        await AfterRowAsync(ct);
    }

    private async Task<long> CatalogAsync(Dictionary<string, long> known, string table, string name, Func<string, string> fold,
        Func<string, object?[]> values, CancellationToken ct)
    {
        var key = fold(name);
        if (known.TryGetValue(key, out var id)) return id;
        return known[key] = await InsertNowAsync(table, values(name), ct);
    }

    /// <summary>The highest folio per series written since the last call (for <see cref="Folios.RaiseSql"/>), then forgotten.</summary>
    protected IReadOnlyList<(string Prefix, int Year, int Last)> TakeFolioSeries()
    {
        var series = _folioSeries.Select(p => (p.Key.Prefix, p.Key.Year, p.Value)).ToList();
        _folioSeries.Clear();
        return series;
    }

    /// <summary>Called before each row (SQLite opens its slice's transaction here).</summary>
    protected virtual Task BeforeRowAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Called after each row (a slice or a batch may end here).</summary>
    protected abstract Task AfterRowAsync(CancellationToken ct);

    /// <summary>A row of a parent table (petitions, customers) whose id the rows after it point at.</summary>
    protected abstract ValueTask<long> AddWithIdAsync(string table, object?[] values, CancellationToken ct);

    /// <summary>A row nothing in the run points at by id (routings, pauses, events).</summary>
    protected abstract void Add(string table, object?[] values);

    /// <summary>A catalog row (area, type) written at once: later rows of other batches look it up.</summary>
    protected abstract Task<long> InsertNowAsync(string table, object?[] values, CancellationToken ct);

    /// <summary>Makes every row of the run visible at once and records the run as <paramref name="complete"/> says.</summary>
    public abstract Task PublishAsync(Action<ImportRun> complete, CancellationToken ct);

    /// <summary>Removes everything the run wrote and records how it ended.</summary>
    public abstract Task RollBackAsync(Action<ImportRun> complete);

    /// <summary>The engine's own resources (statements, transaction), released after any rollback.</summary>
    protected abstract ValueTask ReleaseAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Ended without publishing (an exception, a cancel): nothing of it may stay.
            if (!Finished) await RollBackAsync(run => run.Report = InterruptedReport);
        }
        finally
        {
            await ReleaseAsync();
            await Db.DisposeAsync();
        }
    }
}
