using Ventanilla.Features.Shared;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Ventanilla.Features.Import;

namespace Ventanilla.Tests.Reliability;

/// <summary>
/// A long import writes in short slices (the kiosk keeps issuing turns meanwhile) and yet is seen whole or not at
/// all: its rows stay hidden until the last one is in, and a problem, a cancel or a crash removes them.
/// </summary>
public class ImportSliceTests : AppServiceTest
{
    private const int Rows = 12_000;

    // Short slices, so even a small file is written in many of them.
    protected override void Configure(Dictionary<string, string?> settings) => settings["Import:SliceMilliseconds"] = "20";

    private string File(int rows = Rows, int first = 1)
    {
        var path = Path.Combine(App.Folder, $"legado-{first}.csv");
        LegacyFiles.Write(path, rows, first);
        return path;
    }

    /// <summary>Rows in the table whatever the query filters say, as another program reading the file would count them.</summary>
    private long RawCount(string table) => Scalar($"SELECT count(*) FROM \"{table}\"");

    private long IndexCount() => Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'index'");

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={App.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private int VisibleCount()
    {
        using var db = App.CreateDb();
        return db.Petitions.Count();
    }

    private Task<ImportReport> ImportAsync(string path, IProgress<double>? progress = null, CancellationToken ct = default)
        => App.Get<LegacyImport>().RunAsync(() => System.IO.File.OpenRead(path), Path.GetFileName(path), new ImportOptions(), progress, ct);

    [Fact]
    public async Task Rows_written_in_slices_stay_hidden_until_the_whole_file_is_in()
    {
        var path = File();
        var hiddenChecks = 0;
        var progress = new WhileWriting(() => RawCount("Petitions"), _ =>
        {
            // Committed by a slice, readable by any connection, yet no query of the app sees them.
            Assert.Equal(0, VisibleCount());
            hiddenChecks++;
        });

        var report = await ImportAsync(path, progress);

        Assert.True(report.Written, report.ToText());
        Assert.True(hiddenChecks >= 2, $"la importación escribió en {hiddenChecks} tramos; se esperaban varios");
        Assert.Equal(Rows, VisibleCount());
        await using var db = App.CreateDb();
        var run = await db.ImportRuns.SingleAsync();
        Assert.False(run.IsPending);
        Assert.True(run.Succeeded);
        Assert.Equal(Rows, await db.Petitions.CountAsync(p => p.ImportRunId == run.Id));
    }

    [Fact]
    public async Task A_kiosk_turn_is_issued_while_a_long_import_is_still_writing()
    {
        var path = File(40_000);
        await using (var db = App.CreateDb())
        {
            Assert.True(await db.ServiceCategories.AnyAsync());
        }
        var category = await App.Get<ReceptionCatalogService>().ListCategoriesAsync(activeOnly: true);
        var import = Task.Run(() => ImportAsync(path));
        // Once the import has committed its first slice it is writing for a good while yet.
        while (RawCount("Petitions") == 0 && !import.IsCompleted) await Task.Delay(10);

        var turn = await App.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category[0].Id, PreferentialReason.None, null, null, null));

