namespace ImmersiveLab.IndexExplorer.Recall;

/// <summary>
/// recall@k: the share of the true k nearest neighbours that an approximate search found.
/// Ties are handled by distance, not by id: when several rows share the k-th exact distance, the exact answer picked
/// some of them arbitrarily, and an approximate search returning another of them is just as right. So a returned row
/// is a hit when it is in the exact top k, or when its distance is within <c>tolerance</c> (relative) of the k-th
/// exact distance or below it. Each id counts once, at most k hits count, and the denominator is
/// min(k, rows the exact search found) — a filter may leave fewer than k. Nothing to find counts as full recall.
/// </summary>
public static class RecallCalculator
{
    public const double DefaultTolerance = 1e-4;

    public static double RecallAtK(IReadOnlyList<Neighbor> exact, IReadOnlyList<Neighbor> approximate, int k, double tolerance = DefaultTolerance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        var wanted = Math.Min(k, exact.Count);
        if (wanted == 0) return 1.0;

        var truth = exact.Take(wanted).ToList();
        var exactIds = truth.Select(n => n.Id).ToHashSet();
        var kth = truth.Max(n => n.Distance);
        var limit = kth + tolerance * Math.Max(1.0, Math.Abs(kth));

        var seen = new HashSet<long>();
        var hits = 0;
        foreach (var row in approximate.Take(k))
        {
            if (!seen.Add(row.Id)) continue;
            if (exactIds.Contains(row.Id) || row.Distance <= limit) hits++;
        }
        return (double)Math.Min(hits, wanted) / wanted;
    }

    /// <summary>Mean recall@k over queries (pairs by position).</summary>
    public static double MeanRecallAtK(IReadOnlyList<IReadOnlyList<Neighbor>> exact, IReadOnlyList<IReadOnlyList<Neighbor>> approximate, int k,
        double tolerance = DefaultTolerance)
    {
        if (exact.Count != approximate.Count) throw new ArgumentException("One approximate answer per exact answer is needed.", nameof(approximate));
        if (exact.Count == 0) return 1.0;
        return exact.Select((e, i) => RecallAtK(e, approximate[i], k, tolerance)).Average();
    }
}
