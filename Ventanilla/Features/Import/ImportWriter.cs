using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Import;

/// <summary>
/// Writes checked rows as petitions: the petition, its customer (matched by account number), its routings, an open
/// pause when it waits on the petitioner, and the "Importada" event naming the file and line. Areas and types the
/// catalog lacks are created as first met.
/// <para>
/// SQLite lets one connection write at a time, and a kiosk turn must not wait for a whole import. So the rows are
/// written in slices of at most <see cref="DefaultSlice"/>, each its own short transaction, with a pause between slices in
/// which any other writer waiting for the lock gets it. All-or-nothing still holds for everyone else: every row is
/// tagged with the pending <see cref="ImportRun"/>, which the query filters hide (<see cref="IStagedByImport"/>), and
/// <see cref="PublishAsync"/> makes them all visible in one statement. Anything short of that (a problem in the file,
/// an error, a cancel, a crash) ends in <see cref="ImportRollback"/>, which removes the run's rows.
/// </para>
/// </summary>
internal sealed class ImportWriter : IImportWriter
{
    /// <summary>The longest the import holds SQLite's write lock at a time, unless configured (<c>Import:SliceMilliseconds</c>).</summary>
    public static readonly TimeSpan DefaultSlice = TimeSpan.FromMilliseconds(200);
    /// <summary>From a file this large, into a database this small, the indexes are rebuilt at the end instead of maintained (<see cref="BulkIndexes"/>).</summary>
    public const long BulkFileBytes = 1024 * 1024;
    public const int BulkMaxExistingPetitions = 50_000;

    /// <summary>The break between slices: other writers poll every few milliseconds (<see cref="SqliteBusyWait"/>), so this is enough for them.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(5);

    private readonly AppDbContext _db;
    private readonly SqliteConnection _connection;
    private readonly ImportRun _run;
    private readonly TimeProvider _time;
    private readonly ImportOptions _options;
    private readonly int _term;
    private readonly string _now;
    private readonly Dictionary<string, long> _areas, _types, _customers;
    private readonly Dictionary<(string Prefix, int Year), int> _sequences = [];
    private readonly PreparedStatement _petition, _customer, _routing, _event, _pause, _area, _type, _heartbeat, _sequence;
    private readonly Stopwatch _sliceWatch = new();
    private TimeSpan _slice = DefaultSlice;
    private string? _droppedIndexes;
    private SqliteTransaction? _tx;
    private int _areaOrder, _typeOrder;
    private bool _finished;

    public int Written { get; private set; }
    public int RunId => _run.Id;

    private ImportWriter(AppDbContext db, ImportRun run, TimeProvider time, ImportOptions options, int term,
        Dictionary<string, long> areas, Dictionary<string, long> types, Dictionary<string, long> customers)
    {
        (_db, _run, _time, _options, _term, _areas, _types, _customers) = (db, run, time, options, term, areas, types, customers);
        _connection = (SqliteConnection)db.Database.GetDbConnection();
        _now = PreparedStatement.Text(time.GetUtcNow().UtcDateTime);
        // The columns, in the order of the values passed below, are the ones both engines' writers write (ImportTables).
        _petition = PreparedStatement.Insert(_connection, "Petitions", ImportTables.Petitions);
        _customer = PreparedStatement.Insert(_connection, "Customers", ImportTables.Customers);
        _routing = PreparedStatement.Insert(_connection, "Routings", ImportTables.Routings);
        _event = PreparedStatement.Insert(_connection, "PetitionEvents", ImportTables.PetitionEvents);
        _pause = PreparedStatement.Insert(_connection, "PetitionPauses", ImportTables.PetitionPauses);
        _area = PreparedStatement.Insert(_connection, "Areas", ImportTables.Areas);
        _type = PreparedStatement.Insert(_connection, "PetitionTypes", ImportTables.PetitionTypes);
        _heartbeat = new PreparedStatement(_connection, "UPDATE \"ImportRuns\" SET \"HeartbeatUtc\" = ? WHERE \"Id\" = ?");
        _sequence = new PreparedStatement(_connection,
            "INSERT INTO \"FolioSequences\" (\"Prefix\", \"Year\", \"LastNumber\") VALUES (?, ?, ?) ON CONFLICT (\"Prefix\", \"Year\") DO UPDATE SET \"LastNumber\" = max(\"LastNumber\", excluded.\"LastNumber\")");
    }

