using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Recall;
using ImmersiveLab.IndexExplorer.Resources;

namespace ImmersiveLab.IndexExplorer.Components;

/// <summary>The dataset form's editable fields (the spec itself is immutable).</summary>
public sealed class DatasetFormModel
{
    public string TableName { get; set; } = "items";
    public DatasetShape Shape { get; set; } = DatasetShape.Clustered;
    public int Rows { get; set; } = 10_000;
    public int Dimensions { get; set; } = 64;
    public int Queries { get; set; } = 50;
    public int Clusters { get; set; } = 20;
    public double ClusterSpread { get; set; } = 0.1;
    public double SampleNoise { get; set; } = 0.1;
    public double RareCategoryFraction { get; set; } = 0.01;
    public int Seed { get; set; } = 42;

    public DatasetSpec ToSpec() => new()
    {
        TableName = TableName.Trim(), Shape = Shape, Rows = Rows, Dimensions = Dimensions, Queries = Queries, Clusters = Clusters,
        ClusterSpread = ClusterSpread, SampleNoise = SampleNoise, RareCategoryFraction = RareCategoryFraction, Seed = Seed,
    };
}

/// <summary>The build form's editable fields.</summary>
public sealed class IndexFormModel
{
    public IndexKind Kind { get; set; } = IndexKind.Hnsw;
    public DistanceMetric Metric { get; set; } = DistanceMetric.L2;
    public int M { get; set; } = 16;
    public int EfConstruction { get; set; } = 64;
    public int Lists { get; set; } = 100;

    public IndexSpec ToSpec() => new() { Kind = Kind, Metric = Kind == IndexKind.Gist ? DistanceMetric.L2 : Metric, M = M, EfConstruction = EfConstruction, Lists = Lists };

    /// <summary>pgvector's advice: rows / 1000 lists up to a million rows (at least 1).</summary>
    public static int SuggestedLists(int rows) => Math.Max(1, rows / 1000);
}

/// <summary>The sweep form's editable fields (lists as text: "10, 20, 40").</summary>
public sealed class SweepFormModel
{
    public int K { get; set; } = 10;
    public string EfSearch { get; set; } = "10, 20, 40, 80, 160";
    public string Probes { get; set; } = "1, 2, 4, 8, 16";

    public SweepSettings? ToSettings(out string? error)
    {
        var ef = SweepSettings.ParseList(EfSearch);
        var probes = SweepSettings.ParseList(Probes);
        error = ef is null || ef.Count == 0 ? ExplorerStrings.Text("Sweep_BadEf")
            : probes is null || probes.Count == 0 ? ExplorerStrings.Text("Sweep_BadProbes") : null;
        return error is null ? new SweepSettings { K = K, EfSearch = ef!, Probes = probes! } : null;
    }
}
