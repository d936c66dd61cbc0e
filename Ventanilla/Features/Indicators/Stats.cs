namespace Ventanilla.Features.Indicators;

/// <summary>The few statistics the indicators use, with the definitions written down (null when there is nothing to measure).</summary>
public static class Stats
{
    public static double? Average(IReadOnlyCollection<int> values) => values.Count == 0 ? null : values.Average();

    public static double? Average(IReadOnlyCollection<double> values) => values.Count == 0 ? null : values.Average();

    /// <summary>The middle value; with an even count, the mean of the two middle ones.</summary>
    public static double? Median(IReadOnlyCollection<int> values) => Median([.. values.Select(v => (double)v)]);

    /// <summary>The same middle value for measures with fractions (minutes).</summary>
    public static double? Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /// <summary>The 90th percentile by nearest rank: the smallest value with at least 90 % of the values at or below it.</summary>
    public static double? Percentile90(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(0.9 * sorted.Length);
        return sorted[Math.Max(rank, 1) - 1];
    }
}
