using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Ventanilla.Features.Import;

/// <summary>
/// For a large import into a small database (an office's first, with years of paper behind it): the secondary indexes
/// of the tables being filled are dropped before the first slice and built again, from their own definitions in
/// <c>sqlite_master</c>, once the rows are in; building an index from the finished table is several times faster
/// than keeping it up to date row by row. Unique indexes stay, so a folio can never be written twice. Each index is
/// built in its own short transaction. The definitions are kept in the pending run, so if the process dies halfway
/// the next start builds them again (<see cref="RestorePendingAsync"/>) before anything else touches the database.
/// </summary>
internal static class BulkIndexes
{
    public static readonly string[] Tables = ["Petitions", "Customers", "Routings", "PetitionEvents", "PetitionPauses"];

    /// <summary>Drops the secondary, non-unique indexes in one transaction together with noting them in the run; returns the definitions as JSON.</summary>
    public static async Task<string> DropAsync(SqliteConnection connection, int runId)
    {
        await using var tx = connection.BeginTransaction();
        var definitions = new List<(string Name, string Sql)>();
        await using (var query = connection.CreateCommand())
        {
            query.Transaction = tx;
            query.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({string.Join(", ", Tables.Select(t => $"'{t}'"))})";
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync()) definitions.Add((reader.GetString(0), reader.GetString(1)));
        }
        var json = JsonSerializer.Serialize(definitions.Select(d => d.Sql));
        await ExecuteAsync(connection, tx, "UPDATE \"ImportRuns\" SET \"DroppedIndexes\" = $json WHERE \"Id\" = $run", ("$json", json), ("$run", runId));
        foreach (var (name, _) in definitions) await ExecuteAsync(connection, tx, $"DROP INDEX \"{name}\"");
        await tx.CommitAsync();
        return json;
    }

    /// <summary>Builds the indexes again, one transaction each, with a pause between them for other writers.</summary>
    public static async Task RestoreAsync(SqliteConnection connection, int runId, string json)
    {
        foreach (var sql in JsonSerializer.Deserialize<string[]>(json) ?? [])
        {
            await using (var tx = connection.BeginTransaction())
            {
                await ExecuteAsync(connection, tx, IfNotExists(sql));
                await tx.CommitAsync();
            }
            await Task.Delay(SqliteImportWriter.Pause);
        }
        await ExecuteAsync(connection, null, "UPDATE \"ImportRuns\" SET \"DroppedIndexes\" = NULL WHERE \"Id\" = $run", ("$run", runId));
    }

    /// <summary>
    /// Builds again the indexes a dead import left dropped. Runs before migrations (which may expect them), on any
    /// schema: a database older than the column has no such runs.
    /// </summary>
    public static async Task RestorePendingAsync(SqliteConnection connection)
    {
        var runs = new List<(int Id, string Json)>();
        await using (var columns = connection.CreateCommand())
        {
            columns.CommandText = "SELECT count(*) FROM pragma_table_info('ImportRuns') WHERE name = 'DroppedIndexes'";
            if (Convert.ToInt64(await columns.ExecuteScalarAsync()) == 0) return;
        }
        await using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT \"Id\", \"DroppedIndexes\" FROM \"ImportRuns\" WHERE \"DroppedIndexes\" IS NOT NULL";
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync()) runs.Add((reader.GetInt32(0), reader.GetString(1)));
        }
        foreach (var (id, json) in runs) await RestoreAsync(connection, id, json);
    }

    private static string IfNotExists(string sql)
        => sql.StartsWith("CREATE INDEX ", StringComparison.OrdinalIgnoreCase) && !sql.Contains(" IF NOT EXISTS ", StringComparison.OrdinalIgnoreCase)
            ? "CREATE INDEX IF NOT EXISTS " + sql["CREATE INDEX ".Length..]
            : sql;

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}
