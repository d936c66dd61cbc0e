using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ventanilla.Features.Maintenance;

/// <summary>
/// Tells <see cref="StorageHealth"/> about every database command and commit that fails for a storage reason, and
/// about writes that succeed, so <c>/health</c> can say "the disk is full" while it is, not only at the next check.
/// </summary>
public sealed class StorageFaultWatch(StorageHealth health) : DbCommandInterceptor, IDbTransactionInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => health.CommandFailed(eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        health.CommandFailed(eventData.Exception);
        return Task.CompletedTask;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        health.WriteSucceeded();
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        health.WriteSucceeded();
        return ValueTask.FromResult(result);
    }

    // EF writes single rows with INSERT … RETURNING, which runs as a reader.
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (IsWrite(command)) health.WriteSucceeded();
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (IsWrite(command)) health.WriteSucceeded();
        return ValueTask.FromResult(result);
    }

    private static bool IsWrite(DbCommand command)
    {
        var sql = command.CommandText.AsSpan().TrimStart();
        return sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase);
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => health.CommandFailed(eventData.Exception);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        health.CommandFailed(eventData.Exception);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => health.WriteSucceeded();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        health.WriteSucceeded();
        return Task.CompletedTask;
    }
}
