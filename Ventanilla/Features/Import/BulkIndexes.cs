using Microsoft.Data.Sqlite;

namespace Ventanilla.Features.Import;

/// <summary>
/// For a large import into a small database: the secondary indexes of the tables being filled are dropped
/// inside the import's transaction and built again, from their own definitions in <c>sqlite_master</c>, once the
/// rows are in. Building an index from sorted data is several times faster than keeping it up to date row by
/// row. Everything happens in the one transaction, so a failure leaves the indexes exactly as they were; a
/// unique index that cannot be built (a duplicate folio) fails the import.
/// </summary>
internal sealed class BulkIndexes
{
    private readonly List<string> _definitions = [];

    public static BulkIndexes Drop(SqliteConnection connection, SqliteTransaction transaction, params string[] tables)
    {
        var dropped = new BulkIndexes();
        using var query = connection.CreateCommand();
        query.Transaction = transaction;
        query.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))})";
        var indexes = new List<(string Name, string Sql)>();
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, sql) in indexes)
        {
            Execute(connection, transaction, $"DROP INDEX \"{name}\"");
            dropped._definitions.Add(sql);
        }
        return dropped;
    }

    public void Restore(SqliteConnection connection, SqliteTransaction transaction)
    {
        foreach (var sql in _definitions) Execute(connection, transaction, sql);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
