using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Ventanilla.Data;
using Ventanilla.Features.Deadlines;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Shared;

namespace Ventanilla.Features.Import;

/// <summary>
/// Writes checked rows as petitions inside the import's one transaction: the petition (due date and on-time
/// outcome from the legal clock unless the file is Ventanilla's own export and carries them), its customer
/// (matched by account number), its routings, an open pause when it waits on the petitioner, and the
/// "Importada" event naming the file and line. Areas and types the catalog lacks are created as first met.
/// </summary>
internal sealed class ImportWriter : IAsyncDisposable
{
    /// <summary>From a file this large, into a database this small, the indexes are rebuilt at the end instead of maintained.</summary>
    public const long BulkFileBytes = 1024 * 1024;
    public const int BulkMaxExistingPetitions = 50_000;

    private readonly AppDbContext _db;
    private readonly IDbContextTransaction _tx;
    private readonly LegalClock _clock;
    private readonly OfficeClock _office;
    private readonly ImportOptions _options;
    private readonly string _fileName;
    private readonly int _term;
    private readonly TimeOnly _opens;
    private readonly DateTime _now;
    private readonly Dictionary<string, int> _areas, _types, _customers = [];
    private readonly Dictionary<(string Prefix, int Year), int> _sequences = [];
    private readonly PreparedInsert _petition, _customer, _routing, _event, _pause;
    private readonly BulkIndexes? _bulk;
    private int _petitionId, _customerId, _areaOrder, _typeOrder;

    public int Written { get; private set; }

