using ImmersiveLab.IndexExplorer.Recall;

namespace ImmersiveLab.IndexExplorer.Filtering;

/// <summary>One way of running the filtered search, and what it gave.</summary>
public sealed record FilteredVariant(
    string Label,
    string Settings,
    double MeanRows,
    /// <summary>Queries that came back with fewer rows than the exact search found.</summary>
    int ShortQueries,
    double Recall,
    LatencyStats Latency);
