using Npgsql;
using NpgsqlTypes;
using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Import;

/// <summary>
/// PostgreSQL's way of writing an import's rows (<see cref="ImportWriter"/> decides what they are), so that everybody
/// else sees all of them or none. PostgreSQL lets others read and write while one transaction is open, so the whole run
/// is one transaction and nobody sees a row of it before the commit (no slices and no staging are needed; a crash or a
/// cancel leaves nothing, since the server rolls an unfinished transaction back itself). The rows go in batches by
/// binary <c>COPY</c>, with the ids of petitions and customers taken from their sequences beforehand so the routings,
/// pauses and events of a batch can point at them.
/// <para>
/// Outside that transaction, on a connection of its own, each batch moves the folio series past the highest folio
/// written (so a petition registered meanwhile never takes one of them) and beats the run's heartbeat, so that an
/// import on another instance is refused while this one writes (<see cref="ImportRecovery"/>).
/// </para>
/// </summary>
internal sealed class PostgresImportWriter : ImportWriter
{
    /// <summary>Petitions per COPY batch: large enough for COPY to pay off, small enough to keep memory flat.</summary>
    public const int BatchRows = 2_000;

    /// <summary>One import at a time across every instance, held by the run's transaction.</summary>
    private const string ImportLockKey = "ventanilla.import";

    private readonly IDbContextFactory<AppDbContext> _dbFactory;
    private readonly NpgsqlConnection _connection;
    private readonly TimeProvider _time;
    // The columns (and their order) both engines' writers write come from ImportTables; COPY's types from the model.
    // Parents before children: that is the order a batch is copied in.
    private static readonly string[] CopyOrder = ["Customers", "Petitions", "Routings", "PetitionPauses", "PetitionEvents"];
    private readonly Dictionary<string, CopyRows> _copies;
    private readonly Dictionary<string, IdPool> _ids;
    private Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _tx;
    private int _batch;

    private PostgresImportWriter(IDbContextFactory<AppDbContext> dbFactory, AppDbContext db, ImportRun run, TimeProvider time, ImportOptions options, int term,
        IReadOnlyDictionary<string, int> areas, IReadOnlyDictionary<string, int> types)
        : base(db, run, options, term, time.GetUtcNow().UtcDateTime, areas, types)
    {
        (_dbFactory, _time) = (dbFactory, time);
        _connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // Petitions and customers are written with the ids taken from their sequences (IdPool), so their rows start with it.
        string[] withIds = ["Customers", "Petitions"];
        _copies = CopyOrder.ToDictionary(t => t, t => CopyRows.For(db.Model, t, withId: withIds.Contains(t)));
        _ids = withIds.ToDictionary(t => t, t => new IdPool(_connection, t));
    }

