using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>
/// The SQL a service ran on one test's SQLite file, and SQLite's plan for each statement (EXPLAIN QUERY PLAN, with the
/// statement's own parameters): how a test holds a query to the index that makes it cheap on a city's database. SQLite
/// plans without statistics (Ventanilla never runs ANALYZE), so a small test database gets the plan a big one gets.
/// Commands are taken from EF's diagnostic events, only those on this test's database file.
/// </summary>
public sealed class QueryPlans : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly string _database;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<(string Sql, (string Name, object? Value)[] Parameters)> _commands = new();

    private QueryPlans(string database) => _database = Path.GetFullPath(database);

    /// <summary>Starts recording the statements run on <paramref name="databasePath"/>.</summary>
    public static QueryPlans Record(string databasePath)
    {
        var plans = new QueryPlans(databasePath);
        plans._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(plans));
        return plans;
    }

    /// <summary>The statements recorded so far whose text contains <paramref name="fragment"/>.</summary>
    public IReadOnlyList<string> Statements(string fragment)
        => [.. _commands.Where(c => c.Sql.Contains(fragment, StringComparison.Ordinal)).Select(c => c.Sql)];

    /// <summary>SQLite's plan for every recorded statement containing <paramref name="fragment"/>, one text per statement.</summary>
    public async Task<IReadOnlyList<(string Sql, string Plan)>> ExplainAsync(string fragment)
    {
        var plans = new List<(string, string)>();
        await using var connection = new SqliteConnection($"Data Source={_database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        foreach (var (sql, parameters) in _commands.Where(c => c.Sql.Contains(fragment, StringComparison.Ordinal)))
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters) explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            await using var reader = await explain.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync()) lines.Add(reader.GetString(3));
            plans.Add((sql, string.Join("\n", lines)));
        }
        return plans;
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != RelationalEventId.CommandExecuted.Name || value.Value is not CommandExecutedEventData data) return;
        if (data.Command.Connection is not SqliteConnection { DataSource: { } source } || Path.GetFullPath(source) != _database) return;
        _commands.Enqueue((data.Command.CommandText,
            [.. data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value))]));
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}
