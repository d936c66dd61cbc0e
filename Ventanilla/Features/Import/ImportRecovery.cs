using Microsoft.Data.Sqlite;

namespace Ventanilla.Features.Import;

/// <summary>
/// What an import that died leaves behind is taken back: its rows (never visible, see <see cref="SqliteImportWriter"/>)
/// and the indexes a bulk import dropped on SQLite; on PostgreSQL only its record, marked as interrupted. Runs at start-up and before each import, which it also refuses while
/// another import is still writing.
/// </summary>
public sealed class ImportRecovery(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office)
{
    /// <summary>How long a pending run may go without writing a slice before it counts as abandoned (its process died).</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Rolls back runs left pending by a process that died mid-import (their rows were never visible), and refuses to
    /// start while another import is still writing: two at once would race for the same folios. Called at start-up and
    /// before each import.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = await db.ImportRuns.Where(r => r.IsPending).ToListAsync(ct);
        var abandonedBefore = office.UtcNow() - AbandonedAfter;
        if (pending.FirstOrDefault(r => r.HeartbeatUtc >= abandonedBefore && !ProcessOwner.IsGone(r.Owner)) is { } live)
        {
            throw new RuleException(
                $"Ya hay una importación en curso (archivo «{live.FileName}», iniciada a las {office.ToLocal(live.StartedAtUtc):HH:mm} por {live.UserName}). Espere a que termine.");
        }
        if (pending.Count == 0) return 0;
        await db.Database.OpenConnectionAsync(ct);
        // On PostgreSQL the run's rows died with its transaction (see PostgresImportWriter): only the record is left to end.
        var connection = db.Database.IsPostgres() ? null : (SqliteConnection)db.Database.GetDbConnection();
        foreach (var run in pending)
        {
            if (connection is not null)
            {
                if (run.DroppedIndexes is { } dropped) await BulkIndexes.RestoreAsync(connection, run.Id, dropped);
                await ImportRollback.RemoveAsync(connection, run.Id);
            }
            run.EndPending();
            run.Succeeded = false;
            run.RowsAdded = 0;
            run.Report = "La importación se interrumpió (el programa se cerró antes de terminar); se retiró todo lo que había escrito. No se importó nada.";
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return pending.Count;
    }
}
