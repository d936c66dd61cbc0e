using Ventanilla.Features.Shared;
using System.Diagnostics;
using Npgsql;
using Ventanilla.Features.Import;

namespace Ventanilla.Tests.Postgres;

/// <summary>
/// The legacy import on PostgreSQL: one transaction, so its rows are seen whole or not at all by every other connection,
/// the kiosk keeps issuing turns while it writes, and a problem, a cancel, a second import or a killed process leaves
/// nothing behind.
/// </summary>
public sealed class PostgresImportTests : AppServiceTest
{
    private const int Rows = 12_000;

    protected override bool OnPostgres => true;

    private string File(int rows = Rows, int first = 1)
    {
        var path = Path.Combine(App.Folder, $"legado-{first}.csv");
        LegacyFiles.Write(path, rows, first);
        return path;
    }

    private string ConnectionString
    {
        get
        {
            using var db = App.CreateDb();
            return db.Database.GetConnectionString()!;
        }
    }

    /// <summary>What another connection reads, as a second instance or psql would.</summary>
    private long Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private long RawCount(string table) => Scalar($"SELECT count(*) FROM \"{table}\"");

    /// <summary>
    /// Petition ids handed out so far: sequences are outside transactions, so they show the import's progress (ids are
    /// taken as rows come, so more than a batch's worth means the first batch was copied in).
    /// </summary>
    private long PetitionIdsTaken() => Scalar("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM \"Petitions_Id_seq\"");

    private Task<ImportReport> ImportAsync(string path, IProgress<double>? progress = null, CancellationToken ct = default)
        => App.Get<LegacyImport>().RunAsync(() => System.IO.File.OpenRead(path), Path.GetFileName(path), new ImportOptions(), progress, ct);

    [Fact]
    public async Task Rows_being_written_are_seen_by_no_other_connection_until_the_commit()
    {
        var hiddenChecks = 0;
        var progress = new WhileWriting(PetitionIdsTaken, _ =>
        {
            Assert.Equal(0, RawCount("Petitions"));
            using var db = App.CreateDb();
            Assert.Equal(0, db.Petitions.IgnoreQueryFilters().Count());
            Assert.True(db.ImportRuns.Single().IsPending);
            hiddenChecks++;
        });

        var report = await ImportAsync(File(), progress);

        Assert.True(report.Written, report.ToText());
        Assert.True(hiddenChecks >= 2, $"solo se revisó {hiddenChecks} vez mientras escribía");
        Assert.Equal(Rows, RawCount("Petitions"));
        await using var check = App.CreateDb();
        var run = await check.ImportRuns.SingleAsync();
        Assert.False(run.IsPending);
        Assert.True(run.Succeeded);
        Assert.Equal(Rows, await check.Petitions.CountAsync(p => p.ImportRunId == run.Id));
        Assert.Equal(await check.Petitions.CountAsync(), await check.PetitionEvents.CountAsync(e => e.Kind == PetitionEvents.Imported));
        // The folio series moved past the highest imported folio of each year.
        var last2025 = await check.Petitions.Where(p => p.FolioYear == 2025).MaxAsync(p => p.FolioNumber);
        Assert.Equal(last2025, await check.FolioSequences.Where(s => s.Prefix == "GAU" && s.Year == 2025).Select(s => s.LastNumber).SingleAsync());
    }

