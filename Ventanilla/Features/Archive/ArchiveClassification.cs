namespace Ventanilla.Features.Archive;

/// <summary>
/// Gives each closed file (a petition closed, closed without proof, or cancelled) the series of its type and the ends
/// of its active and semi-active periods, counted in whole years from the day it closed (office time), with the years
/// the series had then. Runs at start and every hour, and before the inventory or the transfer list are read, so
/// they never miss a file closed a moment ago; files closed in Ventanilla and imported ones alike. Idempotent: a file
/// is classified once.
/// </summary>
public sealed class ArchiveClassification(IDbContextFactory<AppDbContext> dbFactory, OfficeClock office, TimeProvider time, ILogger<ArchiveClassification> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Every => TimeSpan.FromHours(1);
    protected override string DoneMessage => "Expedientes cerrados clasificados en su serie de archivo";
    protected override string FailedMessage => "No se pudieron clasificar los expedientes cerrados; se reintentará.";
    protected override Task<int> RunOnceAsync(CancellationToken ct) => ClassifyPendingAsync(ct);

    private const int Batch = 2000;

    /// <summary>Classifies every closed file still without a series whose type has one; returns how many.</summary>
    public async Task<int> ClassifyPendingAsync(CancellationToken ct = default)
    {
        var done = 0;
        // Onwards from the last file seen: files of a type without a series stay pending, and are not read again.
        var after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Read through IX_Petitions_ArchivePending (its condition is this one), in id order.
            var pending = await (from p in db.Petitions.AsNoTracking()
                                 where p.ClosedAtUtc != null && p.ArchiveSeriesId == null && p.Id > after
                                 join t in db.PetitionTypes on p.PetitionTypeId equals t.Id
                                 join s in db.ArchiveSeries on t.ArchiveSeriesId equals s.Id
                                 orderby p.Id
                                 select new { p.Id, ClosedAtUtc = p.ClosedAtUtc!.Value, SeriesId = s.Id, s.ActiveYears, s.SemiActiveYears })
                .Take(Batch).ToListAsync(ct);
            if (pending.Count == 0) return done;
            // One statement per (series, dates): a batch of files closed over a few days is a few statements.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var group in pending.GroupBy(p => Periods(p.ClosedAtUtc, p.SeriesId, p.ActiveYears, p.SemiActiveYears)))
            {
                var ids = group.Select(p => p.Id).ToList();
                var (seriesId, activeUntil, semiUntil) = group.Key;
                // «Closed» repeats the pending index's condition: with «no series» alone, SQLite (without statistics)
                // walked the transfer list's index through every file without a series (75 ms a statement on a city)
                // instead of looking the ids up.
                await db.Petitions.Where(p => ids.Contains(p.Id) && p.ClosedAtUtc != null && p.ArchiveSeriesId == null).ExecuteUpdateAsync(u => u
                    .SetProperty(p => p.ArchiveSeriesId, seriesId)
                    .SetProperty(p => p.ArchiveActiveUntil, activeUntil)
                    .SetProperty(p => p.ArchiveSemiActiveUntil, semiUntil), ct);
            }
            await tx.CommitAsync(ct);
            done += pending.Count;
            after = pending[^1].Id;
        }
    }

    private (int SeriesId, DateOnly ActiveUntil, DateOnly SemiActiveUntil) Periods(DateTime closedAtUtc, int seriesId, int activeYears, int semiActiveYears)
    {
        var closedOn = DateOnly.FromDateTime(office.ToLocal(closedAtUtc));
        var activeUntil = closedOn.AddYears(activeYears);
        return (seriesId, activeUntil, activeUntil.AddYears(semiActiveYears));
    }
}
