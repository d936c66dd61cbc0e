using Ventanilla.Features.Shared;
using Npgsql;

namespace Ventanilla.Tests.Postgres;

/// <summary>The PostgreSQL schema keeps up with the model, starts from nothing, and refuses a bad setting clearly.</summary>
public sealed class PostgresSchemaTests
{
    [Fact]
    public async Task Both_engines_have_a_migration_for_every_model_change()
    {
        await using var sqlite = await TestApp.CreateAsync();
        await using (var db = sqlite.CreateDb())
        {
            Assert.False(db.Database.HasPendingModelChanges(), "Falta una migración de SQLite (dotnet ef migrations add …).");
        }
        await using var postgres = await TestApp.CreateAsync(postgres: true);
        await using var pg = postgres.CreateDb();
        Assert.IsType<PostgresAppDbContext>(pg);
        Assert.False(pg.Database.HasPendingModelChanges(), "Falta la migración de PostgreSQL (--context PostgresAppDbContext, ver README).");
    }

    [Fact]
    public async Task An_empty_PostgreSQL_database_gets_the_schema_the_main_office_and_the_catalogs()
    {
        var name = await TestPostgres.NewEmptyDatabaseAsync();
        try
        {
            var connection = await TestPostgres.DatabaseAsync(name);
            var folder = TestApp.NewFolder();
            await using var app = await TestApp.OpenAsync(folder, s => TestApp.UsePostgres(s, connection, folder));
            await using var db = app.CreateDb();
            Assert.Equal("Oficina principal", (await db.Offices.SingleAsync()).Name);
            Assert.True(await db.ServiceCategories.AnyAsync() && await db.Areas.AnyAsync() && await db.PetitionTypes.AnyAsync());
            // The office identity continues after the main office's fixed id.
            await app.Get<OfficeService>().SaveAsync(Actor.System, new OfficeItem(0, "Sucursal Norte", 2, true, 0));
            Assert.Equal(2, await db.Offices.Where(o => o.Name == "Sucursal Norte").Select(o => o.Id).SingleAsync());
        }
        finally
        {
            await TestPostgres.DropAsync(name);
        }
    }

    [Fact]
    public async Task An_unreachable_server_stops_the_start_with_a_Spanish_message()
    {
        var folder = TestApp.NewFolder();
        var ex = await Assert.ThrowsAsync<DatabaseStartupException>(() => TestApp.OpenAsync(folder, s =>
            TestApp.UsePostgres(s, "Host=127.0.0.1;Port=1;Database=ventanilla;Username=nadie;Timeout=3", folder)));
        Assert.StartsWith("No se puede conectar al servidor PostgreSQL de ventanilla@127.0.0.1:1", ex.Message);
        Assert.IsAssignableFrom<NpgsqlException>(ex.InnerException);
    }

    [Fact]
    public async Task An_unknown_provider_is_refused_naming_the_choices()
    {
        var folder = TestApp.NewFolder();
        var ex = await Assert.ThrowsAsync<DatabaseStartupException>(() => TestApp.OpenAsync(folder, s => s["Database:Provider"] = "Oracle"));
        Assert.Equal("Database:Provider = 'Oracle' no es un motor conocido: use 'Sqlite' (un archivo, el valor por omisión) o 'PostgreSQL'.", ex.Message);
    }
}
