using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Ventanilla.Data;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Deadlines;
using Ventanilla.Features.Petitions;
using Ventanilla.Features.Shared;

namespace Ventanilla.Features.Import;

/// <summary>Who imports, how the file's headers map (overrides for the ones not recognised), and whether only to check.</summary>
public sealed record ImportOptions(
    string? UserId = null, string UserName = PetitionChanges.SystemName, IReadOnlyDictionary<string, ImportField?>? Mapping = null, bool DryRun = false);

/// <summary>
/// The import of the office's old Control de Peticiones. One pass reads the whole file and finds every problem;
/// if there is any, nothing is written. Otherwise a second pass writes every new petition (with its customer,
/// routings and an "Importada" event naming the file and line) in one transaction. Folios already in Ventanilla
/// are skipped, so importing the same file again adds nothing. Every run is kept in the import history.
/// </summary>
public sealed class LegacyImport(
    IDbContextFactory<AppDbContext> dbFactory, CalendarService calendar, OfficeClock office, SettingsService settings, LiveUpdates live)
{
    public const int PreviewRows = 5;

    /// <summary>What the validation pass leaves for the writing pass.</summary>
    private sealed record Plan(
        ImportReport Report, IReadOnlyList<ImportColumn> Columns, HashSet<int> LinesToAdd, string FileHash,
        Dictionary<string, int> Areas, Dictionary<string, int> Types, Dictionary<string, string> NewAreas, Dictionary<string, string> NewTypes);

    public async Task<ImportReport> RunAsync(
        Func<Stream> open, string fileName, ImportOptions options, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var plan = await PlanAsync(open, fileName, options, ct);
        if (!plan.Report.IsValid || options.DryRun)
        {
            await RecordAsync(plan, options, written: false, ct);
            return plan.Report;
        }
        var report = await WriteAsync(plan, open, options, progress, ct);
        live.Publish(LiveTopic.Petitions | LiveTopic.Catalogs);
        return report;
    }

    /// <summary>The file's headers and how they would be read, for the mapping screen (no rows are checked).</summary>
    public static IReadOnlyList<ImportColumn> ReadColumns(Func<Stream> open, IReadOnlyDictionary<string, ImportField?>? mapping = null)
    {
        using var csv = LegacyCsv.Open(open);
        return Columns(csv.Header, mapping);
    }

    private static IReadOnlyList<ImportColumn> Columns(string[] header, IReadOnlyDictionary<string, ImportField?>? mapping)
        => [.. header.Select((h, i) => new ImportColumn(i, h, mapping is not null && mapping.TryGetValue(h, out var chosen) ? chosen : ImportColumns.Match(h)))];

    private async Task<Plan> PlanAsync(Func<Stream> open, string fileName, ImportOptions options, CancellationToken ct)
    {
        var hash = await HashAsync(open, ct);
        using var csv = LegacyCsv.Open(open);
        var columns = Columns(csv.Header, options.Mapping);
        var fileErrors = new List<string>();
        if (csv.Header.Length == 0) fileErrors.Add("El archivo está vacío: no tiene renglón de encabezados.");
        foreach (var repeated in columns.Where(c => c.Field is not null).GroupBy(c => c.Field).Where(g => g.Count() > 1))
        {
            fileErrors.Add($"Las columnas {string.Join(" y ", repeated.Select(c => $"«{c.Header}»"))} dicen lo mismo ({repeated.Key}); quite una o asígnele otro campo.");
        }
        if (csv.Header.Length > 0)
        {
            foreach (var required in ImportColumns.Required.Where(f => columns.All(c => c.Field != f)))
            {
                fileErrors.Add($"Falta la columna obligatoria {required} (se reconoce como: {string.Join(", ", ImportColumns.NamesOf(required))}).");
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var areas = (await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Name }).ToListAsync(ct)).ToDictionary(a => TextFold.Fold(a.Name), a => a.Id);
        var types = (await db.PetitionTypes.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct)).ToDictionary(t => TextFold.Fold(t.Name), t => t.Id);
        var (newAreas, newTypes) = (new Dictionary<string, string>(), new Dictionary<string, string>());
        var format = csv.Format;
        var (errors, present, conflicts, repeatedRows, preview) = (new List<ImportProblem>(), new List<ImportProblem>(), new List<ImportProblem>(), new List<ImportProblem>(), new List<IReadOnlyDictionary<ImportField, string>>());
        var linesToAdd = new HashSet<int>();
        var rowsRead = 0;
        if (fileErrors.Count == 0)
        {
            var existing = (await db.Petitions.AsNoTracking().Select(p => new { p.Folio, p.ReceivedAtUtc, p.SearchName, p.PetitionerName }).ToListAsync(ct))
                .ToDictionary(p => p.Folio, p => (Date: DateOnly.FromDateTime(office.ToLocal(p.ReceivedAtUtc)), p.SearchName, p.PetitionerName));
            var reader = new LegacyRowReader(columns, office.Today(), settings.Current.FolioPrefix);
            var seen = new Dictionary<string, (int Line, Guid Hash)>();
            foreach (var record in csv.Records())
            {
                ct.ThrowIfCancellationRequested();
                rowsRead++;
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
                    if (first.Hash == rowHash) repeatedRows.Add(new ImportProblem(row.Line, row.Folio, $"igual a la línea {first.Line}."));
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
                            $"en Ventanilla ese folio es de {known.PetitionerName}, recibida el {known.Date:dd/MM/yyyy}; en el archivo, de {row.Petitioner}, recibida el {row.ReceivedDate:dd/MM/yyyy}."));
                    }
                    continue;
                }
                linesToAdd.Add(row.Line);
                foreach (var area in row.Areas)
                {
                    if (!areas.ContainsKey(TextFold.Fold(area))) newAreas.TryAdd(TextFold.Fold(area), area);
                }
                if (!types.ContainsKey(TextFold.Fold(row.Type))) newTypes.TryAdd(TextFold.Fold(row.Type), row.Type);
            }
        }

        var report = new ImportReport(fileName, format.EncodingName, format.DelimiterName, columns, rowsRead, linesToAdd.Count, present, conflicts, repeatedRows,
            errors, [.. newAreas.Values.Order()], [.. newTypes.Values.Order()], preview, Written: false) { FileErrors = fileErrors };
        return new Plan(report, columns, linesToAdd, hash, areas, types, newAreas, newTypes);
    }

    private async Task<ImportReport> WriteAsync(Plan plan, Func<Stream> open, ImportOptions options, IProgress<double>? progress, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)tx.GetDbTransaction();
        var clock = calendar.Clock();
        var now = office.UtcNow();
        var term = settings.Current.ResponseTermDays;
        var opens = clock.Terms.OfficeOpens == default ? new TimeOnly(9, 0) : clock.Terms.OfficeOpens;

        var areas = new Dictionary<string, int>(plan.Areas);
        var types = new Dictionary<string, int>(plan.Types);
        var nextAreaOrder = await db.Areas.MaxAsync(a => (int?)a.SortOrder, ct) ?? 0;
        foreach (var (key, name) in plan.NewAreas)
        {
            var area = new Area { Name = name, Kind = AreaKind.General, SortOrder = ++nextAreaOrder, IsActive = true };
            db.Areas.Add(area);
            await db.SaveChangesAsync(ct);
            areas[key] = area.Id;
        }
        var nextTypeOrder = await db.PetitionTypes.MaxAsync(t => (int?)t.SortOrder, ct) ?? 0;
        foreach (var (key, name) in plan.NewTypes)
        {
            var type = new PetitionType { Name = name, SortOrder = ++nextTypeOrder, IsActive = true };
            db.PetitionTypes.Add(type);
            await db.SaveChangesAsync(ct);
            types[key] = type.Id;
        }
        db.ChangeTracker.Clear();

        var customers = new Dictionary<string, int>();
        foreach (var c in await db.Customers.AsNoTracking().Where(c => c.AccountNumber != null).OrderBy(c => c.Id).Select(c => new { c.Id, c.AccountNumber }).ToListAsync(ct))
        {
            customers.TryAdd(c.AccountNumber!, c.Id);
        }
        var petitionId = await db.Petitions.MaxAsync(p => (int?)p.Id, ct) ?? 0;
        var customerId = await db.Customers.MaxAsync(c => (int?)c.Id, ct) ?? 0;

        using var insertPetition = new PreparedInsert(connection, transaction, "Petitions",
            "Id", "Folio", "FolioYear", "FolioNumber", "Channel", "OficialiaFolio", "ForwardedAtUtc", "ReceivedAtUtc", "ReceptionDay", "CustomerId",
            "PetitionerName", "SearchName", "IsThirdParty", "AccountNumber", "CadastralKey", "Phone", "Address", "PetitionTypeId", "Subject",
            "Notes", "Status", "TermDays", "DueDate", "ProofDueDate", "ResponseDate", "ClosedAtUtc", "OnTime", "CreatedByUserId", "CreatedAtUtc",
            "ImportSource", "Version");
        using var insertCustomer = new PreparedInsert(connection, transaction, "Customers",
            "Id", "Name", "SearchName", "AccountNumber", "CadastralKey", "Phone", "Address", "CreatedAtUtc", "Version");
        using var insertRouting = new PreparedInsert(connection, transaction, "Routings",
            "PetitionId", "AreaId", "RoutedAtUtc", "Status", "AnsweredAtUtc", "Version");
        using var insertEvent = new PreparedInsert(connection, transaction, "PetitionEvents",
            "PetitionId", "AtUtc", "UserId", "UserName", "Kind", "ToStatus", "Note");
        using var insertPause = new PreparedInsert(connection, transaction, "PetitionPauses",
            "PetitionId", "Reason", "StartDate", "StartedAtUtc", "Note");

        var sequences = new Dictionary<(string Prefix, int Year), int>();
        var done = 0;
        using (var csv = LegacyCsv.Open(open))
        {
            var reader = new LegacyRowReader(plan.Columns, office.Today(), settings.Current.FolioPrefix);
            foreach (var record in csv.Records())
            {
                ct.ThrowIfCancellationRequested();
                if (!plan.LinesToAdd.Contains(record.Line)) continue;
                var row = reader.Read(record).Row!;
                var receivedUtc = office.ToUtc(row.ReceivedDate.ToDateTime(row.ReceivedTime ?? opens));
                var dayZero = clock.ReceptionDayOf(receivedUtc);
                var due = row.DueDate ?? clock.DueDate(dayZero, term);
                DateTime? closedUtc = row.ClosedDate is { } closed ? office.ToUtc(closed.ToDateTime(new TimeOnly(12, 0))) : null;
                var answeredOn = row.ResponseDate ?? row.ClosedDate;
                var onTime = row.OnTime ?? (row.Status is PetitionStatus.Entregada or PetitionStatus.Cerrada && answeredOn is { } a ? LegalClock.IsOnTime(a, due) : null);

                int? customer = null;
                if (row.AccountNumber is { } account)
                {
                    if (!customers.TryGetValue(account, out var id))
                    {
                        id = ++customerId;
                        insertCustomer.Execute(id, row.Petitioner, TextFold.Fold(row.Petitioner), account, row.CadastralKey, row.Phone, row.Address, now, 1L);
                        customers[account] = id;
                    }
                    customer = id;
                }

                var (year, number) = FolioParts(row.Folio, row.ReceivedDate.Year, sequences);
                var id0 = ++petitionId;
                insertPetition.Execute(id0, row.Folio, year, number, row.Channel, row.OficialiaFolio,
                    row.Channel == PetitionChannel.Escrito ? receivedUtc : null, receivedUtc, dayZero, customer,
                    row.Petitioner, TextFold.Fold(row.Petitioner), row.IsThirdParty, row.AccountNumber, row.CadastralKey, row.Phone, row.Address,
                    types[TextFold.Fold(row.Type)], row.Subject, row.Notes, row.Status, term, due, row.ProofDueDate, row.ResponseDate, closedUtc, onTime,
                    options.UserId, now, $"{plan.Report.FileName}:{row.Line}", 1L);

                var routingStatus = row.Status switch
                {
                    PetitionStatus.Registrada or PetitionStatus.EsperandoUsuario or PetitionStatus.Turnada => RoutingStatus.Pending,
                    PetitionStatus.Cancelada => RoutingStatus.Withdrawn,
                    _ => RoutingStatus.Answered,
                };
                DateTime? answeredUtc = routingStatus == RoutingStatus.Answered && answeredOn is { } on ? office.ToUtc(on.ToDateTime(new TimeOnly(12, 0))) : null;
                foreach (var area in row.Areas.DistinctBy(TextFold.Fold))
                {
                    insertRouting.Execute(id0, areas[TextFold.Fold(area)], receivedUtc, routingStatus, answeredUtc, 1L);
                }
                if (row.Status == PetitionStatus.EsperandoUsuario)
                {
                    // Imported while waiting on the petitioner: an open pause so "Reanudar" (and the proof term) work as for any other.
                    insertPause.Execute(id0, row.IsThirdParty && row.ProofDueDate is not null ? PauseReason.OwnershipProof : PauseReason.Documents,
                        dayZero, now, "Importada en espera del usuario.");
                }
                insertEvent.Execute(id0, now, options.UserId, options.UserName, "Importada", row.Status,
                    $"Importada del archivo «{plan.Report.FileName}», línea {row.Line}.");

                if (++done % 1000 == 0) progress?.Report((double)done / plan.LinesToAdd.Count);
            }
        }

        // New folios of the office's own series continue after the highest one imported.
        foreach (var ((prefix, year), last) in sequences)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO FolioSequences (Prefix, Year, LastNumber) VALUES ({prefix}, {year}, {last}) ON CONFLICT (Prefix, Year) DO UPDATE SET LastNumber = max(LastNumber, excluded.LastNumber)", ct);
        }
        var report = plan.Report with { Written = true };
        db.ImportRuns.Add(Run(report, plan.FileHash, options, written: true));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            throw new RuleException("Mientras se importaba, alguien registró uno de esos folios; no se importó nada. Vuelva a intentarlo.");
        }
        progress?.Report(1);
        return report;
    }

    /// <summary>Year and number of a folio of the form PREFIJO-AAAA-NNNNN (noting the highest per series); others keep the reception year.</summary>
    private static (int Year, int Number) FolioParts(string folio, int receivedYear, Dictionary<(string, int), int> sequences)
    {
        var parts = folio.Split('-');
        if (parts.Length == 3 && parts[0].Length is > 0 and <= 10 && int.TryParse(parts[1], out var year) && parts[1].Length == 4 && int.TryParse(parts[2], out var number))
        {
            sequences[(parts[0], year)] = Math.Max(sequences.GetValueOrDefault((parts[0], year)), number);
            return (year, number);
        }
        return (receivedYear, 0);
    }

    private async Task RecordAsync(Plan plan, ImportOptions options, bool written, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ImportRuns.Add(Run(plan.Report, plan.FileHash, options, written));
        await db.SaveChangesAsync(ct);
    }

    private ImportRun Run(ImportReport report, string hash, ImportOptions options, bool written) => new()
    {
        FileName = report.FileName, FileHash = hash, StartedAtUtc = office.UtcNow(), UserName = options.UserName, DryRun = options.DryRun,
        Succeeded = written || (options.DryRun && report.IsValid), RowsRead = report.RowsRead, RowsAdded = written ? report.ToAdd : 0,
        RowsSkipped = report.AlreadyPresent.Count + report.Conflicts.Count + report.Repeated.Count, ErrorCount = report.ErrorCount, Report = report.ToText(),
    };

    private static async Task<string> HashAsync(Func<Stream> open, CancellationToken ct)
    {
        await using var stream = open();
        return Convert.ToHexString(await SHA256.HashDataAsync(stream, ct));
    }
}