    /// <summary>Records the pending run (its id tags every row written) and prepares the statements.</summary>
    public static async Task<ImportWriter> StartAsync(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, ImportRun run, ImportOptions options, int term,
        TimeSpan slice, long fileBytes, IReadOnlyDictionary<string, int> areas, IReadOnlyDictionary<string, int> types, CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            // A bigger page cache for this connection while it writes, so the indexes being filled stay in memory.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536", ct);
            run.IsPending = true;
            run.HeartbeatUtc = time.GetUtcNow().UtcDateTime;
            run.Owner = ProcessOwner.Current;
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(ct);
            var customers = new Dictionary<string, long>();
            foreach (var c in await db.Customers.AsNoTracking().Where(c => c.AccountNumber != null).OrderBy(c => c.Id)
                         .Select(c => new { c.Id, c.AccountNumber }).ToListAsync(ct))
            {
                customers.TryAdd(c.AccountNumber!, c.Id);
            }
            var bulk = fileBytes >= BulkFileBytes && await db.Petitions.CountAsync(ct) < BulkMaxExistingPetitions;
            return new ImportWriter(db, run, time, options, term, areas.ToDictionary(p => p.Key, p => (long)p.Value), types.ToDictionary(p => p.Key, p => (long)p.Value), customers)
            {
                _areaOrder = await db.Areas.MaxAsync(a => (int?)a.SortOrder, ct) ?? 0,
                _typeOrder = await db.PetitionTypes.MaxAsync(t => (int?)t.SortOrder, ct) ?? 0,
                _slice = slice,
                _droppedIndexes = bulk ? await BulkIndexes.DropAsync((SqliteConnection)db.Database.GetDbConnection(), run.Id) : null,
            };
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    public async Task WriteAsync(StagedPetition staged, Func<string, string> fold, CancellationToken ct)
    {
        if (_tx is null)
        {
            _tx = _connection.BeginTransaction();
            _sliceWatch.Restart();
        }
        var row = staged.Row;
        long? customer = null;
        if (row.AccountNumber is { } account)
        {
            if (!_customers.TryGetValue(account, out var id))
            {
                _customers[account] = id = _customer.Execute(row.Petitioner, staged.SearchName, account, row.CadastralKey, row.Phone, row.Address, _now, RunId, 1L);
            }
            customer = id;
        }

        var petitionId = _petition.Execute(row.Folio, staged.FolioYear, staged.FolioNumber, row.Channel, row.OficialiaFolio,
            staged.ForwardedUtc, staged.ReceivedUtc, staged.DayZero, customer,
            row.Petitioner, staged.SearchName, row.IsThirdParty, row.AccountNumber, row.CadastralKey, row.Phone, row.Address,
            Type(row.Type, fold), row.Subject, row.Notes, row.Status, _term, staged.Due, row.ProofDueDate,
            row.ResponseDate, staged.ClosedUtc, staged.OnTime, _options.UserId, _now, staged.ImportSource(_run.FileName), RunId, 1L, Citizen.PublicCodes.NewPetitionCode());
        staged.NoteFolio(_sequences);

        var routed = new HashSet<long>();
        foreach (var area in row.Areas)
        {
            var areaId = Area(area, fold);
            if (routed.Add(areaId)) _routing.Execute(petitionId, areaId, staged.ReceivedUtc, staged.RoutingStatus, staged.AnsweredUtc, RunId, 1L);
        }
        if (staged.OpenPause is { } pause) _pause.Execute(petitionId, pause, staged.DayZero, _now, StagedPetition.OpenPauseNote, RunId);
        _event.Execute(petitionId, _now, _options.UserId, _options.UserName, PetitionEvents.Imported, row.Status, staged.EventNote);
        Written++;
        if (_sliceWatch.Elapsed >= _slice) await EndSliceAsync(ct);
    }

    /// <summary>
    /// Commits what this slice wrote (with the folio series moved past the highest folio so far, so a petition
    /// registered meanwhile never takes one of them, and the run's heartbeat), then lets other writers in.
    /// </summary>
    private async Task EndSliceAsync(CancellationToken ct)
    {
        if (_tx is null) return;
        foreach (var ((prefix, year), last) in _sequences) _sequence.Execute(prefix, year, last);
        _sequences.Clear();
        _heartbeat.Execute(PreparedStatement.Text(_time.GetUtcNow().UtcDateTime), RunId);
        _tx.Commit();
        _tx.Dispose();
        _tx = null;
        await Task.Delay(Pause, ct);
    }

    /// <summary>Makes every row of the run visible at once: the rest is committed, then one UPDATE ends the pending state.</summary>
    public async Task PublishAsync(Action<ImportRun> complete, CancellationToken ct)
    {
        await EndSliceAsync(ct);
        if (_droppedIndexes is not null) await BulkIndexes.RestoreAsync(_connection, RunId, _droppedIndexes);
        await EndAsync(complete);
        _finished = true;
    }

    /// <summary>Removes everything the run wrote and records how it ended.</summary>
    public async Task RollBackAsync(Action<ImportRun> complete)
    {
        if (_finished) return;
        _finished = true;
        _tx?.Rollback();
        _tx?.Dispose();
        _tx = null;
        // Indexes first: removing the rows looks them up by petition.
        if (_droppedIndexes is not null) await BulkIndexes.RestoreAsync(_connection, RunId, _droppedIndexes);
        await ImportRollback.RemoveAsync(_connection, RunId);
        await EndAsync(complete);
    }

    private async Task EndAsync(Action<ImportRun> complete)
    {
        complete(_run);
        _run.EndPending();
        await _db.SaveChangesAsync(CancellationToken.None);
    }

    private long Area(string name, Func<string, string> fold)
    {
        var key = fold(name);
        if (_areas.TryGetValue(key, out var id)) return id;
        return _areas[key] = _area.Execute(name, AreaKind.General, ++_areaOrder, true, RunId, 1L);
    }

    private long Type(string name, Func<string, string> fold)
    {
        var key = fold(name);
        if (_types.TryGetValue(key, out var id)) return id;
        return _types[key] = _type.Execute(name, ++_typeOrder, true, RunId, 1L);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Ended without publishing (an exception, a cancel): nothing of it may stay.
            if (!_finished) await RollBackAsync(run => run.Report = "La importación se interrumpió antes de terminar; se retiró todo lo que había escrito.");
        }
        finally
        {
            foreach (var statement in new[] { _petition, _customer, _routing, _event, _pause, _area, _type, _heartbeat, _sequence }) statement.Dispose();
            await _db.DisposeAsync();
        }
    }
}
