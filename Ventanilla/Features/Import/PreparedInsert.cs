using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ventanilla.Features.Import;

/// <summary>
/// One prepared INSERT reused for every row of an import, inside the import's single transaction. It binds by
/// position through SQLite's own API on the connection's handle (Microsoft.Data.Sqlite looks every parameter up by
/// name on each execution, which for thirty columns and a hundred thousand rows is most of the cost). Values are
/// written in the same form EF Core writes them (dates as ISO text, DateOnly as yyyy-MM-dd, bools and enums as
/// integers), so EF reads them back unchanged.
/// </summary>
internal sealed class PreparedInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int _columns;

    public PreparedInsert(SqliteConnection connection, string table, params string[] columns)
    {
        _db = connection.Handle!;
        _columns = columns.Length;
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})";
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Execute(params object?[] values)
    {
        for (var i = 0; i < _columns; i++)
        {
            var index = i + 1;
            Check(values[i] switch
            {
                null => raw.sqlite3_bind_null(_statement, index),
                string s => raw.sqlite3_bind_text(_statement, index, s),
                int n => raw.sqlite3_bind_int64(_statement, index, n),
                long n => raw.sqlite3_bind_int64(_statement, index, n),
                bool b => raw.sqlite3_bind_int64(_statement, index, b ? 1 : 0),
                Enum e => raw.sqlite3_bind_int64(_statement, index, Convert.ToInt64(e, CultureInfo.InvariantCulture)),
                DateTime d => raw.sqlite3_bind_text(_statement, index, d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
                DateOnly d => raw.sqlite3_bind_text(_statement, index, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                var other => throw new ArgumentException($"Tipo no previsto en la importación: {other.GetType().Name}"),
            });
        }
        var step = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (step != raw.SQLITE_DONE) throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), step, raw.sqlite3_extended_errcode(_db));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
    }

    public void Dispose() => _statement.Dispose();
}