        Assert.False(import.IsCompleted, "el turno esperó a que terminara toda la importación");
        Assert.Equal("A-001", turn.Code);
        var report = await import;
        Assert.True(report.Written, report.ToText());
    }

    [Fact]
    public async Task A_problem_found_after_slices_were_written_removes_every_row_of_the_run()
    {
        var path = File();
        // The last row's date is impossible: found only after most of the file was written.
        System.IO.File.AppendAllText(path, "GAU-2026-999999,31/02/2025,Presencial,Ana Ruiz,No,,,,Reconexión,Reconexión,Operación,En trámite,,,\n");
        var progress = new WhileWriting(() => RawCount("Petitions"), _ => { });

        var report = await ImportAsync(path, progress);

        Assert.False(report.Written);
        Assert.Contains(report.Errors, e => e.Folio == "GAU-2026-999999");
        Assert.True(progress.Seen > 0, "la importación no alcanzó a escribir ningún tramo antes del error");
        await ImportChecks.NothingLeftAsync(App, RawCount, "no se importó nada");
        // The areas and types the file named were created as met, and go with the rows.
        await using var db = App.CreateDb();
        Assert.False(await db.PetitionTypes.AnyAsync(t => t.Name == "Reporte de fuga"));
    }

    [Fact]
    public async Task A_cancelled_import_leaves_nothing()
    {
        var path = File();
        using var cancel = new CancellationTokenSource();
        var progress = new WhileWriting(() => RawCount("Petitions"), _ => cancel.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(path, progress, cancel.Token));

        Assert.Equal(0, RawCount("Petitions"));
        Assert.Equal(0, RawCount("Customers"));
        await using var db = App.CreateDb();
        Assert.False((await db.ImportRuns.SingleAsync()).IsPending);
    }

    [Fact]
    public async Task A_run_abandoned_by_a_dead_process_is_rolled_back_and_a_live_one_blocks_another_import()
    {
        // What a process killed mid-import leaves: a pending run with committed, hidden rows.
        await using (var db = App.CreateDb())
        {
            var type = await db.PetitionTypes.FirstAsync();
            var run = new ImportRun { FileName = "viejo.csv", FileHash = "x", StartedAtUtc = App.Time.GetUtcNow().UtcDateTime, IsPending = true,
                HeartbeatUtc = App.Time.GetUtcNow().UtcDateTime, UserName = "admin" };
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync();
            db.Petitions.Add(PetitionRows.Make(new DateTime(2025, 3, 3, 10, 0, 0), new DateOnly(2025, 3, 3), type.Id, PetitionStatus.Turnada) is var p
                ? Tag(p, run.Id) : p);
            await db.SaveChangesAsync();
        }
        Assert.Equal(0, VisibleCount());

        // Its heartbeat is fresh: it may still be running in another process.
        var refused = await Assert.ThrowsAsync<Ventanilla.Features.Shared.RuleException>(() => ImportAsync(File(10)));
        Assert.Contains("Ya hay una importación en curso", refused.Message);

        App.Time.Advance(ImportRecovery.AbandonedAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await App.Get<ImportRecovery>().RecoverAsync());
        Assert.Equal(0, RawCount("Petitions"));
        await using (var db = App.CreateDb())
        {
            var run = await db.ImportRuns.SingleAsync();
            Assert.False(run.IsPending);
            Assert.Contains("se interrumpió", run.Report);
        }
        var report = await ImportAsync(File(10));
        Assert.True(report.Written, report.ToText());
        Assert.Equal(10, VisibleCount());
    }

    [Fact]
    public async Task An_import_killed_halfway_shows_nothing_and_the_next_start_removes_it_and_rebuilds_its_indexes()
    {
        var indexes = IndexCount();
        var path = File(100_000);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Ventanilla.dll"), "import", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Ventanilla"] = $"Data Source={App.DatabasePath}";
        start.Environment["Backup__Enabled"] = "false";
        start.Environment["Import__SliceMilliseconds"] = "20";
        using (var process = Process.Start(start)!)
        {
            var watch = Stopwatch.StartNew();
            await using (var watching = App.CreateDb())
            {
                // What the child has committed so far, whatever the filters hide.
                while (await watching.Petitions.IgnoreQueryFilters().CountAsync() < 2_000 && !process.HasExited && watch.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(5);
            }
            if (process.HasExited) Assert.Fail($"la importación terminó antes de poder interrumpirla: {await process.StandardError.ReadToEndAsync()}");
            process.Kill(entireProcessTree: true); // kill -9: no rollback, no finally
            await process.WaitForExitAsync();
        }

        // On disk: committed slices of a pending run, its big-import indexes dropped. In the app: nothing.
        Assert.True(RawCount("Petitions") >= 2_000);
        Assert.True(IndexCount() < indexes);
        Assert.Equal(0, VisibleCount());

        // The next start of the app, as the server runs it.
        var startup = App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Ventanilla.Features.Server.DatabaseStartupService>().Single();
        await startup.StartAsync(CancellationToken.None);

        foreach (var table in ImportChecks.WrittenTables) Assert.Equal(0, RawCount(table));
        Assert.Equal(indexes, IndexCount());
        await using var db = App.CreateDb();
        var run = await db.ImportRuns.SingleAsync();
        Assert.False(run.IsPending);
        Assert.Null(run.DroppedIndexes);
        Assert.Contains("se interrumpió", run.Report);
        Assert.True((await ImportAsync(File(10, 900_000))).Written);
    }

    [Fact]
    public async Task A_pending_run_whose_process_is_gone_is_rolled_back_at_once()
    {
        await using (var db = App.CreateDb())
        {
            db.ImportRuns.Add(new ImportRun { FileName = "viejo.csv", FileHash = "x", StartedAtUtc = App.Time.GetUtcNow().UtcDateTime, IsPending = true,
                HeartbeatUtc = App.Time.GetUtcNow().UtcDateTime, UserName = "admin", Owner = $"{Environment.MachineName}:{int.MaxValue - 7}:1" });
            await db.SaveChangesAsync();
        }

        var report = await ImportAsync(File(10));

        Assert.True(report.Written, report.ToText());
        await using (var db = App.CreateDb())
        {
            Assert.False(await db.ImportRuns.AnyAsync(r => r.IsPending));
        }
    }

    private static Petition Tag(Petition petition, int runId)
    {
        petition.ImportRunId = runId;
        return petition;
    }
}
