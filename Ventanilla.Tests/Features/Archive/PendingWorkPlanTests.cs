using Ventanilla.Features.Archive;
using Ventanilla.Features.Citizen;
using Ventanilla.Tests.Features.Petitions;

namespace Ventanilla.Tests.Features.Archive;

/// <summary>
/// The work the server does by itself at every start on the whole register (classifying closed files in their archive
/// series, giving old petitions their public code) reads only what is pending, through its own small index, and writes
/// by row id. On a city's SQLite file the classification read the million petitions for every batch of 2,000 and
/// walked every file without a series for every update: minutes after each start, beside the first people's pages.
/// SQLite's plans (no statistics) are the same on this small file as on a city's; PostgreSQL plans from statistics.
/// </summary>
public class PendingWorkPlanTests : PetitionTestBase
{
    private async Task ClosedAsync(int count, int typeId)
    {
        await using var db = App.CreateDb();
        for (var i = 0; i < count; i++)
        {
            // All closed the same day: one UPDATE for all of them, its id list as long as a city's (SQLite weighs a long
            // list against the other index: with a handful of ids it looked them up even without the right condition).
            var closed = new DateTime(2026, 10, 1, 9, 0, 0).AddMinutes(i);
            var p = PetitionRows.Make(closed.AddDays(-20), DateOnly.FromDateTime(closed.AddDays(-20)), typeId, PetitionStatus.Cerrada);
            (p.Folio, p.ClosedAtUtc) = ($"PL-2026-{typeId:00}{i:0000}", PetitionRows.Utc(closed));
            db.Petitions.Add(p);
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_archive_classification_reads_the_pending_files_by_their_index_and_updates_them_by_id()
    {
        int withoutSeries;
        await using (var db = App.CreateDb())
        {
            var other = await db.PetitionTypes.Where(t => t.Id != _type).OrderBy(t => t.Id).FirstAsync();
            other.ArchiveSeriesId = null;
            await db.SaveChangesAsync();
            withoutSeries = other.Id;
        }
        await ClosedAsync(3, withoutSeries);
        await ClosedAsync(150, _type);

        using var plans = QueryPlans.Record(App.DatabasePath);
        Assert.Equal(150, await App.Get<ArchiveClassification>().ClassifyPendingAsync());

        var reads = await plans.ExplainAsync("\"ArchiveSeries\"");
        Assert.NotEmpty(reads);
        Assert.All(reads, r => Assert.Contains("SEARCH p USING INDEX IX_Petitions_ArchivePending", r.Plan));
        Assert.All(reads, r => Assert.DoesNotContain("TEMP B-TREE", r.Plan));
        var updates = await plans.ExplainAsync("UPDATE \"Petitions\"");
        Assert.NotEmpty(updates);
        // Each id looked up (by the row id, or in the pending index by series and id), never every file without a series.
        Assert.All(updates, u => Assert.True(System.Text.RegularExpressions.Regex.IsMatch(u.Plan,
            @"SEARCH p USING (INTEGER PRIMARY KEY \(rowid=\?\)|INDEX IX_Petitions_ArchivePending \(ArchiveSeriesId=\? AND Id=\?)"), u.Plan));
    }

    [Fact]
    public async Task The_public_code_backfill_finds_the_petitions_without_a_code_by_their_index()
    {
        await ClosedAsync(2, _type);
        await using (var db = App.CreateDb())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Petitions\" SET \"PublicCode\" = NULL");
        }

        using var plans = QueryPlans.Record(App.DatabasePath);
        await using (var db = App.CreateDb())
        {
            Assert.Equal(2, await PublicCodeBackfill.FillMissingAsync(db, CancellationToken.None));
        }

        var reads = await plans.ExplainAsync("\"PublicCode\" IS NULL");
        Assert.NotEmpty(reads);
        Assert.All(reads, r => Assert.Contains("USING INDEX IX_Petitions_CodePending", r.Plan));
    }
}
