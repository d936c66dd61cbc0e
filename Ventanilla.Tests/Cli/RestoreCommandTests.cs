using Ventanilla.Features.Shared;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Ventanilla.Features.Expediente;

namespace Ventanilla.Tests.Cli;

/// <summary><c>restore FILE</c>: a complete backup put back, checked before anything is touched, the old data kept aside.</summary>
public class RestoreCommandTests : CliTestBase
{
    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>A backup of an office with a petition and its documents, taken by the app (not the verb under test).</summary>
    private static async Task<string> TakeBackupAsync(string into, Func<TestApp, Task>? meanwhile = null)
    {
        await using var app = await TestApp.CreateAsync();
        var clerk = await app.Get<Actors>().ForUserAsync((await app.AddUserAsync("ana", "Segura123", Roles.AtencionUsuarios)).Id);
        var olga = await app.Get<Actors>().ForUserAsync((await app.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes)).Id);
        await using var db = app.CreateDb();
        var type = await db.PetitionTypes.Select(t => t.Id).FirstAsync();
        var petition = await app.Get<PetitionRegistration>().RegisterWrittenAsync(olga,
            new WrittenPetitionInput(new PetitionInput(type, "Fuga", "María López"), "OP-1", new DateTime(2026, 11, 27, 9, 0, 0)));
        await app.Get<AttachmentService>().AddToPetitionAsync(clerk, petition.Id, AttachmentKind.EscritoUsuario, "escrito.pdf", new MemoryStream(TestDocuments.Pdf(2)));
        var file = Path.Combine(into, "respaldo.zip");
        if (meanwhile is null) await app.Get<BackupService>().BackupAsync(file);
        else await meanwhile(app);
        return file;
    }

    [Fact]
    public async Task A_backup_taken_under_concurrent_writes_restores_to_identical_rows_and_files()
    {
        var keep = TestApp.NewFolder();
        var (liveVisits, liveAttachments) = (new List<(int, string, DateTime)>(), new List<(int, string, string)>());
        var file = await TakeBackupAsync(keep, async app =>
        {
            var clerk = await app.Get<Actors>().ForUserAsync((await app.AddUserAsync("rosa", "Segura123", Roles.AtencionUsuarios)).Id);
            int category, petitionId;
            await using (var db = app.CreateDb())
            {
                category = await db.ServiceCategories.Select(c => c.Id).FirstAsync();
                petitionId = await db.Petitions.Select(p => p.Id).SingleAsync();
            }
            // The kiosk issues turns and a desk scans documents while the backup runs.
            using var stop = new CancellationTokenSource();
            var writes = 0;
            var writer = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    await app.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category));
                    await app.Get<AttachmentService>().AddToPetitionAsync(clerk, petitionId, AttachmentKind.Otro, $"foto-{i}.png",
                        new MemoryStream(TestDocuments.Png($"foto {i}")));
                    Interlocked.Increment(ref writes);
                }
            });
            while (Volatile.Read(ref writes) < 5) await Task.Delay(5);
            await app.Get<BackupService>().BackupAsync(Path.Combine(keep, "respaldo.zip"));
            var atBackup = Volatile.Read(ref writes);
            while (Volatile.Read(ref writes) < atBackup + 3) await Task.Delay(5);
            await stop.CancelAsync();
            await writer;
            await using var live = app.CreateDb();
            liveVisits.AddRange((await live.Visits.Select(v => new { v.Id, v.PublicCode, v.ArrivedAtUtc }).ToListAsync()).Select(v => (v.Id, v.PublicCode!, v.ArrivedAtUtc)));
            liveAttachments.AddRange((await live.Attachments.Select(a => new { a.Id, a.Sha256, a.FileName }).ToListAsync()).Select(a => (a.Id, a.Sha256, a.FileName)));
        });
        File.Delete(DatabasePath); // a machine that lost its database

        var result = await RunAsync("restore", file);

        Assert.Equal(0, result.Code);
        Assert.StartsWith("Restaurado el respaldo del 27/11/2026 10:00: 1 petición, ", result.Lines[0]);
        Assert.EndsWith("cada archivo revisado contra su huella SHA-256 y la base revisada por SQLite (los números son los de la base restaurada).", result.Lines[0]);
        Assert.Equal("No había una base anterior.", result.Lines[2]);
        await using var restored = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={DatabasePath};Pooling=False").Options);
        var visits = (await restored.Visits.Select(v => new { v.Id, v.PublicCode, v.ArrivedAtUtc }).ToListAsync()).Select(v => (v.Id, v.PublicCode!, v.ArrivedAtUtc)).ToList();
        var attachments = (await restored.Attachments.Select(a => new { a.Id, a.Sha256, a.FileName }).ToListAsync()).Select(a => (a.Id, a.Sha256, a.FileName)).ToList();
        // The snapshot of one instant: every row it has is exactly as it was, and rows added after it are simply not there.
        Assert.True(visits.Count >= 5 && attachments.Count >= 6, $"{visits.Count} visitas, {attachments.Count} documentos");
        Assert.True(liveAttachments.Count > attachments.Count);
        Assert.Equal(liveVisits.Where(v => v.Item1 <= visits.Max(x => x.Item1)), visits);
        Assert.Equal(liveAttachments.Where(a => a.Item1 <= attachments.Max(x => x.Item1)), attachments);
        // And every document of those rows is there, byte for byte (its name is its hash).
        var store = Path.Combine(Folder, AttachmentStore.FolderName);
        var files = Directory.GetFiles(store, "*", SearchOption.AllDirectories);
        Assert.Equal(attachments.Select(a => a.Item2).Distinct().Order(), files.Select(Path.GetFileName).Order());
        Assert.All(files, f => Assert.Equal(Path.GetFileName(f), Sha(f)));
        Assert.Empty(await restored.Database.GetPendingMigrationsAsync());
        TestApp.TryDelete(keep);
    }

    [Fact]
    public async Task Restoring_over_an_office_keeps_what_was_there_aside()
    {
        var keep = TestApp.NewFolder();
        var file = await TakeBackupAsync(keep);
        Directory.CreateDirectory(Path.Combine(Folder, AttachmentStore.FolderName, "ab"));
        await File.WriteAllTextAsync(Path.Combine(Folder, AttachmentStore.FolderName, "ab", "antes"), "lo de antes");
        var before = Sha(DatabasePath);

        var result = await RunAsync("restore", file);

        Assert.Equal(0, result.Code);
        var aside = Assert.Single(Directory.GetDirectories(Folder, "antes-de-restaurar-*"));
        Assert.Equal($"Lo que había antes quedó en {aside}.", result.Lines[2]);
        Assert.Equal(before, Sha(Path.Combine(aside, "ventanilla.db")));
        Assert.Equal("lo de antes", await File.ReadAllTextAsync(Path.Combine(aside, AttachmentStore.FolderName, "ab", "antes")));
        Assert.Empty(Directory.GetDirectories(Folder, "restaurando-*"));
        await using var restored = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={DatabasePath};Pooling=False").Options);
        Assert.Equal("María López", (await restored.Petitions.SingleAsync()).PetitionerName);
        TestApp.TryDelete(keep);
    }

    [Fact]
    public async Task A_damaged_backup_restores_nothing_and_says_what_is_wrong()
    {
        var keep = TestApp.NewFolder();
        var file = await TakeBackupAsync(keep);
        string damaged;
        using (var zip = ZipFile.Open(file, ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.StartsWith("adjuntos/"));
            damaged = entry.FullName;
            entry.Delete();
            await using var replaced = zip.CreateEntry(damaged).Open();
            await replaced.WriteAsync(TestDocuments.Pdf(3));
        }
        var before = Sha(DatabasePath);

        var result = await RunAsync("restore", file);

        Assert.Equal(1, result.Code);
        Assert.Equal($"Error: {damaged} no coincide con el manifiesto del respaldo (está dañado o fue cambiado); no se restauró nada.", result.Error.Trim());
        Assert.Equal(before, Sha(DatabasePath));
        Assert.Empty(Directory.GetDirectories(Folder, "restaurando-*"));
        Assert.Empty(Directory.GetDirectories(Folder, "antes-de-restaurar-*"));

        var notABackup = Path.Combine(keep, "otra.zip");
        await File.WriteAllTextAsync(notABackup, "hola");
        Assert.Equal($"Error: '{notABackup}' no es un respaldo de Ventanilla (no es un archivo ZIP).", (await RunAsync("restore", notABackup)).Error.Trim());
        TestApp.TryDelete(keep);
    }

    [Fact]
    public async Task Restore_refuses_while_the_app_runs_on_that_database()
    {
        var keep = TestApp.NewFolder();
        var file = await TakeBackupAsync(keep);
        await using var server = await AppServer.StartAsync();
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await Ventanilla.Cli.VentanillaCli.RunAsync(["restore", file], builder =>
        {
            foreach (var (key, value) in TestApp.Settings(server.Folder)) builder.Configuration[key] = value;
        }, output, error);

        Assert.Equal(1, code);
        Assert.Equal($"Error: Ventanilla está en marcha con la base {Path.Combine(server.Folder, "ventanilla.db")}. Deténgala (o detenga su servicio) antes de restaurar.", error.ToString().Trim());
        Assert.Empty(Directory.GetDirectories(server.Folder, "antes-de-restaurar-*"));
        TestApp.TryDelete(keep);
    }

    [Fact]
    public async Task A_backup_of_an_earlier_version_is_brought_up_to_date()
    {
        // A backup made before the expediente existed: its database has no Attachments table and does not list that migration.
        var keep = TestApp.NewFolder();
        var old = Path.Combine(keep, "vieja.db");
        File.Copy(DatabasePath, old);
        await using (var connection = new SqliteConnection($"Data Source={old};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """DROP TABLE "Attachments"; DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" LIKE '%_Expediente'; PRAGMA journal_mode=DELETE;""";
            await command.ExecuteNonQueryAsync();
        }
        var file = Path.Combine(keep, "vieja.zip");
        var bytes = await File.ReadAllBytesAsync(old);
        using (var zip = ZipFile.Open(file, ZipArchiveMode.Create))
        {
            await using (var db = zip.CreateEntry(BackupManifest.DatabaseEntry).Open()) await db.WriteAsync(bytes);
            var manifest = new BackupManifest(1, new DateTime(2026, 11, 1, 16, 0, 0, DateTimeKind.Utc),
                new BackupEntry(BackupManifest.DatabaseEntry, Sha(bytes), bytes.Length), [], new BackupCounts(0, 0, 0, 0));
            await using var json = zip.CreateEntry(BackupManifest.EntryName).Open();
            await JsonSerializer.SerializeAsync(json, manifest, BackupManifest.Json);
        }

        var result = await RunAsync("restore", file);

        Assert.Equal(0, result.Code);
        Assert.Equal("Se aplicó 1 migración para esta versión.", result.Lines[1]);
        await using var restored = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={DatabasePath};Pooling=False").Options);
        Assert.Equal(0, await restored.Attachments.CountAsync());
        Assert.Empty(await restored.Database.GetPendingMigrationsAsync());
        TestApp.TryDelete(keep);
    }
}
