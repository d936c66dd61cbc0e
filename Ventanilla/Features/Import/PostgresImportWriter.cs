// Over 300 lines for now: the PostgreSQL writer still maps rows itself; one mapper for both writers is the next step (issue 26).
using Npgsql;
using NpgsqlTypes;
using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Import;

/// <summary>
/// PostgreSQL's form of <see cref="ImportWriter"/>: the same rows, written so that everybody else sees all of them or
/// none. PostgreSQL lets others read and write while one transaction is open, so the whole run is one transaction and
/// nobody sees a row of it before the commit (no slices and no staging are needed; a crash or a cancel leaves nothing,
/// since the server rolls an unfinished transaction back itself). The rows go in batches by binary <c>COPY</c>, with
/// the ids of petitions and customers taken from their sequences beforehand so the routings, pauses and events of a
/// batch can point at them.
/// <para>
/// Outside that transaction, on a connection of its own, each batch moves the folio series past the highest folio
/// written (so a petition registered meanwhile never takes one of them) and beats the run's heartbeat, so that an
/// import on another instance is refused while this one writes (<see cref="ImportRecovery"/>).
/// </para>
/// </summary>
internal sealed class PostgresImportWriter : IImportWriter
{
    /// <summary>Petitions per COPY batch: large enough for COPY to pay off, small enough to keep memory flat.</summary>
    public const int BatchRows = 2_000;

    /// <summary>One import at a time across every instance, held by the run's transaction.</summary>
    private const string ImportLockKey = "ventanilla.import";

    private readonly IDbContextFactory<AppDbContext> _dbFactory;
    private readonly AppDbContext _db;
    private readonly NpgsqlConnection _connection;
    private readonly ImportRun _run;
    private readonly TimeProvider _time;
    private readonly ImportOptions _options;
    private readonly int _term;
    private readonly DateTime _now;
    private readonly Dictionary<string, int> _areas, _types, _customers;
    private readonly Dictionary<(string Prefix, int Year), int> _sequences = [];
    // The columns (and their order) both engines' writers write come from ImportTables; COPY's types from the model.
    private readonly CopyRows _petitions, _customerRows, _routings, _pauses, _events;
    private readonly IdPool _petitionIds, _customerIds;
    private Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? _tx;
    private int _areaOrder, _typeOrder, _batch;
    private bool _finished;

    public int Written { get; private set; }
    public int RunId => _run.Id;

    private PostgresImportWriter(IDbContextFactory<AppDbContext> dbFactory, AppDbContext db, ImportRun run, TimeProvider time, ImportOptions options, int term,
        Dictionary<string, int> areas, Dictionary<string, int> types)
    {
        (_dbFactory, _db, _run, _time, _options, _term, _areas, _types) = (dbFactory, db, run, time, options, term, areas, types);
        _connection = (NpgsqlConnection)db.Database.GetDbConnection();
        _now = time.GetUtcNow().UtcDateTime;
        _customers = [];
        // Petitions and customers are written with the ids taken from their sequences (IdPool), so their rows start with it.
        _petitions = CopyRows.For(db.Model, "Petitions", withId: true);
        _customerRows = CopyRows.For(db.Model, "Customers", withId: true);
        _routings = CopyRows.For(db.Model, "Routings", withId: false);
        _pauses = CopyRows.For(db.Model, "PetitionPauses", withId: false);
        _events = CopyRows.For(db.Model, "PetitionEvents", withId: false);
        _petitionIds = new IdPool(_connection, "Petitions");
        _customerIds = new IdPool(_connection, "Customers");
    }

