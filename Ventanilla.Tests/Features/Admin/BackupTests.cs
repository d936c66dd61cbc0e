using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Ventanilla.Features.Expediente;

using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;
namespace Ventanilla.Tests.Features.Admin;

/// <summary>Complete backups: the database and every document in one ZIP with a manifest of hashes.</summary>
public class BackupTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private string _copies = "";

    public async Task InitializeAsync()
    {
        _copies = TestApp.NewFolder();
        _app = await TestApp.CreateAsync(configure: s =>
        {
            s["Backup:Keep"] = "2";
            s["Backup:Enabled"] = "true";
            s["Backup:CopyTo"] = _copies;
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        TestApp.TryDelete(_copies);
    }

    /// <summary>A petition with two documents (and a customer and a user), as the office would have them.</summary>
    private async Task<(byte[] Pdf, byte[] Png)> SeedAsync()
    {
        var clerk = await _app.Get<Actors>().ForUserAsync((await _app.AddUserAsync("ana", "Segura123", Roles.AtencionUsuarios)).Id);
        await using (var db = _app.CreateDb())
        {
            db.Customers.Add(new Customer { Name = "José Núñez", AccountNumber = "72227", CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var type = await _app.CreateDb().PetitionTypes.Select(t => t.Id).FirstAsync();
        var petition = await _app.Get<PetitionRegistration>().RegisterWrittenAsync(
            await _app.Get<Actors>().ForUserAsync((await _app.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes)).Id),
            new WrittenPetitionInput(new PetitionInput(type, "Fuga", "María López"), "OP-1", new DateTime(2026, 11, 27, 9, 0, 0)));
        var (pdf, png) = (TestDocuments.Pdf(2), TestDocuments.Png());
        var attachments = _app.Get<AttachmentService>();
        await attachments.AddToPetitionAsync(clerk, petition.Id, AttachmentKind.EscritoUsuario, "escrito.pdf", new MemoryStream(pdf));
        await attachments.AddToPetitionAsync(clerk, petition.Id, AttachmentKind.Identificacion, "ine.png", new MemoryStream(png));
        return (pdf, png);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task A_backup_is_one_ZIP_with_the_database_every_document_and_their_hashes()
    {
        var (pdf, png) = await SeedAsync();
        var file = Path.Combine(_app.Folder, "respaldos", "copia.zip");

        var result = await _app.Get<BackupService>().BackupAsync(file);

        Assert.Equal(file, result.File);
        Assert.Equal(new BackupCounts(1, 0, 2, 2), result.Counts);
        Assert.Equal(pdf.Length + png.Length, result.AttachmentBytes);
        Assert.Equal([Path.GetFileName(file)], Directory.GetFiles(Path.GetDirectoryName(file)!).Select(Path.GetFileName));

        using var zip = ZipFile.OpenRead(file);
        Assert.Equal(["adjuntos/" + Sha(pdf), "adjuntos/" + Sha(png), "manifiesto.json", "ventanilla.db"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        await using var manifestStream = zip.GetEntry("manifiesto.json")!.Open();
        var manifest = (await JsonSerializer.DeserializeAsync<BackupManifest>(manifestStream, BackupManifest.Json))!;
        Assert.Equal(1, manifest.Format);
        Assert.Equal(_app.Time.GetUtcNow().UtcDateTime, manifest.CreatedAtUtc);
        Assert.Equal(new[] { Sha(pdf), Sha(png) }.Order(StringComparer.Ordinal), manifest.Attachments.Select(a => a.Sha256));
        Assert.Equal([pdf.Length, png.Length], manifest.Attachments.OrderBy(a => a.Sha256 == Sha(pdf) ? 0 : 1).Select(a => (int)a.Bytes));

        // The database inside opens on its own, fully migrated, with the same rows.
        var copy = Path.Combine(_app.Folder, "extraida.db");
        zip.GetEntry("ventanilla.db")!.ExtractToFile(copy);
        Assert.Equal(manifest.Database.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(copy))));
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={copy};Pooling=False").Options;
        await using var restored = new AppDbContext(options);
        Assert.Equal("José Núñez", (await restored.Customers.SingleAsync()).Name);
        Assert.Equal(2, await restored.Attachments.CountAsync());
        Assert.Empty(await restored.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task An_existing_target_is_never_overwritten()
    {
        var file = Path.Combine(_app.Folder, "existe.zip");
        await File.WriteAllTextAsync(file, "no tocar");
        var ex = await Assert.ThrowsAsync<RuleException>(() => _app.Get<BackupService>().BackupAsync(file));
        Assert.Contains("ya existe", ex.Message);
        Assert.Equal("no tocar", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task A_document_damaged_on_disk_stops_the_backup_and_leaves_no_file()
    {
        var (pdf, _) = await SeedAsync();
        await File.WriteAllBytesAsync(_app.Get<AttachmentStore>().PathOf(Sha(pdf)), TestDocuments.Pdf(9));
        var file = Path.Combine(_app.Folder, "respaldos", "copia.zip");

        var refused = await Assert.ThrowsAsync<RuleException>(() => _app.Get<BackupService>().BackupAsync(file));

        Assert.Equal($"El documento {Sha(pdf)} del expediente está dañado en el disco (su contenido ya no corresponde); restáurelo de un respaldo anterior.", refused.Message);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!));
    }

    [Fact]
    public async Task The_daily_backup_writes_once_a_day_copies_it_and_keeps_the_newest_in_both_places()
    {
        await SeedAsync();
        var daily = _app.Get<DailyBackupService>();
        var written = new List<string?>();
        for (var day = 0; day < 4; day++)
        {
            written.Add(await daily.RunOnceAsync());
            Assert.Null(await daily.RunOnceAsync()); // the same day again: nothing new
            _app.Time.Advance(TimeSpan.FromDays(1));
        }

        Assert.All(written, Assert.NotNull);
        var id = _app.Get<SettingsService>().Current.DatabaseId![..8];
        string[] newest = [$"ventanilla-2026-11-29-{id}.zip", $"ventanilla-2026-11-30-{id}.zip"];
        Assert.Equal(newest, Directory.GetFiles(daily.Folder).Select(Path.GetFileName).Order());
        Assert.Equal(newest, Directory.GetFiles(_copies).Select(Path.GetFileName).Order());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(daily.Folder, newest[1])), await File.ReadAllBytesAsync(Path.Combine(_copies, newest[1])));
        Assert.Equal(2, _app.Get<IOptions<BackupOptions>>().Value.Keep);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Health_reports_the_last_backups_age_and_a_failed_copy()
    {
        var daily = _app.Get<DailyBackupService>();
        var none = await HealthEndpoint.CheckAsync(_app.Services, default);
        Assert.Equal("degraded", none.Status);
        Assert.Contains($"Todavía no hay ningún respaldo en {daily.Folder}.", none.Problems);

        await daily.RunOnceAsync();
        _app.Time.Advance(TimeSpan.FromHours(5));
        var fresh = await HealthEndpoint.CheckAsync(_app.Services, default);
        Assert.Equal(("ok", 5.0), (fresh.Status, fresh.LastBackupHours));

        _app.Time.Advance(TimeSpan.FromHours(22));
        var stale = await HealthEndpoint.CheckAsync(_app.Services, default);
        Assert.Equal(("degraded", 27.0), (stale.Status, stale.LastBackupHours));
        Assert.Contains("El último respaldo es de hace 27 horas (del 27/11/2026 10:00); se esperaba uno cada día.", stale.Problems);

        // The second destination goes missing (a USB disk unplugged, say): the backup is made, the copy is reported.
        TestApp.TryDelete(_copies);
        await File.WriteAllTextAsync(_copies, "un archivo donde debía haber una carpeta");
        await daily.RunOnceAsync();
        var copyFailed = await HealthEndpoint.CheckAsync(_app.Services, default);
        Assert.Equal("degraded", copyFailed.Status);
        Assert.Contains(copyFailed.Problems, p => p.StartsWith($"No se pudo copiar el respaldo a {_copies}"));
        File.Delete(_copies);
    }

    [Fact]
    public async Task Two_databases_sharing_a_backup_folder_never_take_prune_or_report_each_others_backups()
    {
        var mine = _app.Get<DailyBackupService>();
        await mine.RunOnceAsync();
        var myBackup = Assert.Single(Directory.GetFiles(mine.Folder));
        // A second database in the same data folder (a training copy, say), with the same backup folder.
        await using var other = await TestApp.OpenAsync(_app.Folder, s =>
        {
            s["ConnectionStrings:Ventanilla"] = $"Data Source={Path.Combine(_app.Folder, "pruebas.db")}";
            s["Backup:Enabled"] = "true";
            s["Backup:Keep"] = "1";
        });
        var theirs = other.Get<DailyBackupService>();
        Assert.Equal(mine.Folder, theirs.Folder);
        Assert.NotEqual(_app.Get<SettingsService>().Current.DatabaseId, other.Get<SettingsService>().Current.DatabaseId);

        var before = await HealthEndpoint.CheckAsync(other.Services, default);
        Assert.Null(before.LastBackupHours);
        Assert.Contains($"Todavía no hay ningún respaldo en {theirs.Folder}.", before.Problems);

        // Its own daily backup is written beside mine, and its pruning (it keeps one) leaves mine alone.
        var written = await theirs.RunOnceAsync();
        other.Time.Advance(TimeSpan.FromDays(1));
        await theirs.RunOnceAsync();
        Assert.StartsWith(Path.Combine(theirs.Folder, "pruebas-2026-11-27-"), written);
        Assert.True(File.Exists(myBackup));
        Assert.Equal(2, Directory.GetFiles(mine.Folder).Length);

        // A file of its name that holds another database's backup is not counted as its backup.
        foreach (var file in Directory.GetFiles(theirs.Folder, "pruebas-*")) File.Delete(file);
        File.Copy(myBackup, Path.Combine(theirs.Folder, Path.GetFileName(written!).Replace("2026-11-27", "2026-11-28")));
        Assert.Null((await HealthEndpoint.CheckAsync(other.Services, default)).LastBackupHours);
        SqliteConnection.ClearAllPools();
    }
}
