namespace Ventanilla.Benchmarks;

/// <summary>Percentiles of a set of timings, in milliseconds.</summary>
public sealed record Timings(int Count, double P50, double P95, double P99, double Max)
{
    public static Timings Of(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new Timings(sorted.Length, At(0.50), At(0.95), At(0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    public override string ToString() => $"n={Count}  p50={P50:0.0} ms  p95={P95:0.0} ms  p99={P99:0.0} ms  máx={Max:0.0} ms";

    /// <summary>Prints each measurement against its p95 budget; true when all are met.</summary>
    public static bool Report(string title, IEnumerable<(string What, Timings Timings, double Budget)> results)
    {
        Console.WriteLine(title);
        var ok = true;
        foreach (var (what, timings, budget) in results)
        {
            var met = timings.P95 <= budget;
            ok &= met;
            Console.WriteLine($"  {what}: {timings}  presupuesto p95 ≤ {budget} ms: {(met ? "CUMPLE" : "NO CUMPLE")}");
        }
        return ok;
    }
}
