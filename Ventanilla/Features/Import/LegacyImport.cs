using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Ventanilla.Features.Petitions;

namespace Ventanilla.Features.Import;

/// <summary>Who imports, how the file's headers map (overrides for the ones not recognised), and whether only to check.</summary>
public sealed record ImportOptions(
    string? UserId = null, string UserName = PetitionChanges.SystemName, IReadOnlyDictionary<string, ImportField?>? Mapping = null, bool DryRun = false);

/// <summary>One import run as the history on the import page shows it.</summary>
public sealed record ImportRunView(
    int Id, string FileName, DateTime StartedAtUtc, string? UserName, bool DryRun, bool Succeeded, bool IsPending,
    int RowsAdded, int RowsSkipped, int ErrorCount, string Report);

/// <summary>
/// The import of the office's old Control de Peticiones, all or nothing. One streaming pass over the file checks
/// every row and reports every problem by physical line. A check (dry run) writes nothing. An import makes the
/// same pass, writing each new petition as soon as it is checked, in short slices that leave the database free for
/// the kiosk and the desks in between (<see cref="SqliteImportWriter"/>); nobody sees those rows until the whole file has
/// passed, and if any row has a problem they are removed, so nothing is imported and the report is the same as the
/// check's. Folios already in Ventanilla are skipped, so importing a file again adds nothing. Every run, checks and
/// failures included, is kept in the import history with its report.
/// </summary>
public sealed class LegacyImport(
    IDbContextFactory<AppDbContext> dbFactory, CalendarService calendar, OfficeClock office, SettingsService settings, LiveUpdates live,
    IConfiguration configuration, ImportUploads uploads, ImportRecovery recovery, TimeProvider time)
{
    public const int PreviewRows = 5;
    /// <summary>The longest an import holds the database's write lock at a time (<c>Import:SliceMilliseconds</c>).</summary>
    public TimeSpan Slice => configuration.GetValue<int?>("Import:SliceMilliseconds") is { } ms and > 0 ? TimeSpan.FromMilliseconds(ms) : SqliteImportWriter.DefaultSlice;

    /// <summary>The latest runs, newest first, with their reports.</summary>
    public async Task<IReadOnlyList<ImportRunView>> HistoryAsync(int take = 30, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(take)
            .Select(r => new ImportRunView(r.Id, r.FileName, r.StartedAtUtc, r.UserName, r.DryRun, r.Succeeded, r.IsPending,
                r.RowsAdded, r.RowsSkipped, r.ErrorCount, r.Report))
            .ToListAsync(ct);
    }

    public async Task<ImportReport> RunAsync(
        Func<Stream> open, string fileName, ImportOptions options, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var (hash, length) = await HashAsync(open, ct);
        using var csv = LegacyCsv.Open(open);
        var columns = Columns(csv.Header, options.Mapping);
        var fileErrors = FileErrors(csv, columns);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var areas = (await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Name }).ToListAsync(ct)).ToDictionary(a => TextFold.Fold(a.Name), a => a.Id);
        var types = (await db.PetitionTypes.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct)).ToDictionary(t => TextFold.Fold(t.Name), t => t.Id);

        ImportReport report;
        if (fileErrors.Count > 0 || options.DryRun)
        {
            report = fileErrors.Count > 0 ? Empty(fileName, csv.Format, columns, fileErrors) : await ScanAsync(csv, fileName, columns, areas, types, length, null, progress, ct);
            await RecordAsync(report, hash, options, ct);
            return report;
        }

        await recovery.RecoverAsync(ct);
        // Uploads of pages closed without importing, older than a working day, go now.
        uploads.Sweep(TemporaryFiles.SafeAge);
        var run = Run(Empty(fileName, csv.Format, columns, []), hash, options);
        run.Report = "En curso.";
        var term = settings.Current.ResponseTermDays;
        await using (ImportWriter writer = db.Database.IsPostgres()
            ? await PostgresImportWriter.StartAsync(dbFactory, time, run, options, term, areas, types, ct)
            : await SqliteImportWriter.StartAsync(dbFactory, time, run, options, term, Slice, length, areas, types, ct))
        {
            try
            {
                report = await ScanAsync(csv, fileName, columns, areas, types, length, writer, progress, ct);
            }
            catch (Exception ex) when (Faults.IsUniqueViolation(ex))
            {
                const string message = "Mientras se importaba, alguien registró uno de esos folios; no se importó nada. Vuelva a intentarlo.";
                await writer.RollBackAsync(r => r.Report = message);
                throw new RuleException(message);
            }
            if (report.IsValid)
            {
                report = report with { Written = true };
                await writer.PublishAsync(r => Complete(r, report, options), ct);
            }
            else
            {
                await writer.RollBackAsync(r => Complete(r, report, options));
            }
        }
        if (report.Written) live.Publish(LiveTopic.Petitions | LiveTopic.Catalogs);
        progress?.Report(1);
        return report;
    }

    private static IReadOnlyList<ImportColumn> Columns(string[] header, IReadOnlyDictionary<string, ImportField?>? mapping)
        => [.. header.Select((h, i) => new ImportColumn(i, h, mapping is not null && mapping.TryGetValue(h, out var chosen) ? chosen : ImportColumns.Match(h)))];

    private static List<string> FileErrors(LegacyCsv csv, IReadOnlyList<ImportColumn> columns)
    {
        var errors = new List<string>();
        if (csv.Header.Length == 0) return ["El archivo está vacío: no tiene renglón de encabezados."];
        foreach (var same in columns.Where(c => c.Field is not null).GroupBy(c => c.Field).Where(g => g.Count() > 1))
        {
            errors.Add($"Las columnas {string.Join(" y ", same.Select(c => $"«{c.Header}»"))} dicen lo mismo ({ImportColumns.Label(same.Key!.Value)}); quite una o asígnele otro campo.");
        }
        foreach (var required in ImportColumns.Required.Where(f => columns.All(c => c.Field != f)))
        {
            errors.Add($"Falta la columna obligatoria {ImportColumns.Label(required)} (se reconoce como: {string.Join(", ", ImportColumns.NamesOf(required))}).");
        }
        return errors;
    }

    private static ImportReport Empty(string fileName, LegacyFileFormat format, IReadOnlyList<ImportColumn> columns, List<string> fileErrors)
        => new(fileName, format.EncodingName, format.DelimiterName, columns, 0, 0, [], [], [], [], [], [], [], Written: false) { FileErrors = fileErrors };

    /// <summary>The one pass: every row checked; with a writer, each new one written as soon as it passes (until the first error).</summary>
    private async Task<ImportReport> ScanAsync(
        LegacyCsv csv, string fileName, IReadOnlyList<ImportColumn> columns, Dictionary<string, int> areas, Dictionary<string, int> types, long length,
        ImportWriter? writer, IProgress<double>? progress, CancellationToken ct)
    {
        Dictionary<string, (DateOnly Date, string SearchName, string Name)> existing;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            existing = (await db.Petitions.AsNoTracking().Select(p => new { p.Folio, p.ReceivedAtUtc, p.SearchName, p.PetitionerName }).ToListAsync(ct))
                .ToDictionary(p => p.Folio, p => (DateOnly.FromDateTime(office.ToLocal(p.ReceivedAtUtc)), p.SearchName, p.PetitionerName));
        }
        var folds = new Dictionary<string, string>();
        string Fold(string name)
        {
            if (!folds.TryGetValue(name, out var folded)) folds[name] = folded = TextFold.Fold(name);
            return folded;
        }

        // Reading and checking the file runs here while the database writes the rows already checked on another thread
        // (the office's machine has two cores); the channel holds at most a few thousand rows, so memory stays flat.
        var rows = Channel.CreateBounded<StagedPetition>(new BoundedChannelOptions(2_000) { SingleReader = true, SingleWriter = true });
        var (clock, zone, term) = (calendar.Clock(), office.Zone, settings.Current.ResponseTermDays);
        var writing = writer is null ? Task.CompletedTask : Task.Run(async () =>
        {
            var writerFolds = new Dictionary<string, string>(); // the writing thread's own, as dictionaries are not shared safely
            string WriterFold(string name)
            {
                if (!writerFolds.TryGetValue(name, out var folded)) writerFolds[name] = folded = TextFold.Fold(name);
                return folded;
            }
            try
            {
                await foreach (var row in rows.Reader.ReadAllAsync(ct)) await writer.WriteAsync(row, WriterFold, ct);
            }
            catch (Exception ex)
            {
                rows.Writer.TryComplete(ex); // the reading side stops offering rows instead of waiting on a full channel
                throw;
            }
        }, ct);
        var reader = new LegacyRowReader(columns, office.Today(), settings.Current.FolioPrefix);
        var (errors, present, conflicts, repeated) = (new List<ImportProblem>(), new List<ImportProblem>(), new List<ImportProblem>(), new List<ImportProblem>());
        var preview = new List<IReadOnlyDictionary<ImportField, string>>();
        var (newAreas, newTypes) = (new SortedSet<string>(), new SortedSet<string>());
        var seen = new Dictionary<string, (int Line, Guid Hash)>();
        var (rowsRead, toAdd) = (0, 0);
        try
        {
            foreach (var record in csv.Records())
            {
                ct.ThrowIfCancellationRequested();
                if (++rowsRead % 1000 == 0) progress?.Report(Math.Min(0.99, (double)csv.Position / Math.Max(1, length)));
                if (preview.Count < PreviewRows) preview.Add(reader.Values(record));
                var (row, problems) = reader.Read(record);
                if (row is null)
                {
                    errors.AddRange(problems);
                    continue;
                }
                var rowHash = new Guid(MD5.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', record.Fields))));
                if (seen.TryGetValue(row.Folio, out var first))
                {
                    if (first.Hash == rowHash) repeated.Add(new ImportProblem(row.Line, row.Folio, $"igual a la línea {first.Line}."));
                    else errors.Add(new ImportProblem(row.Line, row.Folio, $"el folio ya aparece en la línea {first.Line} con otros datos."));
                    continue;
                }
                seen[row.Folio] = (row.Line, rowHash);
                if (existing.TryGetValue(row.Folio, out var known))
                {
                    if (known.Date == row.ReceivedDate && known.SearchName == TextFold.Fold(row.Petitioner))
                    {
                        present.Add(new ImportProblem(row.Line, row.Folio, "ya está en Ventanilla."));
                    }
                    else
                    {
                        conflicts.Add(new ImportProblem(row.Line, row.Folio,
                            $"en Ventanilla ese folio es de {known.Name}, recibida el {known.Date:dd/MM/yyyy}; en el archivo, de {row.Petitioner}, recibida el {row.ReceivedDate:dd/MM/yyyy}."));
                    }
                    continue;
                }
                toAdd++;
                foreach (var area in row.Areas.Where(a => !areas.ContainsKey(Fold(a)))) newAreas.Add(area);
                if (!types.ContainsKey(Fold(row.Type))) newTypes.Add(row.Type);
                // After the first problem nothing more will be kept: only checking goes on.
                if (writer is null || errors.Count > 0) continue;
                try
                {
                    await rows.Writer.WriteAsync(StagedPetition.From(row, clock, zone, term, fileName), ct);
                }
                catch (ChannelClosedException)
                {
                    break; // the writing thread failed: its error is rethrown below
                }
            }
        }
        finally
        {
            if (csv.Broken is { } broken) errors.Add(broken);
            // Whatever ends the reading (the end of the file, a cancel, an error), the writing thread is finished
            // before anyone else touches its connection.
            rows.Writer.TryComplete();
            await Task.WhenAny(writing);
        }
        await writing;
        return new ImportReport(fileName, csv.Format.EncodingName, csv.Format.DelimiterName, columns, rowsRead, toAdd, present, conflicts, repeated,
            errors, DistinctFolded(newAreas), DistinctFolded(newTypes), preview, Written: false);
    }

    /// <summary>One spelling per name as the catalog would match it ("OPERACIÓN" and "Operacion" are one new area).</summary>
    private static List<string> DistinctFolded(IEnumerable<string> names) => [.. names.DistinctBy(TextFold.Fold)];

    private async Task RecordAsync(ImportReport report, string hash, ImportOptions options, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ImportRuns.Add(Run(report, hash, options));
        await db.SaveChangesAsync(ct);
    }

    private ImportRun Run(ImportReport report, string hash, ImportOptions options)
    {
        var run = new ImportRun { FileName = report.FileName, FileHash = hash, StartedAtUtc = office.UtcNow(), UserName = options.UserName, DryRun = options.DryRun };
        Complete(run, report, options);
        return run;
    }

    private static void Complete(ImportRun run, ImportReport report, ImportOptions options)
    {
        run.Succeeded = report.Written || (options.DryRun && report.IsValid);
        run.RowsRead = report.RowsRead;
        run.RowsAdded = report.Written ? report.ToAdd : 0;
        run.RowsSkipped = report.AlreadyPresent.Count + report.Conflicts.Count + report.Repeated.Count;
        run.ErrorCount = report.ErrorCount;
        run.Report = report.ToText();
    }

    private static async Task<(string Hash, long Length)> HashAsync(Func<Stream> open, CancellationToken ct)
    {
        await using var stream = open();
        var hash = Convert.ToHexString(await SHA256.HashDataAsync(stream, ct));
        return (hash, stream.Length);
    }
}
