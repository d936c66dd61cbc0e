using Ventanilla.Features.Reception;
using System.Security.Cryptography;
using Ventanilla.Data.Interceptors;
using Ventanilla.Features.Import;

namespace Ventanilla.Features.Padron;

/// <summary>What an import of the padrón did (or, refused, why not).</summary>
public sealed record PadronReport(
    int ImportId, PadronImportStatus Status, string FileFormat, int Rows, int Added, int Changed, int Removed, int Unchanged,
    IReadOnlyList<ImportProblem> Problems, int ProblemCount, IReadOnlyList<string> IgnoredColumns)
{
    public bool Applied => Status == PadronImportStatus.Applied;

    /// <summary>«2 nuevas, 1 cambiada, 0 dadas de baja, 5 sin cambio».</summary>
    public string Summary => $"{Spanish.Count(Added, "nueva", "nuevas")}, {Spanish.Count(Changed, "cambiada", "cambiadas")}, " +
        $"{Spanish.Count(Removed, "dada de baja", "dadas de baja")}, {Spanish.Count(Unchanged, "sin cambio", "sin cambio")}";
}

/// <summary>An import as the history lists it.</summary>
public sealed record PadronImportRow(int Id, DateTime StartedLocal, DateTime? FinishedLocal, string FileName, string By, PadronImportStatus Status,
    int Rows, int Added, int Changed, int Removed, int Unchanged, string? Error, bool InForce);

/// <summary>
/// Imports the utility's account register from its commercial system's CSV export (UTF-8 or Windows-1252; comma,
/// semicolon or tab; columns by their usual names). All or nothing: a file with any bad line writes no account and
/// names every bad line. A re-import writes only the differences with the register in force (new, changed and removed
/// accounts; see <see cref="CustomerAccount"/>) and then makes the new import the one in force in one short
/// transaction, so a lookup sees either the old register or the new one, never half. On SQLite the writing goes in
/// short slices (the kiosk and the desks keep writing meanwhile) and a run cut off by a crash is undone at the next
/// start; on PostgreSQL it is one transaction.
/// </summary>
public sealed class PadronImporter(IDbContextFactory<AppDbContext> dbFactory, SettingsService settings, OfficeClock office, ILogger<PadronImporter> logger)
{
    public const int Slice = 2000;
    public const int MaxListedProblems = 200;
    private const string LockKey = "padron-import";

    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The accounts in force under the import <paramref name="current"/> (none before the first).</summary>
    public static IQueryable<CustomerAccount> InForce(IQueryable<CustomerAccount> accounts, int? current)
        => current is { } n ? accounts.Where(a => a.ValidFromImport <= n && (a.ValidToImport == null || a.ValidToImport > n)) : accounts.Where(a => false);

