using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Import;

/// <summary>
/// SQLite's way of writing an import's rows (<see cref="ImportWriter"/> decides what they are).
/// <para>
/// SQLite lets one connection write at a time, and a kiosk turn must not wait for a whole import. So the rows are
/// written in slices of at most <see cref="DefaultSlice"/>, each its own short transaction, with a pause between slices in
/// which any other writer waiting for the lock gets it. All-or-nothing still holds for everyone else: every row is
/// tagged with the pending <see cref="ImportRun"/>, which the query filters hide (<see cref="IStagedByImport"/>), and
/// <see cref="PublishAsync"/> makes them all visible in one statement. Anything short of that (a problem in the file,
/// an error, a cancel, a crash) ends in <see cref="ImportRollback"/>, which removes the run's rows.
/// </para>
/// </summary>
internal sealed class SqliteImportWriter : ImportWriter
{
    /// <summary>The longest the import holds SQLite's write lock at a time, unless configured (<c>Import:SliceMilliseconds</c>).</summary>
    public static readonly TimeSpan DefaultSlice = TimeSpan.FromMilliseconds(200);
    /// <summary>From a file this large, into a database this small, the indexes are rebuilt at the end instead of maintained (<see cref="BulkIndexes"/>).</summary>
    public const long BulkFileBytes = 1024 * 1024;
    public const int BulkMaxExistingPetitions = 50_000;

    /// <summary>The break between slices: other writers poll every few milliseconds (<see cref="SqliteBusyWait"/>), so this is enough for them.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(5);

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, PreparedStatement> _inserts;
    private readonly PreparedStatement _heartbeat, _folioSeries;
    private readonly Stopwatch _sliceWatch = new();
    private TimeSpan _slice = DefaultSlice;
    private string? _droppedIndexes;
    private SqliteTransaction? _tx;

    private SqliteImportWriter(AppDbContext db, ImportRun run, TimeProvider time, ImportOptions options, int term,
        IReadOnlyDictionary<string, int> areas, IReadOnlyDictionary<string, int> types)
        // The instant is bound as text for every row: formatted once here.
        : base(db, run, options, term, PreparedStatement.Text(time.GetUtcNow().UtcDateTime), areas, types)
    {
        _time = time;
        _connection = (SqliteConnection)db.Database.GetDbConnection();
        _inserts = ImportTables.Written.ToDictionary(t => t.Key, t => PreparedStatement.Insert(_connection, t.Key, t.Value));
        _heartbeat = new PreparedStatement(_connection, "UPDATE \"ImportRuns\" SET \"HeartbeatUtc\" = ? WHERE \"Id\" = ?");
        _folioSeries = new PreparedStatement(_connection, Folios.RaiseSql("?", "?", "?"));
    }

    /// <summary>Records the pending run (its id tags every row written) and prepares the statements.</summary>
    public static async Task<SqliteImportWriter> StartAsync(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, ImportRun run, ImportOptions options, int term,
        TimeSpan slice, long fileBytes, IReadOnlyDictionary<string, int> areas, IReadOnlyDictionary<string, int> types, CancellationToken ct)
    {
        var db = await RecordRunAsync(dbFactory, time, run, ct);
        SqliteImportWriter writer;
        try
        {
            // A bigger page cache for this connection while it writes, so the indexes being filled stay in memory.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536", ct);
            writer = new SqliteImportWriter(db, run, time, options, term, areas, types) { _slice = slice };
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
        try
        {
            await writer.LoadExistingAsync(ct);
            var bulk = fileBytes >= BulkFileBytes && await db.Petitions.CountAsync(ct) < BulkMaxExistingPetitions;
            writer._droppedIndexes = bulk ? await BulkIndexes.DropAsync(writer._connection, run.Id) : null;
            return writer;
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    protected override Task BeforeRowAsync(CancellationToken ct)
    {
        if (_tx is null)
        {
            _tx = _connection.BeginTransaction();
            _sliceWatch.Restart();
        }
        return Task.CompletedTask;
    }

    protected override ValueTask<long> AddWithIdAsync(string table, object?[] values, CancellationToken ct) => ValueTask.FromResult(_inserts[table].Execute(values));

    protected override void Add(string table, object?[] values) => _inserts[table].Execute(values);

    protected override Task<long> InsertNowAsync(string table, object?[] values, CancellationToken ct) => Task.FromResult(_inserts[table].Execute(values));

    protected override async Task AfterRowAsync(CancellationToken ct)
    {
        if (_sliceWatch.Elapsed >= _slice) await EndSliceAsync(ct);
    }

    /// <summary>
    /// Commits what this slice wrote (with the folio series moved past the highest folio so far, so a petition
    /// registered meanwhile never takes one of them, and the run's heartbeat), then lets other writers in.
    /// </summary>
    private async Task EndSliceAsync(CancellationToken ct)
    {
        if (_tx is null) return;
        foreach (var (prefix, year, last) in TakeFolioSeries()) _folioSeries.Execute(prefix, year, last);
        _heartbeat.Execute(PreparedStatement.Text(_time.GetUtcNow().UtcDateTime), RunId);
        _tx.Commit();
        _tx.Dispose();
        _tx = null;
        await Task.Delay(Pause, ct);
    }

    /// <summary>Makes every row of the run visible at once: the rest is committed, then one UPDATE ends the pending state.</summary>
    public override async Task PublishAsync(Action<ImportRun> complete, CancellationToken ct)
    {
        await EndSliceAsync(ct);
        if (_droppedIndexes is not null) await BulkIndexes.RestoreAsync(_connection, RunId, _droppedIndexes);
        await EndAsync(complete);
        Finished = true;
    }

    public override async Task RollBackAsync(Action<ImportRun> complete)
    {
        if (Finished) return;
        Finished = true;
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
        complete(Run);
        Run.EndPending();
        await Db.SaveChangesAsync(CancellationToken.None);
    }

    protected override ValueTask ReleaseAsync()
    {
        foreach (var statement in _inserts.Values.Append(_heartbeat).Append(_folioSeries)) statement.Dispose();
        return ValueTask.CompletedTask;
    }
}
