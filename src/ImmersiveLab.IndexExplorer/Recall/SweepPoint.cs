using ImmersiveLab.IndexExplorer.Indexes;

namespace ImmersiveLab.IndexExplorer.Recall;

/// <summary>
/// One point of the recall/latency chart: an index at one search setting (or the exact scan, <see cref="IsExact"/>),
/// its mean recall@k over the query set and its latency percentiles.
/// </summary>
public sealed record SweepPoint
{
    /// <summary>The index, or null for the exact (sequential) reference.</summary>
    public string? IndexName { get; init; }
    public required string Series { get; init; }
    public IndexKind? Kind { get; init; }
    /// <summary>The knob that was turned (hnsw.ef_search, ivfflat.probes), null when the index has none.</summary>
    public string? Parameter { get; init; }
    public int? Value { get; init; }
    public required int K { get; init; }
    public required double Recall { get; init; }
    public required double MinRecall { get; init; }
    public required LatencyStats Latency { get; init; }
    public required double MeanRows { get; init; }
    /// <summary>The index the plan used (from EXPLAIN); differs from <see cref="IndexName"/> if the planner chose another.</summary>
    public string? UsedIndex { get; init; }

    public bool IsExact => IndexName is null;
    public string SettingText => Parameter is null ? "—" : $"{Parameter} = {Value}";
}
