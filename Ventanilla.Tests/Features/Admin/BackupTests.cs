using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Ventanilla.Tests.Features.Admin;

public class BackupTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync(configure: s => s["Backup:Keep"] = "2");
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_backup_opens_on_its_own_and_holds_the_same_rows()
    {
        await _app.AddUserAsync("ana", "Segura123", Roles.AtencionUsuarios);
        await using (var db = _app.CreateDb())
        {
            db.Customers.Add(new Customer { Name = "José Núñez", AccountNumber = "72227", CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        var file = Path.Combine(_app.Folder, "respaldos", "copia.db");

        var result = await _app.Get<BackupService>().BackupAsync(file);

        Assert.Equal(file, result.File);
        Assert.False(File.Exists(file + "-wal"));
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
        await using var copy = new AppDbContext(options);
        Assert.Equal("José Núñez", (await copy.Customers.SingleAsync()).Name);
        Assert.Equal(1, await copy.Users.CountAsync(u => u.UserName == "ana"));
        Assert.Equal(7, await copy.Areas.CountAsync());
        Assert.Empty(await copy.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task An_existing_target_is_never_overwritten()
    {
        var file = Path.Combine(_app.Folder, "existe.db");
        await File.WriteAllTextAsync(file, "no tocar");
        var ex = await Assert.ThrowsAsync<RuleException>(() => _app.Get<BackupService>().BackupAsync(file));
        Assert.Contains("ya existe", ex.Message);
        Assert.Equal("no tocar", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task The_daily_backup_writes_once_a_day_and_keeps_the_newest()
    {
        var daily = _app.Get<DailyBackupService>();
        var written = new List<string?>();
        for (var day = 0; day < 4; day++)
        {
            written.Add(await daily.RunOnceAsync());
            Assert.Null(await daily.RunOnceAsync()); // the same day again: nothing new
            _app.Time.Advance(TimeSpan.FromDays(1));
        }

        Assert.All(written, Assert.NotNull);
        var kept = Directory.GetFiles(daily.Folder).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["ventanilla-2026-11-29.db", "ventanilla-2026-11-30.db"], kept);
        Assert.Equal(2, _app.Get<IOptions<BackupOptions>>().Value.Keep);
        SqliteConnection.ClearAllPools();
    }
}
