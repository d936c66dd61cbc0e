using Microsoft.Data.Sqlite;

namespace Ventanilla.Features.Import;

/// <summary>
/// One prepared INSERT reused for every row of an import: years of petitions go in at SQLite's own speed,
/// inside the import's single transaction. Values are bound as Microsoft.Data.Sqlite binds EF's (dates as
/// ISO text, DateOnly as yyyy-MM-dd, bools and enums as integers), so EF reads them back unchanged.
/// </summary>
internal sealed class PreparedInsert : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public PreparedInsert(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                               $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        _parameters = [.. columns.Select((_, i) => _command.Parameters.Add(new SqliteParameter($"$p{i}", null)))];
        _command.Prepare();
    }

    public void Execute(params object?[] values)
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                Enum e => Convert.ToInt32(e),
                var v => v,
            };
        }
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
