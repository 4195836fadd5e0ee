using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Indexes;

namespace ImmersiveLab.IndexExplorer.Workspace;

/// <summary>Which data a <c>recall-chart</c> lab block works on (its <c>dataset=</c> option).</summary>
public enum LabBlockDataset { Samples, Generated }

/// <summary>
/// What a <c>recall-chart</c> block prepares when something is missing: a dataset of a fixed name and an HNSW and an
/// IVFFlat index with pgvector's default parameters. Small enough to be ready in seconds on a laptop.
/// </summary>
public static class LabBlockPlan
{
    public const string SamplesTable = "explorer_samples";
    public const string GeneratedTable = "explorer_generated";

    public static LabBlockDataset Parse(string? option) =>
        string.Equals(option?.Trim(), "generated", StringComparison.OrdinalIgnoreCase) ? LabBlockDataset.Generated : LabBlockDataset.Samples;

    public static DatasetSpec Spec(LabBlockDataset which) => which == LabBlockDataset.Samples
        ? new DatasetSpec { TableName = SamplesTable, Shape = DatasetShape.Samples, Rows = 5000, SampleNoise = 0.1, Queries = 30 }
        : new DatasetSpec { TableName = GeneratedTable, Shape = DatasetShape.Clustered, Rows = 10_000, Dimensions = 64, Clusters = 20, Queries = 30 };

    /// <summary>The dataset to use among the learner's: the samples table, or the newest generated one (any name).</summary>
    public static DatasetInfo? Pick(LabBlockDataset which, IReadOnlyList<DatasetInfo> datasets) => which == LabBlockDataset.Samples
        ? datasets.FirstOrDefault(d => d.TableName == SamplesTable)
        : datasets.Where(d => d.Shape != DatasetShape.Samples).OrderByDescending(d => d.CreatedAt).FirstOrDefault();

    public static IReadOnlyList<IndexSpec> Indexes(DatasetInfo dataset) =>
    [
        new IndexSpec { Kind = IndexKind.Hnsw, M = 16, EfConstruction = 64 },
        new IndexSpec { Kind = IndexKind.IvfFlat, Lists = Math.Max(1, dataset.Rows / 1000) },
    ];
}
