using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Ventanilla.Data.Interceptors;

/// <summary>
/// Row locks written in LINQ. On PostgreSQL several app instances write the same queue, so a query tagged with
/// <see cref="RowLocks.ForUpdate{T}"/> or <see cref="RowLocks.ForUpdateSkipLocked{T}"/> gets that locking clause
/// appended and holds its rows until the write transaction ends. On SQLite the tag is only a comment: the write
/// transaction (<c>BEGIN IMMEDIATE</c>) already excludes every other writer of the file.
/// </summary>
public static class RowLocks
{
    internal const string ForUpdateTag = "FOR UPDATE";
    internal const string SkipLockedTag = "FOR UPDATE SKIP LOCKED";

    /// <summary>Locks the rows read (others wait for this transaction). Only for flat queries: no outer joins.</summary>
    public static IQueryable<T> ForUpdate<T>(this IQueryable<T> query) => query.TagWith(ForUpdateTag);

    /// <summary>Locks the rows read and passes over rows another transaction holds: "the next free one".</summary>
    public static IQueryable<T> ForUpdateSkipLocked<T>(this IQueryable<T> query) => query.TagWith(SkipLockedTag);

    /// <summary>
    /// Serializes, until the transaction ends, every transaction that takes the same <paramref name="key"/>: for a
    /// "check that it does not exist, then insert" with no unique index to fall back on. A PostgreSQL advisory lock;
    /// nothing on SQLite, whose write transaction already excludes the others.
    /// </summary>
    public static async Task LockKeyAsync(this DatabaseFacade database, string key, CancellationToken ct)
    {
        if (!database.IsPostgres()) return;
        await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({key}))", ct);
    }
}

/// <summary>Appends the clause of a <see cref="RowLocks"/> tag to the SQL (registered on PostgreSQL only).</summary>
public sealed class RowLockInterceptor : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Apply(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Apply(command);
        return ValueTask.FromResult(result);
    }

    private static void Apply(DbCommand command)
    {
        // EF writes a query's tags as its first comment lines: "-- FOR UPDATE" then the query.
        var text = command.CommandText;
        if (!text.StartsWith("-- FOR UPDATE", StringComparison.Ordinal)) return;
        var firstLine = text[3..text.IndexOf('\n')].TrimEnd('\r');
        var clause = firstLine switch
        {
            RowLocks.SkipLockedTag => RowLocks.SkipLockedTag,
            RowLocks.ForUpdateTag => RowLocks.ForUpdateTag,
            _ => null,
        };
        if (clause is not null) command.CommandText = text.TrimEnd().TrimEnd(';') + " " + clause;
    }
}
