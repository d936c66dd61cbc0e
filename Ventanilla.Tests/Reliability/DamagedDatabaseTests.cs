using Microsoft.Data.Sqlite;

namespace Ventanilla.Tests.Reliability;

/// <summary>A database file damaged on disk is found by the integrity check and reported by /health, with why.</summary>
public class DamagedDatabaseTests : AppServiceTest
{
    private Task<HealthReport> HealthAsync() => HealthEndpoint.CheckAsync(App.Services, default);

    [Fact]
    public async Task A_damaged_page_is_found_by_quick_check_and_health_says_degraded()
    {
        var check = App.Get<IntegrityCheckService>();
        Assert.Null(await check.CheckAsync());
        Assert.Equal("ok", (await HealthAsync()).Status);

        // A few thousand rows so the table spans many pages, folded into the main file.
        await using (var db = App.CreateDb())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE Relleno (Texto TEXT); CREATE INDEX IX_Relleno ON Relleno (Texto);");
            await db.Database.ExecuteSqlRawAsync(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000) INSERT INTO Relleno (Texto) SELECT printf('%.300c%d', 'x', i) FROM n");
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        SqliteConnection.ClearAllPools();
        // Garbage over a page in the middle of the file, as a failing disk would leave it.
        await using (var file = new FileStream(App.DatabasePath, FileMode.Open, FileAccess.ReadWrite))
        {
            var pageSize = 4096;
            file.Position = file.Length / 2 / pageSize * pageSize;
            file.Write(Enumerable.Repeat((byte)0xA5, pageSize).ToArray());
        }

        var problem = await check.CheckAsync();

        Assert.NotNull(problem);
        var health = await HealthAsync();
        Assert.Equal("degraded", health.Status);
        Assert.Contains(health.Problems, p => p.StartsWith("La revisión de integridad encontró daños") && p.EndsWith("Restaure un respaldo."));
    }

    [Fact]
    public async Task The_first_check_waits_ten_minutes_after_start_up_so_it_does_not_slow_the_first_people()
    {
        var health = App.Get<StorageHealth>();
        var service = App.Get<IntegrityCheckService>();
        await service.StartAsync(CancellationToken.None); // as the host starts it
        await Task.Delay(200);
        Assert.Null(health.LastIntegrityCheck);

        App.Time.Advance(TimeSpan.FromMinutes(9));
        await Task.Delay(200);
        Assert.Null(health.LastIntegrityCheck);

        App.Time.Advance(TimeSpan.FromMinutes(1));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (health.LastIntegrityCheck is null && waited.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(20);
        Assert.Null(Assert.NotNull(health.LastIntegrityCheck).Problem);
        await service.StopAsync(CancellationToken.None);
    }
}
