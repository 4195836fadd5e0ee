using System.Diagnostics.Metrics;
using ImmersiveLab.IndexExplorer.Indexes;

namespace ImmersiveLab.IndexExplorer.Telemetry;

/// <summary>The index explorer's meter ("ImmersiveLab.IndexExplorer"): index builds by kind and outcome, and their time.</summary>
public sealed class ExplorerMetrics
{
    public const string MeterName = "ImmersiveLab.IndexExplorer";

    private static readonly IReadOnlyList<double> SecondsBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

    private readonly Histogram<double> _buildDuration;

    public ExplorerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _buildDuration = meter.CreateHistogram("immersivelab.explorer.index.build.duration", "s",
            "Time to build an index in the index explorer; its count is the builds.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    }

    public void Built(IndexKind kind, TimeSpan elapsed, string outcome) =>
        _buildDuration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("immersivelab.index.kind", kind switch
            {
                IndexKind.Hnsw => "hnsw",
                IndexKind.IvfFlat => "ivfflat",
                IndexKind.Gist => "gist",
                _ => "other",
            }),
            new KeyValuePair<string, object?>("immersivelab.outcome", outcome));
}
