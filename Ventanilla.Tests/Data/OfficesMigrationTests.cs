using Ventanilla.Features.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Ventanilla.Tests.Data;

/// <summary>
/// An office's database made by the release before offices existed (its last migration: CitizenChannel) upgrades to
/// one «Oficina principal» holding everything, with no row lost, and the queue goes on numbering where it was.
/// </summary>
public class OfficesMigrationTests
{
    private const string LastReleaseMigration = "20261202165943_CitizenChannel";

    [Fact]
    public async Task A_database_of_the_last_release_becomes_the_main_office_with_nothing_lost()
    {
        var folder = TestApp.NewFolder();
        var file = Path.Combine(folder, "ventanilla.db");
        await using (var old = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options))
        {
            await old.GetService<IMigrator>().MigrateAsync(LastReleaseMigration);
        }
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            // What that release wrote on a morning: two lines, a desk serving both, three visits with their turns, a petition.
            await InsertAsync(connection, "ServiceCategories", new() { ["Letter"] = "A", ["Name"] = "Pagos", ["Color"] = "#1565c0", ["SortOrder"] = 1, ["IsActive"] = 1 });
            await InsertAsync(connection, "ServiceCategories", new() { ["Letter"] = "B", ["Name"] = "Aclaraciones", ["Color"] = "#2e7d32", ["SortOrder"] = 2, ["IsActive"] = 1 });
            await InsertAsync(connection, "Desks", new() { ["Number"] = 1, ["Name"] = "Módulo 1", ["IsActive"] = 1 });
            await InsertAsync(connection, "DeskCategories", new() { ["DeskId"] = 1, ["ServiceCategoryId"] = 1 });
            await InsertAsync(connection, "DeskCategories", new() { ["DeskId"] = 1, ["ServiceCategoryId"] = 2 });
            for (var i = 1; i <= 3; i++)
            {
                await InsertAsync(connection, "Visits", new()
                {
                    ["ArrivedAtUtc"] = $"2026-11-27 15:0{i}:00", ["ServiceDate"] = "2026-11-27", ["ServiceCategoryId"] = 1, ["VisitorName"] = $"Persona {i}",
                    ["PublicCode"] = $"CODIGO{i:00000000000000}",
                });
                await InsertAsync(connection, "QueueTickets", new()
                {
                    ["VisitId"] = i, ["ServiceDate"] = "2026-11-27", ["ServiceCategoryId"] = 1, ["Number"] = i, ["Code"] = $"A-{i:000}",
                    ["Status"] = 0, ["IssuedAtUtc"] = $"2026-11-27 15:0{i}:00",
                });
            }
            await InsertAsync(connection, "PetitionTypes", new() { ["Name"] = "Fuga de agua", ["SortOrder"] = 1, ["IsActive"] = 1 });
            await InsertAsync(connection, "Petitions", new()
            {
                ["Folio"] = "AU-2026-00001", ["FolioYear"] = 2026, ["FolioNumber"] = 1, ["ReceivedAtUtc"] = "2026-11-27 16:00:00", ["ReceptionDay"] = "2026-11-27",
                ["PetitionerName"] = "María López", ["SearchName"] = "maria lopez", ["PetitionTypeId"] = 1, ["Subject"] = "Fuga", ["TermDays"] = 15,
                ["DueDate"] = "2026-12-18", ["CreatedAtUtc"] = "2026-11-27 16:00:00", ["PublicCode"] = "ABC234",
            });
        }

        await using var app = await TestApp.OpenAsync(folder);

        await using (var db = app.CreateDb())
        {
            var office = await db.Offices.SingleAsync();
            Assert.Equal((Office.MainId, Office.MainName, true), (office.Id, office.Name, office.IsActive));
            Assert.Equal([1, 1], await db.ServiceCategories.OrderBy(c => c.Id).Select(c => c.OfficeId).ToListAsync());
            Assert.Equal(1, await db.Desks.Select(d => d.OfficeId).SingleAsync());
            Assert.Equal([1, 1, 1], await db.Visits.Select(v => v.OfficeId).ToListAsync());
            Assert.Equal(3, await db.QueueTickets.CountAsync());
            var petition = await db.Petitions.SingleAsync();
            Assert.Equal(("AU-2026-00001", "María López", 1), (petition.Folio, petition.PetitionerName, petition.OfficeId));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            // The seed never adds its catalogs over the office's own.
            Assert.Equal(["A", "B"], await db.ServiceCategories.OrderBy(c => c.Letter).Select(c => c.Letter).ToListAsync());
        }

        // The morning goes on: the next turn of line A is the fourth, and the desk calls the first.
        var queue = app.Get<QueueService>();
        var turn = await queue.IssueTurnAsync(Actor.System, new KioskRequest(Guid.NewGuid(), 1));
        Assert.Equal(("A-004", 3), (turn.Code, turn.Ahead));
        Assert.Equal("A-001", (await queue.CallNextAsync(Actor.System, 1)).Code);
        await using (var db = app.CreateDb()) Assert.Equal(Office.MainId, (await db.Visits.SingleAsync(v => v.Id == turn.VisitId)).OfficeId);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// Inserts a row into the old schema: the columns given, and every other NOT NULL column without a default filled
    /// with its type's zero (as the old code's own defaults were).
    /// </summary>
    private static async Task InsertAsync(SqliteConnection connection, string table, Dictionary<string, object> values)
    {
        var columns = new List<(string Name, string Type, bool Required)>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"PRAGMA table_info(\"{table}\");";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var required = reader.GetInt32(3) == 1 && reader.IsDBNull(4) && reader.GetInt32(5) == 0;
                columns.Add((reader.GetString(1), reader.GetString(2), required));
            }
        }
        foreach (var (name, type, required) in columns)
        {
            if (required && !values.ContainsKey(name)) values[name] = type.Contains("INT") ? 0 : "";
        }
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", values.Keys.Select(k => $"\"{k}\""))}) VALUES ({string.Join(", ", values.Keys.Select((_, i) => $"$p{i}"))});";
        var index = 0;
        foreach (var value in values.Values) insert.Parameters.AddWithValue($"$p{index++}", value);
        await insert.ExecuteNonQueryAsync();
    }
}
