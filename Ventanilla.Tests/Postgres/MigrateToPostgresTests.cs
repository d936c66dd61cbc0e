using Ventanilla.Features.Shared;
using Microsoft.AspNetCore.Identity;

namespace Ventanilla.Tests.Postgres;

/// <summary><c>migrate-to-postgres</c>: an office's SQLite file copied into PostgreSQL, verified, and safe to run twice.</summary>
public sealed class MigrateToPostgresTests : CliTestBase
{
    private async Task<int> FillOfficeAsync()
    {
        await using var app = await TestApp.CreateAsync();
        var north = await app.Get<OfficeService>().SaveAsync(Actor.System, new OfficeItem(0, "Sucursal Norte", 2, true, 0));
        var olga = await app.Get<Actors>().ForUserAsync((await app.AddUserAsync("olga", "Segura123", Roles.OficialiaPartes)).Id);
        await using (var db = app.CreateDb())
        {
            var type = await db.PetitionTypes.Select(t => t.Id).FirstAsync();
            for (var i = 1; i <= 2; i++)
            {
                await app.Get<PetitionRegistration>().RegisterWrittenAsync(olga,
                    new WrittenPetitionInput(new PetitionInput(type, "Fuga en la toma", "María López"), $"OP-{i}", new DateTime(2026, 11, 26, 9, 30, 0)));
            }
            var category = await db.ServiceCategories.Select(c => c.Id).FirstAsync();
            for (var i = 0; i < 3; i++) await app.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), category, PreferentialReason.None, "Ana Ruiz"));
            // The office's file, complete (its WAL folded in), becomes the one the verb copies.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        File.Copy(app.DatabasePath, DatabasePath, overwrite: true);
        return north.Id;
    }

    [Fact]
    public async Task An_office_is_copied_verified_and_a_second_run_changes_nothing()
    {
        var northId = await FillOfficeAsync();
        var database = await TestPostgres.NewEmptyDatabaseAsync();
        try
        {
            var connection = await TestPostgres.DatabaseAsync(database);
            var first = await RunAsync("migrate-to-postgres", "--from", DatabasePath, "--to", connection);
            Assert.True(first.Code == 0, first.Error);
            Assert.Contains(first.Lines, l => l.StartsWith("Copia verificada: ", StringComparison.Ordinal) && l.EndsWith("filas y huellas iguales en SQLite y en PostgreSQL.", StringComparison.Ordinal));
            Assert.Contains(first.Lines, l => l.StartsWith("  Petitions: 2 filas, huella ", StringComparison.Ordinal));
            Assert.Contains(first.Lines, l => l.StartsWith("  QueueTickets: 3 filas, huella ", StringComparison.Ordinal));

            var again = await RunAsync("migrate-to-postgres", "--from", DatabasePath, "--to", connection);
            Assert.True(again.Code == 0, again.Error);
            Assert.Contains("ya tenía esta misma copia", again.Output);
            Assert.Equal(first.Lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal)), again.Lines.Where(l => l.StartsWith("  ", StringComparison.Ordinal)));

            var folder = TestApp.NewFolder();
            await using (var app = await TestApp.OpenAsync(folder, s => TestApp.UsePostgres(s, connection, folder)))
            {
                await using var db = app.CreateDb();
                Assert.Equal(["Oficina principal", "Sucursal Norte"], await db.Offices.OrderBy(o => o.Id).Select(o => o.Name).ToListAsync());
                Assert.Equal(3, await db.Visits.CountAsync(v => v.VisitorName == "Ana Ruiz"));
                // The user signs in with the same password, and new rows continue after the copied ones.
                var users = app.Get<UserManager<ApplicationUser>>();
                Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("olga"))!, "Segura123"));
                Assert.Equal(northId + 1, (await app.Get<OfficeService>().SaveAsync(Actor.System, new OfficeItem(0, "Sucursal Sur", 3, true, 0))).Id);
                var olga = await app.Get<Actors>().ForUserAsync((await users.FindByNameAsync("olga"))!.Id);
                var type = await db.PetitionTypes.Select(t => t.Id).FirstAsync();
                var third = await app.Get<PetitionRegistration>().RegisterWrittenAsync(olga,
                    new WrittenPetitionInput(new PetitionInput(type, "Cobro excesivo", "José Pérez"), "OP-3", new DateTime(2026, 11, 27, 9, 0, 0)));
                Assert.Equal("AU-2026-00003", third.Folio);
                var turn = await app.Get<QueueService>().IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), await db.ServiceCategories.Select(c => c.Id).FirstAsync()));
                Assert.EndsWith("-004", turn.Code);
            }

            // Now the PostgreSQL office has moved on: copying the old file over it is refused, and nothing changes.
            var refused = await RunAsync("migrate-to-postgres", "--from", DatabasePath, "--to", connection);
            Assert.Equal(1, refused.Code);
            Assert.StartsWith($"Error: --to: la base {database}@127.0.0.1:", refused.Error);
            Assert.Contains("ya tiene datos y no son una copia de este archivo (difieren: ", refused.Error);
            Assert.Contains("Petitions", refused.Error);
        }
        finally
        {
            await TestPostgres.DropAsync(database);
        }
    }

    [Fact]
    public async Task Bad_arguments_get_Spanish_messages_and_write_nothing()
    {
        var missing = await RunAsync("migrate-to-postgres", "--from", Path.Combine(Folder, "no-existe.db"), "--to", "Host=127.0.0.1");
        Assert.Equal(1, missing.Code);
        Assert.Equal($"Error: --from: no existe el archivo '{Path.Combine(Folder, "no-existe.db")}'.", missing.Error.Trim());

        var garbled = await RunAsync("migrate-to-postgres", "--from", DatabasePath, "--to", "Servidor=otro");
        Assert.Equal(1, garbled.Code);
        Assert.StartsWith("Error: --to: la cadena de conexión no es válida", garbled.Error);

        var unreachable = await RunAsync("migrate-to-postgres", "--from", DatabasePath, "--to", "Host=127.0.0.1;Port=1;Database=ventanilla;Username=nadie;Timeout=3");
        Assert.Equal(1, unreachable.Code);
        Assert.StartsWith("Error: --to: no se puede usar la base PostgreSQL ventanilla@127.0.0.1:1:", unreachable.Error);
    }
}
