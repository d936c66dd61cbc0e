namespace Ventanilla.Features.Indicators;

/// <summary>
/// The petitions open at a month's end by age (business days since day 0, the legal clock's count), in the
/// indicators' four bands, for the whole office, each type, each area and those never routed. SQL hands over counts
/// per (group, day 0) — every petition of one day 0 has the same age unless it was paused — so a city's 50,000 open
/// petitions arrive as a few thousand counts; the few paused ones are then moved to the band their pauses give them.
/// </summary>
internal sealed class OpenAges(Func<DateOnly, int> ageOf)
{
    private readonly int[] total = new int[4];
    private readonly Dictionary<int, int[]> byType = [];
    private readonly Dictionary<int, int[]> byArea = [];
    private readonly int[] unrouted = new int[4];

    /// <summary>≤ 5, 6–10, 11–15 and more than 15 business days.</summary>
    private static int Band(int age) => age <= 5 ? 0 : age <= 10 ? 1 : age <= 15 ? 2 : 3;

    private static int[] Of(Dictionary<int, int[]> groups, int id)
        => groups.TryGetValue(id, out var bands) ? bands : groups[id] = new int[4];

    /// <summary>Open petitions of one type and day 0 (each counted once in the total).</summary>
    public void AddType(int typeId, DateOnly dayZero, int count)
    {
        var band = Band(ageOf(dayZero));
        Of(byType, typeId)[band] += count;
        total[band] += count;
    }

    /// <summary>Open petitions routed to one area with one day 0.</summary>
    public void AddArea(int areaId, DateOnly dayZero, int count) => Of(byArea, areaId)[Band(ageOf(dayZero))] += count;

    /// <summary>Open petitions never routed (or withdrawn from every area) with one day 0.</summary>
    public void AddUnrouted(DateOnly dayZero, int count) => unrouted[Band(ageOf(dayZero))] += count;

    /// <summary>A paused petition, counted above by its day 0 alone, moves to the band its real age gives it.</summary>
    public void Correct(int typeId, IReadOnlyCollection<int> areaIds, DateOnly dayZero, int realAge)
    {
        var (from, to) = (Band(ageOf(dayZero)), Band(realAge));
        if (from == to) return;
        void Move(int[] bands) { bands[from]--; bands[to]++; }
        Move(total);
        Move(Of(byType, typeId));
        if (areaIds.Count == 0) Move(unrouted);
        foreach (var area in areaIds) Move(Of(byArea, area));
    }

    public IReadOnlyList<int> Total => total;
    public IReadOnlyList<int> Type(int id) => Of(byType, id);
    public IReadOnlyList<int> Area(int id) => Of(byArea, id);
    public IReadOnlyList<int> Unrouted => unrouted;
}
