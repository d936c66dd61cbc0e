namespace Ventanilla.Tests.Features.Shared;

/// <summary>The boards' one build per change: shared while the key holds, rebuilt when it moves, ages or failed.</summary>
public class SharedSnapshotTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 16, 0, 0, DateTimeKind.Utc);
    private readonly SharedSnapshot<(DateOnly Day, long Generation), int> snapshot = new();
    private int builds;

    private Task<int> Build() => Task.FromResult(++builds);

    [Fact]
    public async Task Twenty_screens_asking_with_the_same_key_share_one_build_and_a_new_change_builds_again()
    {
        var day = new DateOnly(2026, 12, 5);
        for (var screen = 0; screen < 20; screen++) Assert.Equal(1, await snapshot.Get((day, 7), Now, null, Build));

        Assert.Equal(2, await snapshot.Get((day, 8), Now, null, Build));
        Assert.Equal(3, await snapshot.Get((day.AddDays(1), 8), Now, null, Build));
    }

    [Fact]
    public async Task A_snapshot_older_than_its_maximum_age_is_built_again()
    {
        var key = (new DateOnly(2026, 12, 5), 1L);
        Assert.Equal(1, await snapshot.Get(key, Now, TimeSpan.FromMinutes(1), Build));
        Assert.Equal(1, await snapshot.Get(key, Now.AddSeconds(59), TimeSpan.FromMinutes(1), Build));
        Assert.Equal(2, await snapshot.Get(key, Now.AddMinutes(1), TimeSpan.FromMinutes(1), Build));
    }

    [Fact]
    public async Task A_build_that_failed_is_not_kept()
    {
        var key = (new DateOnly(2026, 12, 5), 1L);
        await Assert.ThrowsAsync<InvalidOperationException>(() => snapshot.Get(key, Now, null, () => Task.FromException<int>(new InvalidOperationException("sin base"))));

        Assert.Equal(1, await snapshot.Get(key, Now, null, Build));
    }
}
