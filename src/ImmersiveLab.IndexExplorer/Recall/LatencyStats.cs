namespace ImmersiveLab.IndexExplorer.Recall;

/// <summary>Latency summary of a batch of searches, in milliseconds (nearest-rank percentiles).</summary>
public sealed record LatencyStats(double P50Ms, double P95Ms, double MeanMs, int Count)
{
    public static LatencyStats From(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0) return new LatencyStats(0, 0, 0, 0);
        var sorted = milliseconds.Order().ToArray();
        return new LatencyStats(Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted.Average(), sorted.Length);
    }

    /// <summary>Nearest rank: the smallest value with at least p of the values at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("No values.", nameof(sorted));
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