    [Fact]
    public async Task A_kiosk_turn_and_a_new_petition_are_not_held_up_by_a_long_import()
    {
        var path = File(40_000);
        var categories = await App.Get<ReceptionCatalogService>().ListCategoriesAsync(activeOnly: true);
        var import = Task.Run(() => ImportAsync(path));
        while (PetitionIdsTaken() <= PostgresImportWriter.BatchRows * 2 && !import.IsCompleted) await Task.Delay(10);

        var turn = await App.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), categories[0].Id));

        Assert.False(import.IsCompleted, "el turno esperó a que terminara toda la importación");
        Assert.Equal("A-001", turn.Code);
        var report = await import;
        Assert.True(report.Written, report.ToText());
        Assert.Equal(40_000, RawCount("Petitions"));
    }

    [Fact]
    public async Task A_problem_found_after_batches_were_copied_leaves_nothing()
    {
        var path = File();
        System.IO.File.AppendAllText(path, "GAU-2026-999999,31/02/2025,Presencial,Ana Ruiz,No,,,,Reconexión,Reconexión,Operación,En trámite,,,\n");
        var progress = new WhileWriting(PetitionIdsTaken, _ => { });

        var report = await ImportAsync(path, progress);

        Assert.False(report.Written);
        Assert.Contains(report.Errors, e => e.Folio == "GAU-2026-999999");
        Assert.True(progress.Seen > PostgresImportWriter.BatchRows, "la importación no alcanzó a copiar ningún lote antes del error");
        await ImportChecks.NothingLeftAsync(App, RawCount, "no se importó nada");
        await using var db = App.CreateDb();
        Assert.False(await db.PetitionTypes.AnyAsync(t => t.Name == "Reporte de fuga"));
    }

    [Fact]
    public async Task A_cancelled_import_leaves_nothing_and_the_same_file_imports_afterwards()
    {
        var path = File();
        using var cancel = new CancellationTokenSource();
        var progress = new WhileWriting(PetitionIdsTaken, taken =>
        {
            if (taken > PostgresImportWriter.BatchRows * 2) cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(path, progress, cancel.Token));

        await ImportChecks.NothingLeftAsync(App, RawCount, "se interrumpió");
        Assert.True((await ImportAsync(path)).Written);
        Assert.Equal(Rows, RawCount("Petitions"));
    }

    [Fact]
    public async Task A_second_import_is_refused_while_one_is_writing_here_or_on_another_instance()
    {
        // One writing on this instance: its heartbeat says so.
        var path = File(40_000);
        var first = Task.Run(() => ImportAsync(path));
        while (PetitionIdsTaken() <= PostgresImportWriter.BatchRows * 2 && !first.IsCompleted) await Task.Delay(10);
        var refused = await Assert.ThrowsAsync<RuleException>(() => ImportAsync(File(10, 900_000)));
        Assert.Contains("Ya hay una importación en curso", refused.Message);
        Assert.True((await first).Written);

        // One whose transaction holds the import lock though its record looks abandoned (another instance, a stale clock).
        await using (var other = new NpgsqlConnection(ConnectionString))
        {
            await other.OpenAsync();
            await using var tx = await other.BeginTransactionAsync();
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('ventanilla.import'))", other, tx)) await take.ExecuteNonQueryAsync();

            refused = await Assert.ThrowsAsync<RuleException>(() => ImportAsync(File(10, 900_000)));
            Assert.Contains("en otra instancia", refused.Message);
        }
        await using var db = App.CreateDb();
        Assert.Equal(40_000, await db.Petitions.CountAsync());
        Assert.False(await db.ImportRuns.AnyAsync(r => r.IsPending));
        Assert.Equal("Ya hay una importación en curso en otra instancia de Ventanilla. Espere a que termine.",
            (await db.ImportRuns.OrderBy(r => r.Id).LastAsync()).Report);
        // With the other one gone, the file imports.
        Assert.True((await ImportAsync(File(10, 900_000))).Written);
    }

    [Fact]
    public async Task An_import_killed_halfway_leaves_nothing_and_the_next_start_ends_its_run()
    {
        var path = File(100_000);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Ventanilla.dll"), "import", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Database__Provider"] = "PostgreSQL";
        start.Environment["ConnectionStrings__Ventanilla"] = ConnectionString;
        start.Environment["Database__DataFolder"] = App.Folder;
        start.Environment["Backup__Enabled"] = "false";
        using (var process = Process.Start(start)!)
        {
            var watch = Stopwatch.StartNew();
            while (PetitionIdsTaken() < 10_000 && !process.HasExited && watch.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(5);
            if (process.HasExited) Assert.Fail($"la importación terminó antes de poder interrumpirla: {await process.StandardError.ReadToEndAsync()}");
            process.Kill(entireProcessTree: true); // kill -9: no rollback from the program, no finally
            await process.WaitForExitAsync();
        }

        foreach (var table in ImportChecks.WrittenTables) Assert.Equal(0, RawCount(table));
        await using (var db = App.CreateDb())
        {
            Assert.True((await db.ImportRuns.SingleAsync()).IsPending);
        }

        // The next start of the app, as the server runs it: the writer's process is gone, so its run is ended at once.
        var startup = App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Ventanilla.Features.Server.DatabaseStartupService>().Single();
        await startup.StartAsync(CancellationToken.None);

        await using (var db = App.CreateDb())
        {
            var run = await db.ImportRuns.SingleAsync();
            Assert.False(run.IsPending);
            Assert.Contains("se interrumpió", run.Report);
        }
        // The server let go of the dead transaction's locks: the same folios import now.
        var report = await ImportAsync(File(50));
        Assert.True(report.Written, report.ToText());
        Assert.Equal(50, RawCount("Petitions"));
    }
}
