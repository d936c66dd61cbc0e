using Microsoft.Data.Sqlite;

namespace Ventanilla.Features.Import;

/// <summary>
/// Removes what a pending import run wrote, in slices as short as the writer's (the kiosk keeps writing meanwhile).
/// The rows were never visible (<see cref="Data.IStagedByImport"/>), so removing them takes nothing from anyone: the
/// event log's append-only rule is about published history. Areas and types the run created go too, unless someone
/// has used them since.
/// </summary>
internal static class ImportRollback
{
    private const int PetitionsPerSlice = 2_000;

    public static async Task RemoveAsync(SqliteConnection connection, int runId)
    {
        await RemoveInSlicesAsync(connection, runId, "Petitions",
            """
            DELETE FROM "PetitionEvents" WHERE "PetitionId" IN (SELECT "Id" FROM "Petitions" WHERE "Id" BETWEEN $from AND $to AND "ImportRunId" = $run);
            DELETE FROM "Routings" WHERE "PetitionId" IN (SELECT "Id" FROM "Petitions" WHERE "Id" BETWEEN $from AND $to AND "ImportRunId" = $run);
            DELETE FROM "PetitionPauses" WHERE "PetitionId" IN (SELECT "Id" FROM "Petitions" WHERE "Id" BETWEEN $from AND $to AND "ImportRunId" = $run);
            DELETE FROM "Petitions" WHERE "Id" BETWEEN $from AND $to AND "ImportRunId" = $run;
            """);
        await RemoveInSlicesAsync(connection, runId, "Customers",
            """DELETE FROM "Customers" WHERE "Id" BETWEEN $from AND $to AND "ImportRunId" = $run;""");
        await ExecuteAsync(connection, runId, null,
            """
            DELETE FROM "Areas" WHERE "ImportRunId" = $run
                AND NOT EXISTS (SELECT 1 FROM "Routings" r WHERE r."AreaId" = "Areas"."Id")
                AND NOT EXISTS (SELECT 1 FROM "UserAreas" u WHERE u."AreaId" = "Areas"."Id");
            DELETE FROM "PetitionTypes" WHERE "ImportRunId" = $run
                AND NOT EXISTS (SELECT 1 FROM "Petitions" p WHERE p."PetitionTypeId" = "PetitionTypes"."Id")
                AND NOT EXISTS (SELECT 1 FROM "Visits" v WHERE v."DraftPetitionTypeId" = "PetitionTypes"."Id");
            """);
    }

    private static async Task RemoveInSlicesAsync(SqliteConnection connection, int runId, string table, string sql)
    {
        long? first, last;
        await using (var range = connection.CreateCommand())
        {
            range.CommandText = $"SELECT min(\"Id\"), max(\"Id\") FROM \"{table}\" WHERE \"ImportRunId\" = $run";
            range.Parameters.AddWithValue("$run", runId);
            await using var reader = await range.ExecuteReaderAsync();
            await reader.ReadAsync();
            first = reader.IsDBNull(0) ? null : reader.GetInt64(0);
            last = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        }
        if (first is null || last is null) return;
        for (var from = first.Value; from <= last.Value; from += PetitionsPerSlice)
        {
            await ExecuteAsync(connection, runId, (from, from + PetitionsPerSlice - 1), sql);
            await Task.Delay(SqliteImportWriter.Pause);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, int runId, (long From, long To)? range, string sql)
    {
        await using var tx = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$run", runId);
        if (range is { } r)
        {
            command.Parameters.AddWithValue("$from", r.From);
            command.Parameters.AddWithValue("$to", r.To);
        }
        await command.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }
}