    /// <summary>Records the pending run (committed, so other instances see an import is under way), then opens the run's transaction.</summary>
    public static async Task<PostgresImportWriter> StartAsync(IDbContextFactory<AppDbContext> dbFactory, TimeProvider time, ImportRun run, ImportOptions options,
        int term, IReadOnlyDictionary<string, int> areas, IReadOnlyDictionary<string, int> types, CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        PostgresImportWriter writer;
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            run.IsPending = true;
            run.HeartbeatUtc = time.GetUtcNow().UtcDateTime;
            run.Owner = ProcessOwner.Current;
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(ct);
            writer = new PostgresImportWriter(dbFactory, db, run, time, options, term, areas.ToDictionary(), types.ToDictionary());
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
        _tx = await _db.Database.BeginTransactionAsync(ct);
        // Two imports at once would race for the same folios: the second is refused here, whichever instance runs it.
        if (!await _db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtext({ImportLockKey})) AS \"Value\"").SingleAsync(ct))
        {
            throw new RuleException("Ya hay una importación en curso en otra instancia de Ventanilla. Espere a que termine.");
        }
        foreach (var c in await _db.Customers.AsNoTracking().Where(c => c.AccountNumber != null).OrderBy(c => c.Id)
                     .Select(c => new { c.Id, c.AccountNumber }).ToListAsync(ct))
        {
            _customers.TryAdd(c.AccountNumber!, c.Id);
        }
        _areaOrder = await _db.Areas.MaxAsync(a => (int?)a.SortOrder, ct) ?? 0;
        _typeOrder = await _db.PetitionTypes.MaxAsync(t => (int?)t.SortOrder, ct) ?? 0;
    }

    public async Task WriteAsync(StagedPetition staged, Func<string, string> fold, CancellationToken ct)
    {
        var row = staged.Row;
        int? customer = null;
        if (row.AccountNumber is { } account)
        {
            if (!_customers.TryGetValue(account, out var id))
            {
                _customers[account] = id = await _customerIds.NextAsync(ct);
                _customerRows.Add(id, row.Petitioner, staged.SearchName, account, row.CadastralKey, row.Phone, row.Address, _now, RunId, 1L);
            }
            customer = id;
        }

        var petitionId = await _petitionIds.NextAsync(ct);
        _petitions.Add(petitionId, row.Folio, staged.FolioYear, staged.FolioNumber, row.Channel, row.OficialiaFolio,
            staged.ForwardedUtc, staged.ReceivedUtc, staged.DayZero, customer,
            row.Petitioner, staged.SearchName, row.IsThirdParty, row.AccountNumber, row.CadastralKey, row.Phone, row.Address,
            await TypeAsync(row.Type, fold, ct), row.Subject, row.Notes, row.Status, _term, staged.Due, row.ProofDueDate,
            row.ResponseDate, staged.ClosedUtc, staged.OnTime, _options.UserId, _now, staged.ImportSource(_run.FileName), RunId, 1L, Citizen.PublicCodes.NewPetitionCode());
        staged.NoteFolio(_sequences);

        var routed = new HashSet<int>();
        foreach (var area in row.Areas)
        {
            var areaId = await AreaAsync(area, fold, ct);
            if (routed.Add(areaId)) _routings.Add(petitionId, areaId, staged.ReceivedUtc, staged.RoutingStatus, staged.AnsweredUtc, RunId, 1L);
        }
        if (staged.OpenPause is { } pause) _pauses.Add(petitionId, pause, staged.DayZero, _now, StagedPetition.OpenPauseNote, RunId);
        _events.Add(petitionId, _now, _options.UserId, _options.UserName, PetitionEvents.Imported, row.Status, staged.EventNote);
        Written++;
        if (++_batch >= BatchRows) await FlushAsync(ct);
    }

    /// <summary>Copies the batch in (parents before children), then moves the folio series and beats the heartbeat outside the run.</summary>
    private async Task FlushAsync(CancellationToken ct)
    {
        foreach (var table in new[] { _customerRows, _petitions, _routings, _pauses, _events }) await table.CopyAsync(_connection, ct);
        _batch = 0;
        await using var side = await _dbFactory.CreateDbContextAsync(ct);
        foreach (var ((prefix, year), last) in _sequences)
        {
            await side.Database.ExecuteSqlAsync($"""
                INSERT INTO "FolioSequences" ("Prefix", "Year", "LastNumber") VALUES ({prefix}, {year}, {last})
                ON CONFLICT ("Prefix", "Year") DO UPDATE SET "LastNumber" = GREATEST("FolioSequences"."LastNumber", excluded."LastNumber")
                """, ct);
        }
        _sequences.Clear();
        var beat = _time.GetUtcNow().UtcDateTime;
        await side.ImportRuns.Where(r => r.Id == RunId).ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatUtc, beat), ct);
    }

    /// <summary>The last batch in, the run recorded as finished, and one commit makes all of it visible at once.</summary>
    public async Task PublishAsync(Action<ImportRun> complete, CancellationToken ct)
    {
        await FlushAsync(ct);
        complete(_run);
        _run.EndPending();
        await _db.SaveChangesAsync(ct);
        await _tx!.CommitAsync(ct);
        _finished = true;
    }

    /// <summary>The transaction rolled back takes every row of the run with it, the areas and types it created too.</summary>
    public async Task RollBackAsync(Action<ImportRun> complete)
    {
        if (_finished) return;
        _finished = true;
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
        complete(_run);
        _run.EndPending();
        // Recorded on a connection of its own: the run's may be the one that broke.
        await using var side = await _dbFactory.CreateDbContextAsync(CancellationToken.None);
        side.ImportRuns.Update(_run);
        await side.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<int> AreaAsync(string name, Func<string, string> fold, CancellationToken ct)
    {
        var key = fold(name);
        if (_areas.TryGetValue(key, out var id)) return id;
        return _areas[key] = await InsertAsync("Areas", ct, name, (int)AreaKind.General, ++_areaOrder, true, RunId, 1L);
    }

    private async Task<int> TypeAsync(string name, Func<string, string> fold, CancellationToken ct)
    {
        var key = fold(name);
        if (_types.TryGetValue(key, out var id)) return id;
        return _types[key] = await InsertAsync("PetitionTypes", ct, name, ++_typeOrder, true, RunId, 1L);
    }

    /// <summary>One row of <paramref name="table"/>, its import columns (<see cref="ImportTables"/>) in order; returns its id.</summary>
    private async Task<int> InsertAsync(string table, CancellationToken ct, params object[] values)
    {
        var columns = ImportTables.Written[table];
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))}) RETURNING \"Id\"";
        await using var command = new NpgsqlCommand(sql, _connection);
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue($"p{i}", values[i]);
        return (int)(await command.ExecuteScalarAsync(ct))!;
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
            if (_tx is not null) await _tx.DisposeAsync();
            await _db.DisposeAsync();
        }
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
