namespace ImmersiveLab.BrowserSupport.Metrics;

/// <summary>
/// A Prometheus histogram summed over the label sets a filter picks: cumulative bucket counts by upper bound, count and
/// sum. Two scrapes give the histogram of what happened between them (<see cref="Minus"/>); quantiles are estimated as
/// Prometheus's histogram_quantile does (linear within the bucket).
/// </summary>
public sealed record HistogramBuckets(IReadOnlyList<(double UpperBound, double Count)> Buckets, double Count, double Sum)
{
    public static HistogramBuckets Empty { get; } = new([], 0, 0);

    /// <param name="name">The metric's base name, e.g. immersivelab_run_duration_seconds.</param>
    public static HistogramBuckets From(IEnumerable<PrometheusSample> samples, string name, Func<PrometheusSample, bool>? filter = null)
    {
        var picked = samples.Where(s => filter?.Invoke(s) ?? true).ToList();
        var buckets = picked.Where(s => s.Name == name + "_bucket")
            .GroupBy(s => ParseBound(s["le"]!))
            .Select(g => (UpperBound: g.Key, Count: g.Sum(s => s.Value)))
            .OrderBy(b => b.UpperBound)
            .ToList();
        return new HistogramBuckets(buckets,
            picked.Where(s => s.Name == name + "_count").Sum(s => s.Value),
            picked.Where(s => s.Name == name + "_sum").Sum(s => s.Value));
    }

    public double? Mean => Count > 0 ? Sum / Count : null;

    /// <summary>What was recorded after <paramref name="earlier"/> (the same histogram scraped before).</summary>
    public HistogramBuckets Minus(HistogramBuckets earlier)
    {
        var before = earlier.Buckets.ToDictionary(b => b.UpperBound, b => b.Count);
        return new HistogramBuckets(
            Buckets.Select(b => (b.UpperBound, b.Count - before.GetValueOrDefault(b.UpperBound))).ToList(),
            Count - earlier.Count, Sum - earlier.Sum);
    }

    /// <summary>The q-quantile (0 to 1), interpolated in its bucket; the largest finite bound when it falls in +Inf; null without values.</summary>
    public double? Quantile(double q)
    {
        if (Buckets.Count == 0 || Buckets[^1].Count <= 0) return null;
        var rank = q * Buckets[^1].Count;
        double lowerBound = 0, lowerCount = 0;
        foreach (var (upper, count) in Buckets)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(upper)) return lowerBound;
                return count == lowerCount ? upper : lowerBound + (upper - lowerBound) * (rank - lowerCount) / (count - lowerCount);
            }
            (lowerBound, lowerCount) = (upper, count);
        }
        return lowerBound;
    }

    private static double ParseBound(string le) =>
        le == "+Inf" ? double.PositiveInfinity : double.Parse(le, System.Globalization.CultureInfo.InvariantCulture);
}