    public async Task<PadronReport> ImportAsync(Actor actor, Func<Stream> open, string fileName, CancellationToken ct = default)
    {
        actor.Require("Importar el padrón de usuarios", Roles.Administrador);
        if (!await _one.WaitAsync(0, ct)) throw new RuleException("Ya se está importando un padrón en este servidor; espere a que termine.");
        try
        {
            // Another process (the console's nightly import, the app) may be importing: refused while it writes; undone if it died.
            await RecoverAsync(ct);
            var read = Read(open);
            var fileHash = await HashAsync(open, ct);
            if (read.Problems.Count > 0)
            {
                var refused = await RecordAsync(actor, fileName, fileHash, read.Rows.Count, PadronImportStatus.Refused,
                    $"{Spanish.Count(read.Problems.Count, "línea con error", "líneas con error")}: {string.Join(" · ", read.Problems.Take(10))}", ct);
                return new PadronReport(refused, PadronImportStatus.Refused, read.Format, read.Rows.Count, 0, 0, 0, 0,
                    [.. read.Problems.Take(MaxListedProblems)], read.Problems.Count, read.Ignored);
            }
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var postgres = db.Database.IsPostgres();
            // PostgreSQL: the whole import is one transaction, serialized with any other instance's by an advisory lock.
            await using var whole = postgres ? await db.Database.BeginTransactionAsync(ct) : null;
            if (postgres) await db.Database.LockKeyAsync(LockKey, ct);
            var current = await db.Settings.Select(s => s.PadronImportId).SingleOrDefaultAsync(ct);
            var run = new PadronImport
            {
                FileName = TextLimits.Clip(fileName, 260)!, FileHash = fileHash, By = actor.UserName, StartedAtUtc = office.UtcNow(), Rows = read.Rows.Count,
                Owner = ProcessOwner.Current, HeartbeatUtc = office.UtcNow(),
            };
            db.PadronImports.Add(run);
            await db.SaveChangesAsync(ct);
            try
            {
                await ApplyAsync(db, open, read, run, current, postgres, ct);
                if (whole is not null) await whole.CommitAsync(ct);
            }
            catch (Exception ex)
            {
                // SQLite: undo the slices already committed. PostgreSQL: the transaction took everything back, the
                // import's own row too, so the history gets it again as stopped.
                if (!postgres) await RollBackAsync(run.Id, ex.Message, CancellationToken.None);
                else await RecordAsync(actor, fileName, fileHash, read.Rows.Count, PadronImportStatus.RolledBack, ex.Message, CancellationToken.None);
                throw;
            }
            // PostgreSQL plans the lookups by its statistics, which a bulk import leaves behind until autovacuum catches up.
            if (postgres) await db.Database.ExecuteSqlRawAsync("ANALYZE \"CustomerAccounts\"", ct);
            await settings.ReloadAsync(ct);
            logger.LogInformation("Padrón importado de {File}: {Added} nuevas, {Changed} cambiadas, {Removed} dadas de baja, {Unchanged} sin cambio.",
                fileName, run.Added, run.Changed, run.Removed, run.Unchanged);
            return new PadronReport(run.Id, PadronImportStatus.Applied, read.Format, run.Rows, run.Added, run.Changed, run.Removed, run.Unchanged, [], 0, read.Ignored);
        }
        finally
        {
            _one.Release();
        }
    }

    public const int HistoryShown = 50;

