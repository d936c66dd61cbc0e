namespace Ventanilla.Tests.Data;

public class InterceptorTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync();
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Version_starts_at_one_and_grows_with_each_update()
    {
        await using var db = _app.CreateDb();
        var area = await db.Areas.FirstAsync();
        var before = area.Version;
        area.Name += " (editada)";
        await db.SaveChangesAsync();
        Assert.Equal(before + 1, area.Version);
        Assert.True(before >= 1);
    }

    [Fact]
    public async Task A_writer_holding_an_old_version_gets_a_concurrency_error()
    {
        await using var first = _app.CreateDb();
        await using var second = _app.CreateDb();
        var a = await first.Areas.SingleAsync(x => x.Name == "Operación");
        var b = await second.Areas.SingleAsync(x => x.Name == "Operación");

        a.SortOrder = 50;
        await first.SaveChangesAsync();
        b.SortOrder = 60;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task The_event_log_is_append_only_and_registers_are_never_deleted()
    {
        await using (var db = _app.CreateDb())
        {
            var type = await db.PetitionTypes.FirstAsync();
            var petition = new Petition
            {
                Folio = "AU-2026-00001", FolioYear = 2026, FolioNumber = 1, PetitionerName = "Prueba", PetitionTypeId = type.Id,
                Subject = "Fuga", ReceivedAtUtc = DateTime.UtcNow, DayZero = new DateOnly(2026, 11, 27), DueDate = new DateOnly(2026, 12, 18),
            };
            db.Petitions.Add(petition);
            await db.SaveChangesAsync();
            db.PetitionEvents.Add(new PetitionEvent { PetitionId = petition.Id, AtUtc = DateTime.UtcNow, Kind = "Registro", UserName = "x" });
            await db.SaveChangesAsync();
        }

        await using (var db = _app.CreateDb())
        {
            var ev = await db.PetitionEvents.SingleAsync();
            ev.Note = "reescrito";
            var update = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("solo adición", update.Message);
        }

        await using (var db = _app.CreateDb())
        {
            db.Petitions.Remove(await db.Petitions.SingleAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using var check = _app.CreateDb();
        Assert.Equal(1, await check.Petitions.CountAsync());
        Assert.Null((await check.PetitionEvents.SingleAsync()).Note);
    }

    [Fact]
    public async Task Instants_come_back_as_UTC()
    {
        await using (var db = _app.CreateDb())
        {
            db.Customers.Add(new Customer { Name = "Prueba", CreatedAtUtc = new DateTime(2026, 11, 27, 16, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
        }
        await using var read = _app.CreateDb();
        var customer = await read.Customers.SingleAsync();
        Assert.Equal(DateTimeKind.Utc, customer.CreatedAtUtc.Kind);
        Assert.Equal(16, customer.CreatedAtUtc.Hour);
    }
}
