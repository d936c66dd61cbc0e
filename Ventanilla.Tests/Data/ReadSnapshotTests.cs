namespace Ventanilla.Tests.Data;

/// <summary>A report's reads from one snapshot: they agree with each other, hold up no writer, and keep a pending import hidden.</summary>
public class ReadSnapshotTests : AppServiceTest
{
    private int _type;

    protected override async Task SeedAsync()
    {
        await using var db = App.CreateDb();
        _type = await db.PetitionTypes.OrderBy(t => t.SortOrder).Select(t => t.Id).FirstAsync();
        db.Petitions.Add(PetitionRows.Make(new(2026, 10, 1, 10, 0, 0), new(2026, 10, 1), _type, PetitionStatus.Registrada));
        await db.SaveChangesAsync();
    }

    private async Task AddPetitionAsync(int? importRunId = null)
    {
        await using var db = App.CreateDb();
        var petition = PetitionRows.Make(new(2026, 10, 2, 10, 0, 0), new(2026, 10, 2), _type, PetitionStatus.Registrada);
        petition.ImportRunId = importRunId;
        db.Petitions.Add(petition);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_petition_written_while_the_snapshot_is_open_is_saved_but_not_seen_by_it()
    {
        await using var db = App.CreateDb();
        await using (var snapshot = await ReadSnapshot.BeginAsync(db))
        {
            Assert.Equal(1, await snapshot.Rows<Petition>().CountAsync());

            await AddPetitionAsync(); // another connection writes meanwhile: not held up

            Assert.Equal(1, await snapshot.Rows<Petition>().CountAsync());
        }
        await using var after = App.CreateDb();
        Assert.Equal(2, await after.Petitions.CountAsync());
    }

    [Fact]
    public async Task The_rows_of_a_pending_import_stay_hidden_inside_a_snapshot_and_the_filter_is_left_out_only_without_one()
    {
        int runId;
        await using (var db = App.CreateDb())
        {
            var run = new ImportRun { FileName = "legado.csv", FileHash = "x", StartedAtUtc = DateTime.UtcNow, IsPending = true };
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
        }
        await AddPetitionAsync(runId);

        await using (var db = App.CreateDb())
        await using (var snapshot = await ReadSnapshot.BeginAsync(db))
        {
            Assert.Equal(1, await snapshot.Rows<Petition>().CountAsync());
            Assert.Contains("ImportRuns", snapshot.Rows<Petition>().ToQueryString());
        }

        await using (var db = App.CreateDb())
        {
            await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsPending, false));
        }
        await using (var db = App.CreateDb())
        await using (var snapshot = await ReadSnapshot.BeginAsync(db))
        {
            Assert.Equal(2, await snapshot.Rows<Petition>().CountAsync());
            // Nothing pending: the filter (and its look-up of ImportRunId) is not in the SQL, so covering indexes serve.
            Assert.DoesNotContain("ImportRuns", snapshot.Rows<Petition>().ToQueryString());
        }
    }
}

public sealed class ReadSnapshotTestsOnPostgres : ReadSnapshotTests
{
    protected override bool OnPostgres => true;
}
