using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ventanilla.Features.Import;

/// <summary>
/// One prepared statement reused for every row of an import. It binds by position through SQLite's own API on the
/// connection's handle (Microsoft.Data.Sqlite looks every parameter up by name on each execution, which for thirty
/// columns and a hundred thousand rows is most of the cost). Values are written in the same form EF Core writes them
/// (dates as ISO text, DateOnly as yyyy-MM-dd, bools and enums as integers), so EF reads them back unchanged. It runs
/// in whatever transaction the connection has open.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly int _parameters;

    public PreparedStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _parameters = raw.sqlite3_bind_parameter_count(_statement);
    }

    /// <summary>An INSERT of the given columns; the row id SQLite assigns comes back from <see cref="Execute"/>.</summary>
    public static PreparedStatement Insert(SqliteConnection connection, string table, params string[] columns)
        => new(connection, $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})");

    /// <summary>Runs the statement with these values (in parameter order) and returns the last inserted row id.</summary>
    public long Execute(params object?[] values)
    {
        for (var i = 0; i < _parameters; i++)
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
                DateTime d => raw.sqlite3_bind_text(_statement, index, Text(d)),
                DateOnly d => raw.sqlite3_bind_text(_statement, index, Text(d)),
                var other => throw new ArgumentException($"Tipo no previsto en la importación: {other.GetType().Name}"),
            });
        }
        var step = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (step is not (raw.SQLITE_DONE or raw.SQLITE_ROW)) throw Error(step);
        return raw.sqlite3_last_insert_rowid(_db);
    }

    /// <summary>An instant as EF Core's SQLite provider stores it.</summary>
    public static string Text(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string Text(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw Error(rc);
    }

    private SqliteException Error(int rc) => new(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));

    public void Dispose() => _statement.Dispose();
}
