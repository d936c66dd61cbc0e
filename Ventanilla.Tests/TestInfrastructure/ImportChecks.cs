namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>What every engine's import must leave when a run ends without publishing: nothing of it anywhere.</summary>
public static class ImportChecks
{
    /// <summary>The tables an import writes rows into.</summary>
    public static readonly string[] WrittenTables = ["Petitions", "Customers", "Routings", "PetitionEvents", "PetitionPauses"];

    /// <summary>
    /// No row in any written table as another connection counts them (whatever the app's filters say), and the run
    /// recorded as ended, not successful, with <paramref name="report"/> in its report.
    /// </summary>
    public static async Task NothingLeftAsync(TestApp app, Func<string, long> rawCount, string report)
    {
        foreach (var table in WrittenTables) Assert.Equal(0, rawCount(table));
        await using var db = app.CreateDb();
        var run = await db.ImportRuns.OrderBy(r => r.Id).LastAsync();
        Assert.False(run.IsPending);
        Assert.False(run.Succeeded);
        Assert.Contains(report, run.Report);
    }
}

/// <summary>
/// Progress of an import that calls <paramref name="check"/> on the reading thread each time <paramref name="written"/>
/// (what another connection sees of the import's progress) has grown: checks made while the import is still writing.
/// </summary>
public sealed class WhileWriting(Func<long> written, Action<long> check) : IProgress<double>
{
    public long Seen { get; private set; }

    public void Report(double value)
    {
        if (value >= 1) return; // the last report comes after the import is published
        var now = written();
        if (now > Seen)
        {
            Seen = now;
            check(now);
        }
    }
}
