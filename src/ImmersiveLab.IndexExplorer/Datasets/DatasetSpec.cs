namespace ImmersiveLab.IndexExplorer.Datasets;

/// <summary>What to generate into the learner's sandbox. Validate with <see cref="DatasetSpecValidator"/>.</summary>
public sealed record DatasetSpec
{
    public string TableName { get; init; } = "items";
    public DatasetShape Shape { get; init; } = DatasetShape.Clustered;
    public int Rows { get; init; } = 10_000;
    /// <summary>Ignored for <see cref="DatasetShape.Samples"/> (the embeddings have 1280).</summary>
    public int Dimensions { get; init; } = 64;
    /// <summary>Held-out query vectors (same distribution, not in the table).</summary>
    public int Queries { get; init; } = 50;
    public int Clusters { get; init; } = 20;
    /// <summary>Standard deviation of the gaussian noise around a cluster centre (centres are in [-1, 1)).</summary>
    public double ClusterSpread { get; init; } = 0.1;
    /// <summary>Samples: noise of the expanded copies, relative to a typical coordinate (‖v‖/√d).</summary>
    public double SampleNoise { get; init; } = 0.1;
    /// <summary>Generated data: categories c01…cNN shared evenly, plus one rare category.</summary>
    public int Categories { get; init; } = 9;
    /// <summary>Share of rows in the rare category, the one that makes filtered HNSW searches come back short.</summary>
    public double RareCategoryFraction { get; init; } = 0.01;
    public int Seed { get; init; } = 42;
    /// <summary>Drop an earlier explorer dataset of this name (never a table the explorer did not make).</summary>
    public bool Replace { get; init; } = true;

    public const string RareCategory = "rare";

    public string QueryTableName => TableName + "_queries";
}
