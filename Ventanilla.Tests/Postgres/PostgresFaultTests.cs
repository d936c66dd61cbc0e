using Ventanilla.Features.Shared;
using Ventanilla.Features.Admin;
using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;

namespace Ventanilla.Tests.Postgres;

/// <summary>
/// A PostgreSQL server that drops the office's connections (restarted, or its administrator ended them) is told in
/// Spanish like SQLite's storage faults, not as «error inesperado»; the next try works.
/// </summary>
public class PostgresFaultTests : AppServiceTest
{
    protected override bool OnPostgres => true;

    [Fact]
    public async Task Connections_ended_by_the_server_are_told_in_spanish_and_the_next_try_works()
    {
        var catalogs = App.Get<CatalogService>();
        await catalogs.SaveAreaAsync(Actor.System, new CatalogItem(0, "Cultura del Agua", 10, true, 0)); // the pool holds a live connection now

        await using (var admin = new Npgsql.NpgsqlConnection(await TestPostgres.ServerAsync()))
        {
            await admin.OpenAsync();
            await using var end = new Npgsql.NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", admin);
            end.Parameters.AddWithValue("name", App.PostgresDatabase!);
            Assert.True((long)(await end.ExecuteScalarAsync())! > 0);
        }

        var fault = await Record.ExceptionAsync(() => catalogs.SaveAreaAsync(Actor.System, new CatalogItem(0, "Comunicación Social", 11, true, 0)));

        Assert.NotNull(fault);
        Assert.Equal(Faults.Unreachable, Faults.StorageCode(fault));
        Assert.StartsWith("No se pudo completar: el servidor de la base de datos no responde", Faults.Describe(fault));
        // Npgsql dropped the broken connection: trying again saves.
        await catalogs.SaveAreaAsync(Actor.System, new CatalogItem(0, "Comunicación Social", 11, true, 0));
        Assert.Contains(await catalogs.ListAreasAsync(), a => a.Name == "Comunicación Social");
    }
}