    /// <summary>Records the pending run (committed, so other instances see an import is under way), then opens the run's transaction.</summary>
    public static async Task<PostgresImportWriter> StartAsync(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, ImportRun run, ImportOptions options,
        int term, IReadOnlyDictionary<string, int> areas, IReadOnlyDictionary<string, int> types, CancellationToken ct)
    {
        var db = await RecordRunAsync(dbFactory, time, run, ct);
        PostgresImportWriter writer;
        try
        {
            writer = new PostgresImportWriter(dbFactory, db, run, time, options, term, areas, types);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
        try
        {
            await writer.BeginAsync(ct);
            return writer;
        }
        catch (Exception ex)
        {
            await writer.RollBackAsync(r => r.Report = ex is RuleException ? ex.Message : "La importación no pudo empezar; no se importó nada.");
            await writer.DisposeAsync();
            throw;
        }
    }

    private async Task BeginAsync(CancellationToken ct)
    {
        _tx = await Db.Database.BeginTransactionAsync(ct);
        // Two imports at once would race for the same folios: the second is refused here, whichever instance runs it.
        if (!await Db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtext({ImportLockKey})) AS \"Value\"").SingleAsync(ct))
        {
            throw new RuleException("Ya hay una importación en curso en otra instancia de Ventanilla. Espere a que termine.");
        }
        await LoadExistingAsync(ct);
    }

    protected override async ValueTask<long> AddWithIdAsync(string table, object?[] values, CancellationToken ct)
    {
        var id = await _ids[table].NextAsync(ct);
        _copies[table].Add([id, .. values]);
        return id;
    }

    protected override void Add(string table, object?[] values) => _copies[table].Add(values);

    /// <summary>One row of <paramref name="table"/>, its import columns (<see cref="ImportTables"/>) in order; returns its id.</summary>
    protected override async Task<long> InsertNowAsync(string table, object?[] values, CancellationToken ct)
    {
        var columns = ImportTables.Written[table];
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) RETURNING \"Id\"";
        await using var command = new NpgsqlCommand(sql, _connection);
        // Enums are stored as their numbers, as EF Core stores them.
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue($"p{i}", values[i] is Enum e ? Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) : values[i]!);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    protected override async Task AfterRowAsync(CancellationToken ct)
    {
        if (++_batch >= BatchRows) await FlushAsync(ct);
    }

    /// <summary>Copies the batch in (parents before children), then moves the folio series and beats the heartbeat outside the run.</summary>
    private async Task FlushAsync(CancellationToken ct)
    {
        foreach (var table in CopyOrder) await _copies[table].CopyAsync(_connection, ct);
        _batch = 0;
        await using var side = await _dbFactory.CreateDbContextAsync(ct);
        foreach (var (prefix, year, last) in TakeFolioSeries())
        {
            await side.Database.ExecuteSqlRawAsync(Folios.RaiseSql("{0}", "{1}", "{2}"), [prefix, year, last], ct);
        }
        var beat = _time.GetUtcNow().UtcDateTime;
        await side.ImportRuns.Where(r => r.Id == RunId).ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatUtc, beat), ct);
    }

    /// <summary>The last batch in, the run recorded as finished, and one commit makes all of it visible at once.</summary>
    public override async Task PublishAsync(Action<ImportRun> complete, CancellationToken ct)
    {
        await FlushAsync(ct);
        complete(Run);
        Run.EndPending();
        await Db.SaveChangesAsync(ct);
        await _tx!.CommitAsync(ct);
        Finished = true;
    }

    /// <summary>The transaction rolled back takes every row of the run with it, the areas and types it created too.</summary>
    public override async Task RollBackAsync(Action<ImportRun> complete)
    {
        if (Finished) return;
        Finished = true;
        if (_tx is not null)
        {
            try
            {
                await _tx.RollbackAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or NpgsqlException)
            {
                // A cancel in the middle of a COPY breaks the connection: the server then ends the transaction itself.
            }
        }
        complete(Run);
        Run.EndPending();
        // Recorded on a connection of its own: the run's may be the one that broke.
        await using var side = await _dbFactory.CreateDbContextAsync(CancellationToken.None);
        side.ImportRuns.Update(Run);
        await side.SaveChangesAsync(CancellationToken.None);
    }

    protected override async ValueTask ReleaseAsync()
    {
        if (_tx is not null) await _tx.DisposeAsync();
    }

    /// <summary>The rows of one table waiting for the batch's COPY, in the table's column order.</summary>
    private sealed class CopyRows(string table, params (string Column, NpgsqlDbType Type)[] columns)
    {
        /// <summary>The import's columns of <paramref name="table"/> (<see cref="ImportTables"/>), each with its type in the model.</summary>
        public static CopyRows For(Microsoft.EntityFrameworkCore.Metadata.IModel model, string table, bool withId)
        {
            var entity = model.GetEntityTypes().Single(e => e.GetTableName() == table);
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            string[] names = withId ? ["Id", .. ImportTables.Written[table]] : ImportTables.Written[table];
            return new CopyRows(table, [.. names.Select(name => (name, TypeOf(table, entity.GetProperties().Single(p => p.GetColumnName(store) == name).GetColumnType())))]);
        }

        private static NpgsqlDbType TypeOf(string tableName, string storeType) => storeType switch
        {
            "integer" => NpgsqlDbType.Integer,
            "bigint" => NpgsqlDbType.Bigint,
            "boolean" => NpgsqlDbType.Boolean,
            "date" => NpgsqlDbType.Date,
            "timestamp with time zone" => NpgsqlDbType.TimestampTz,
            // text and character varying(n) share COPY's binary format.
            _ when storeType == "text" || storeType.StartsWith("character varying", StringComparison.Ordinal) => NpgsqlDbType.Text,
            _ => throw new InvalidOperationException($"La importación no sabe escribir una columna de tipo {storeType} en {tableName}."),
        };

        private readonly List<object?[]> _rows = [];
        private readonly string _copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) FROM STDIN (FORMAT BINARY)";

        public void Add(params object?[] values) => _rows.Add(values);

        public async Task CopyAsync(NpgsqlConnection connection, CancellationToken ct)
        {
            if (_rows.Count == 0) return;
            await using (var copy = await connection.BeginBinaryImportAsync(_copy, ct))
            {
                // The values go to the COPY's buffer without waiting on the server but when it is full: the synchronous
                // writes save an await per value (thirty columns by a hundred thousand rows), on the writing thread.
                foreach (var row in _rows)
                {
                    ct.ThrowIfCancellationRequested();
                    copy.StartRow();
                    for (var i = 0; i < columns.Length; i++)
                    {
                        switch (row[i])
                        {
                            case null: copy.WriteNull(); break;
                            // Enums are stored as their numbers, as EF Core stores them.
                            case Enum e: copy.Write(Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture), columns[i].Type); break;
                            // The shared mapper (ImportWriter) carries ids as long; the id columns are integer.
                            case long id when columns[i].Type == NpgsqlDbType.Integer: copy.Write(checked((int)id), columns[i].Type); break;
                            case var value: copy.Write(value, columns[i].Type); break;
                        }
                    }
                }
                await copy.CompleteAsync(ct);
            }
            _rows.Clear();
        }
    }

    /// <summary>
    /// Ids taken from a table's identity sequence a thousand at a time (sequences are outside transactions: a rolled-back
    /// import leaves a gap in ids, never in folios).
    /// </summary>
    private sealed class IdPool(NpgsqlConnection connection, string table)
    {
        private const int Chunk = 1_000;
        private readonly Queue<int> _ids = new();

        public async Task<int> NextAsync(CancellationToken ct)
        {
            if (_ids.Count == 0)
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT nextval(pg_get_serial_sequence('\"{table}\"', 'Id'))::integer FROM generate_series(1, {Chunk})", connection);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) _ids.Enqueue(reader.GetInt32(0));
            }
            return _ids.Dequeue();
        }
    }
}