    private ImportWriter(AppDbContext db, IDbContextTransaction tx, LegalClock clock, OfficeClock office, ImportOptions options, string fileName, int term,
        Dictionary<string, int> areas, Dictionary<string, int> types, BulkIndexes? bulk)
    {
        (_db, _tx, _clock, _office, _options, _fileName, _term, _areas, _types, _bulk) = (db, tx, clock, office, options, fileName, term, areas, types, bulk);
        _opens = clock.Terms.OfficeOpens == default ? new TimeOnly(9, 0) : clock.Terms.OfficeOpens;
        _now = office.UtcNow();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)tx.GetDbTransaction();
        _petition = new PreparedInsert(connection, "Petitions",
            "Id", "Folio", "FolioYear", "FolioNumber", "Channel", "OficialiaFolio", "ForwardedAtUtc", "ReceivedAtUtc", "ReceptionDay", "CustomerId",
            "PetitionerName", "SearchName", "IsThirdParty", "AccountNumber", "CadastralKey", "Phone", "Address", "PetitionTypeId", "Subject",
            "Notes", "Status", "TermDays", "DueDate", "ProofDueDate", "ResponseDate", "ClosedAtUtc", "OnTime", "CreatedByUserId", "CreatedAtUtc",
            "ImportSource", "Version");
        _customer = new PreparedInsert(connection, "Customers",
            "Id", "Name", "SearchName", "AccountNumber", "CadastralKey", "Phone", "Address", "CreatedAtUtc", "Version");
        _routing = new PreparedInsert(connection, "Routings", "PetitionId", "AreaId", "RoutedAtUtc", "Status", "AnsweredAtUtc", "Version");
        _event = new PreparedInsert(connection, "PetitionEvents", "PetitionId", "AtUtc", "UserId", "UserName", "Kind", "ToStatus", "Note");
        _pause = new PreparedInsert(connection, "PetitionPauses", "PetitionId", "Reason", "StartDate", "StartedAtUtc", "Note");
    }

    /// <summary>Opens the transaction (SQLite's write lock is held from here to the commit or rollback).</summary>
    public static async Task<ImportWriter> StartAsync(IDbContextFactory<AppDbContext> dbFactory, LegalClock clock, OfficeClock office, int term,
        ImportOptions options, string fileName, long fileBytes, Dictionary<string, int> areas, Dictionary<string, int> types, CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        // A bigger page cache for this connection while it writes, so the indexes being filled stay in memory.
        await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536", ct);
        // Rebuilding an index sorts its keys: in memory rather than in temporary files.
        await db.Database.ExecuteSqlRawAsync("PRAGMA temp_store = MEMORY", ct);
        var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Petitions.CountAsync(ct);
        var bulk = fileBytes >= BulkFileBytes && existing < BulkMaxExistingPetitions
            ? BulkIndexes.Drop((SqliteConnection)db.Database.GetDbConnection(), (SqliteTransaction)tx.GetDbTransaction(), "Petitions", "Customers", "Routings", "PetitionEvents")
            : null;
        var writer = new ImportWriter(db, tx, clock, office, options, fileName, term, new(areas), new(types), bulk)
        {
            _petitionId = await db.Petitions.MaxAsync(p => (int?)p.Id, ct) ?? 0,
            _customerId = await db.Customers.MaxAsync(c => (int?)c.Id, ct) ?? 0,
            _areaOrder = await db.Areas.MaxAsync(a => (int?)a.SortOrder, ct) ?? 0,
            _typeOrder = await db.PetitionTypes.MaxAsync(t => (int?)t.SortOrder, ct) ?? 0,
        };
        foreach (var c in await db.Customers.AsNoTracking().Where(c => c.AccountNumber != null).OrderBy(c => c.Id)
                     .Select(c => new { c.Id, c.AccountNumber }).ToListAsync(ct))
        {
            writer._customers.TryAdd(c.AccountNumber!, c.Id);
        }
        return writer;
    }

    public async Task WriteAsync(LegacyRow row, Func<string, string> fold, CancellationToken ct)
    {
        var receivedUtc = _office.ToUtc(row.ReceivedDate.ToDateTime(row.ReceivedTime ?? _opens));
        var dayZero = _clock.ReceptionDayOf(receivedUtc);
        var due = row.DueDate ?? _clock.DueDate(dayZero, _term);
        DateTime? closedUtc = row.ClosedDate is { } closed ? _office.ToUtc(closed.ToDateTime(new TimeOnly(12, 0))) : null;
        // Legacy files seldom say whether the answer was on time: the answer (or, lacking it, the closing) date against the due date does.
        var answeredOn = row.ResponseDate ?? row.ClosedDate;
        var onTime = row.OnTime ?? (row.Status is PetitionStatus.Entregada or PetitionStatus.Cerrada && answeredOn is { } on ? LegalClock.IsOnTime(on, due) : null);

        var searchName = TextFold.Fold(row.Petitioner);
        int? customer = null;
        if (row.AccountNumber is { } account)
        {
            if (!_customers.TryGetValue(account, out var id))
            {
                _customers[account] = id = ++_customerId;
                _customer.Execute(id, row.Petitioner, searchName, account, row.CadastralKey, row.Phone, row.Address, _now, 1L);
            }
            customer = id;
        }

        var (year, number) = FolioParts(row.Folio, row.ReceivedDate.Year);
        var petitionId = ++_petitionId;
        _petition.Execute(petitionId, row.Folio, year, number, row.Channel, row.OficialiaFolio,
            row.Channel == PetitionChannel.Escrito ? receivedUtc : null, receivedUtc, dayZero, customer,
            row.Petitioner, searchName, row.IsThirdParty, row.AccountNumber, row.CadastralKey, row.Phone, row.Address,
            await TypeAsync(row.Type, fold, ct), row.Subject, row.Notes, row.Status, _term, due, row.ProofDueDate, row.ResponseDate, closedUtc, onTime,
            _options.UserId, _now, $"{_fileName}:{row.Line}", 1L);

        var routingStatus = row.Status switch
        {
            PetitionStatus.Registrada or PetitionStatus.EsperandoUsuario or PetitionStatus.Turnada => RoutingStatus.Pending,
            PetitionStatus.Cancelada => RoutingStatus.Withdrawn,
            _ => RoutingStatus.Answered,
        };
        DateTime? answeredUtc = routingStatus == RoutingStatus.Answered && answeredOn is { } a ? _office.ToUtc(a.ToDateTime(new TimeOnly(12, 0))) : null;
        var routed = new HashSet<int>();
        foreach (var area in row.Areas)
        {
            var areaId = await AreaAsync(area, fold, ct);
            if (routed.Add(areaId)) _routing.Execute(petitionId, areaId, receivedUtc, routingStatus, answeredUtc, 1L);
        }
        if (row.Status == PetitionStatus.EsperandoUsuario)
        {
            // Imported while waiting on the petitioner: an open pause, so "Reanudar" and the proof term work as for any other.
            _pause.Execute(petitionId, row.IsThirdParty && row.ProofDueDate is not null ? PauseReason.OwnershipProof : PauseReason.Documents,
                dayZero, _now, "Importada en espera del usuario.");
        }
        _event.Execute(petitionId, _now, _options.UserId, _options.UserName, "Importada", row.Status, $"Importada del archivo «{_fileName}», línea {row.Line}.");
        Written++;
    }

    /// <summary>Indexes rebuilt, the office's folio series moved past the highest imported folio, the run recorded, committed.</summary>
    public async Task CommitAsync(ImportRun run, CancellationToken ct)
    {
        _bulk?.Restore((SqliteConnection)_db.Database.GetDbConnection(), (SqliteTransaction)_tx.GetDbTransaction());
        foreach (var ((prefix, year), last) in _sequences)
        {
            await _db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO FolioSequences (Prefix, Year, LastNumber) VALUES ({prefix}, {year}, {last}) ON CONFLICT (Prefix, Year) DO UPDATE SET LastNumber = max(LastNumber, excluded.LastNumber)", ct);
        }
        _db.ImportRuns.Add(run);
        await _db.SaveChangesAsync(ct);
        await _tx.CommitAsync(ct);
    }

    private async Task<int> AreaAsync(string name, Func<string, string> fold, CancellationToken ct)
    {
        var key = fold(name);
        if (_areas.TryGetValue(key, out var id)) return id;
        var area = new Area { Name = name, Kind = AreaKind.General, SortOrder = ++_areaOrder, IsActive = true };
        _db.Areas.Add(area);
        await _db.SaveChangesAsync(ct);
        return _areas[key] = area.Id;
    }

    private async Task<int> TypeAsync(string name, Func<string, string> fold, CancellationToken ct)
    {
        var key = fold(name);
        if (_types.TryGetValue(key, out var id)) return id;
        var type = new PetitionType { Name = name, SortOrder = ++_typeOrder, IsActive = true };
        _db.PetitionTypes.Add(type);
        await _db.SaveChangesAsync(ct);
        return _types[key] = type.Id;
    }

    /// <summary>Year and number of a folio PREFIJO-AAAA-NNNNN (noting the highest of each series); other folios keep the reception year.</summary>
    private (int Year, int Number) FolioParts(string folio, int receivedYear)
    {
        var parts = folio.Split('-');
        if (parts.Length == 3 && parts[0].Length is > 0 and <= 10 && parts[1].Length == 4 && int.TryParse(parts[1], out var year) && int.TryParse(parts[2], out var number))
        {
            _sequences[(parts[0], year)] = Math.Max(_sequences.GetValueOrDefault((parts[0], year)), number);
            return (year, number);
        }
        return (receivedYear, 0);
    }

    public async ValueTask DisposeAsync()
    {
        _petition.Dispose();
        _customer.Dispose();
        _routing.Dispose();
        _event.Dispose();
        _pause.Dispose();
        // Without a commit this rolls everything back, the dropped indexes included.
        await _tx.DisposeAsync();
        await _db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000");
        await _db.Database.ExecuteSqlRawAsync("PRAGMA temp_store = DEFAULT");
        await _db.DisposeAsync();
    }
}