    public async Task<IReadOnlyList<PadronImportRow>> HistoryAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = settings.Current.PadronImportId;
        var rows = await db.PadronImports.AsNoTracking().OrderByDescending(i => i.Id).Take(HistoryShown).ToListAsync(ct);
        return [.. rows.Select(i => new PadronImportRow(i.Id, office.ToLocal(i.StartedAtUtc), i.FinishedAtUtc is { } f ? office.ToLocal(f) : null, i.FileName, i.By, i.Status,
            i.Rows, i.Added, i.Changed, i.Removed, i.Unchanged, i.Error, i.Id == current))];
    }

    /// <summary>How old a padrón may be before the administrator is warned (1 to 90 days).</summary>
    public Task SaveStaleDaysAsync(Actor actor, int days, long version, CancellationToken ct = default)
    {
        actor.Require("Cambiar la vigencia del padrón", Roles.Administrador);
        if (days is < 1 or > 90) throw new RuleException($"Antigüedad máxima del padrón: de 1 a 90 días; se recibió {days}.");
        return settings.SaveAsync(actor, version, (_, row) => row.PadronStaleDays = days, ct);
    }

    public static string StatusLabel(PadronImportStatus status) => status switch
    {
        PadronImportStatus.Running => "En curso",
        PadronImportStatus.Applied => "Aplicada",
        PadronImportStatus.Refused => "Rechazada (errores)",
        _ => "Interrumpida",
    };

    /// <summary>The accounts the file holds (number → line and content), the bad lines, the columns left unread.</summary>
    private sealed record FileRead(string Format, Dictionary<string, (int Line, long Hash)> Rows, List<ImportProblem> Problems, IReadOnlyList<string> Ignored);

    private static FileRead Read(Func<Stream> open)
    {
        using var csv = LegacyCsv.Open(open);
        var format = $"{csv.Format.EncodingName}, separado por {csv.Format.DelimiterName}";
        var (columns, ignored, headerProblems) = Map(csv.Header, csv.HeaderLine);
        var rows = new Dictionary<string, (int Line, long Hash)>(StringComparer.Ordinal);
        var problems = new List<ImportProblem>(headerProblems);
        if (problems.Count == 0)
        {
            foreach (var record in csv.Records())
            {
                if (PadronRow.Read(record, columns, problems) is not { } row) continue;
                if (rows.TryGetValue(row.AccountNumber, out var first))
                {
                    problems.Add(new ImportProblem(row.Line, null, $"la cuenta {row.AccountNumber} ya está en la línea {first.Line}."));
                    continue;
                }
                rows[row.AccountNumber] = (row.Line, row.ContentHash());
            }
            if (csv.Broken is { } broken) problems.Add(broken);
            if (rows.Count == 0 && problems.Count == 0) problems.Add(new ImportProblem(Math.Max(csv.HeaderLine, 1), null, "el archivo no tiene cuentas después del encabezado."));
        }
        return new FileRead(format, rows, problems, ignored);
    }

    private static (Dictionary<PadronField, int> Columns, List<string> Ignored, List<ImportProblem> Problems) Map(string[] header, int line)
    {
        var columns = new Dictionary<PadronField, int>();
        var ignored = new List<string>();
        var problems = new List<ImportProblem>();
        for (var i = 0; i < header.Length; i++)
        {
            if (PadronColumns.Match(header[i]) is not { } field)
            {
                if (header[i].Length > 0) ignored.Add(header[i]);
            }
            else if (columns.TryGetValue(field, out var other))
            {
                problems.Add(new ImportProblem(line, null, $"las columnas «{header[other]}» y «{header[i]}» son las dos {PadronColumns.Label(field).ToLowerInvariant()}; deje una."));
            }
            else
            {
                columns[field] = i;
            }
        }
        foreach (var missing in PadronColumns.Required.Where(f => !columns.ContainsKey(f)))
        {
            problems.Add(new ImportProblem(Math.Max(line, 1), null,
                $"falta la columna de {PadronColumns.Label(missing).ToLowerInvariant()} (se reconoce como {string.Join(", ", PadronColumns.NamesOf(missing).Select(n => $"«{n}»"))})."));
        }
        return (columns, ignored, problems);
    }

    private async Task ApplyAsync(AppDbContext db, Func<Stream> open, FileRead read, PadronImport run, int? current, bool postgres, CancellationToken ct)
    {
        // What is in force now, by account: compared with the file to write only what changed.
        var existing = new Dictionary<string, (long Id, long Hash)>(StringComparer.Ordinal);
        await foreach (var a in InForce(db.CustomerAccounts.AsNoTracking(), current).Select(a => new { a.Id, a.AccountNumber, a.ContentHash }).AsAsyncEnumerable().WithCancellation(ct))
        {
            existing[a.AccountNumber] = (a.Id, a.ContentHash);
        }
        var superseded = new List<long>();
        foreach (var (account, (id, hash)) in existing)
        {
            if (!read.Rows.TryGetValue(account, out var row)) { superseded.Add(id); run.Removed++; }
            else if (row.Hash != hash) { superseded.Add(id); run.Changed++; }
            else run.Unchanged++;
        }
        run.Added = read.Rows.Count - run.Changed - run.Unchanged;

        // The new and changed accounts, read again from the file (only their fingerprints were kept), in slices.
        using (var csv = LegacyCsv.Open(open))
        {
            var (columns, _, _) = Map(csv.Header, csv.HeaderLine);
            var batch = new List<CustomerAccount>(Slice);
            foreach (var record in csv.Records())
            {
                var row = PadronRow.Read(record, columns, []);
                if (row is null || existing.TryGetValue(row.AccountNumber, out var was) && was.Hash == read.Rows[row.AccountNumber].Hash) continue;
                batch.Add(row.ToAccount(run.Id));
                if (batch.Count == Slice) await WriteAsync(db, run.Id, batch, postgres, ct);
            }
            if (batch.Count > 0) await WriteAsync(db, run.Id, batch, postgres, ct);
        }
        foreach (var chunk in superseded.Chunk(Slice))
        {
            await InSliceAsync(db, postgres, async () =>
            {
                await Heartbeat(db, run.Id, ct);
                return await db.CustomerAccounts.Where(a => chunk.Contains(a.Id)).ExecuteUpdateAsync(u => u.SetProperty(a => a.ValidToImport, run.Id), ct);
            }, ct);
        }

        // In force from here: one short transaction marks the import done and current.
        run.Status = PadronImportStatus.Applied;
        run.FinishedAtUtc = office.UtcNow();
        await InSliceAsync(db, postgres, async () =>
        {
            db.PadronImports.Update(run);
            await db.SaveChangesAsync(ct);
            var letters = read.Rows.Keys.Any(VisitorRules.HasLetters);
            return await db.Settings.ExecuteUpdateAsync(u => u.SetProperty(s => s.PadronImportId, run.Id).SetProperty(s => s.AccountsHaveLetters, letters)
                .SetProperty(s => s.Version, s => s.Version + 1), ct);
        }, ct);
    }

    private async Task WriteAsync(AppDbContext db, int importId, List<CustomerAccount> batch, bool postgres, CancellationToken ct)
    {
        await InSliceAsync(db, postgres, async () =>
        {
            await Heartbeat(db, importId, ct);
            if (postgres)
            {
                // PostgreSQL: binary COPY, inside the import's one transaction.
                var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
                await using var copy = await connection.BeginBinaryImportAsync(
                    $"COPY \"CustomerAccounts\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
                foreach (var a in batch)
                {
                    copy.StartRow();
                    foreach (var text in new[] { a.AccountNumber, a.HolderName, a.SearchName, a.ServiceAddress, a.Colony, a.PostalCode, a.SearchAddress, a.CadastralKey, a.ServiceType })
                    {
                        if (text is null) copy.WriteNull();
                        else copy.Write(text, NpgsqlTypes.NpgsqlDbType.Text);
                    }
                    copy.Write((int)a.Status, NpgsqlTypes.NpgsqlDbType.Integer);
                    if (a.HolderPhone is null) copy.WriteNull();
                    else copy.Write(a.HolderPhone, NpgsqlTypes.NpgsqlDbType.Text);
                    if (a.BalanceDate is { } date) copy.Write(date, NpgsqlTypes.NpgsqlDbType.Date);
                    else copy.WriteNull();
                    copy.Write(a.ContentHash, NpgsqlTypes.NpgsqlDbType.Bigint);
                    copy.Write(a.ValidFromImport, NpgsqlTypes.NpgsqlDbType.Integer);
                }
                await copy.CompleteAsync(ct);
                return batch.Count;
            }
            // SQLite: one prepared statement bound by position (as the legacy import writes): EF's inserts took 76 s
            // for a city's 400,000 accounts.
            using var insert = PreparedStatement.Insert((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), "CustomerAccounts", Columns);
            foreach (var a in batch)
            {
                insert.Execute(a.AccountNumber, a.HolderName, a.SearchName, a.ServiceAddress, a.Colony, a.PostalCode, a.SearchAddress, a.CadastralKey, a.ServiceType,
                    a.Status, a.HolderPhone, a.BalanceDate, a.ContentHash, a.ValidFromImport);
            }
            return batch.Count;
        }, ct);
        batch.Clear();
    }

    private static readonly string[] Columns =
    [
        nameof(CustomerAccount.AccountNumber), nameof(CustomerAccount.HolderName), nameof(CustomerAccount.SearchName), nameof(CustomerAccount.ServiceAddress),
        nameof(CustomerAccount.Colony), nameof(CustomerAccount.PostalCode), nameof(CustomerAccount.SearchAddress), nameof(CustomerAccount.CadastralKey),
        nameof(CustomerAccount.ServiceType), nameof(CustomerAccount.Status), nameof(CustomerAccount.HolderPhone), nameof(CustomerAccount.BalanceDate),
        nameof(CustomerAccount.ContentHash), nameof(CustomerAccount.ValidFromImport),
    ];

    /// <summary>Each slice says the import is alive, so another process does not take it for abandoned.</summary>
    private Task<int> Heartbeat(AppDbContext db, int importId, CancellationToken ct)
        => db.PadronImports.Where(i => i.Id == importId).ExecuteUpdateAsync(u => u.SetProperty(i => i.HeartbeatUtc, office.UtcNow()), ct);

    /// <summary>On SQLite each slice is its own short write transaction; on PostgreSQL it runs inside the import's one.</summary>
    private static async Task InSliceAsync(AppDbContext db, bool postgres, Func<Task<int>> work, CancellationToken ct)
    {
        if (postgres)
        {
            await work();
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await work();
        await tx.CommitAsync(ct);
    }

    /// <summary>Removes what an import cut off half-way wrote and gives back the rows it had superseded.</summary>
    private async Task RollBackAsync(int importId, string reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.CustomerAccounts.Where(a => a.ValidFromImport == importId).ExecuteDeleteAsync(ct);
        await db.CustomerAccounts.Where(a => a.ValidToImport == importId).ExecuteUpdateAsync(u => u.SetProperty(a => a.ValidToImport, (int?)null), ct);
        await db.PadronImports.Where(i => i.Id == importId).ExecuteUpdateAsync(u => u.SetProperty(i => i.Status, PadronImportStatus.RolledBack)
            .SetProperty(i => i.FinishedAtUtc, office.UtcNow()).SetProperty(i => i.Error, TextLimits.Clip(reason, 4000)), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// At start and before each import: an import whose process died (or stopped writing for minutes) is undone, so the
    /// register in force is the last whole one; one still writing refuses a second. (On PostgreSQL a running import is
    /// never seen: it is one transaction.)
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var running = await db.PadronImports.AsNoTracking().Where(i => i.Status == PadronImportStatus.Running).ToListAsync(ct);
        var abandonedBefore = office.UtcNow() - Import.ImportRecovery.AbandonedAfter;
        if (running.FirstOrDefault(r => r.HeartbeatUtc >= abandonedBefore && !ProcessOwner.IsGone(r.Owner)) is { } live)
        {
            throw new RuleException($"Ya se está importando un padrón («{live.FileName}», desde las {office.ToLocal(live.StartedAtUtc):HH:mm}, por {live.By}). Espere a que termine.");
        }
        foreach (var run in running) await RollBackAsync(run.Id, "La importación se interrumpió (el programa se cerró antes de terminar); se retiró lo que había escrito y sigue en uso el padrón anterior.", ct);
        return running.Count;
    }

    /// <summary>An import that wrote nothing, for the history: refused for its errors, or stopped.</summary>
    private async Task<int> RecordAsync(Actor actor, string fileName, string fileHash, int rows, PadronImportStatus status, string error, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = office.UtcNow();
        var row = new PadronImport
        {
            FileName = TextLimits.Clip(fileName, 260)!, FileHash = fileHash, By = actor.UserName, StartedAtUtc = now, FinishedAtUtc = now,
            Status = status, Rows = rows, Error = TextLimits.Clip(error, 4000),
        };
        db.PadronImports.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id;
    }

    private static async Task<string> HashAsync(Func<Stream> open, CancellationToken ct)
    {
        await using var stream = open();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
