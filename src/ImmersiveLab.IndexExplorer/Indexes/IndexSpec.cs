using ImmersiveLab.IndexExplorer.Resources;
using ImmersiveLab.IndexExplorer.Datasets;

namespace ImmersiveLab.IndexExplorer.Indexes;

/// <summary>An index to build on a dataset's vectors. The parameters that do not apply to its kind are ignored.</summary>
public sealed record IndexSpec
{
    public IndexKind Kind { get; init; } = IndexKind.Hnsw;
    /// <summary>GiST on cube supports only Euclidean distance.</summary>
    public DistanceMetric Metric { get; init; } = DistanceMetric.L2;
    /// <summary>HNSW: neighbours per node and layer (pgvector: 2–100, default 16).</summary>
    public int M { get; init; } = 16;
    /// <summary>HNSW: candidate list while building (pgvector: 4–1000, at least 2·m; default 64).</summary>
    public int EfConstruction { get; init; } = 64;
    /// <summary>IVFFlat: number of k-means centres (pgvector: 1–32768; rows/1000 is the usual start).</summary>
    public int Lists { get; init; } = 100;

    /// <summary>A name that says what the index is, so several variants can live side by side.</summary>
    public string NameFor(string table) => Kind switch
    {
        IndexKind.Hnsw => $"{table}_hnsw_{Metric.ShortName()}_m{M}_ef{EfConstruction}",
        IndexKind.IvfFlat => $"{table}_ivf_{Metric.ShortName()}_l{Lists}",
        IndexKind.Gist => $"{table}_gist_cube",
        _ => throw new InvalidOperationException($"Unknown index kind {Kind}."),
    };

    /// <summary>A short label for charts and tables, e.g. "HNSW l2 m=16 ef_c=64".</summary>
    public string Label => Kind switch
    {
        IndexKind.Hnsw => $"HNSW {Metric.ShortName()} m={M} ef_c={EfConstruction}",
        IndexKind.IvfFlat => $"IVFFlat {Metric.ShortName()} lists={Lists}",
        IndexKind.Gist => "GiST cube l2",
        _ => Kind.ToString(),
    };

    /// <summary>Null when the index can be built on the dataset, else why not (in the UI language).</summary>
    public string? Validate(DatasetInfo dataset) => Kind switch
    {
        IndexKind.Hnsw when M is < 2 or > 100 => ExplorerStrings.Text("Invalid_M"),
        IndexKind.Hnsw when EfConstruction is < 4 or > 1000 => ExplorerStrings.Text("Invalid_EfConstruction"),
        IndexKind.Hnsw when EfConstruction < 2 * M => ExplorerStrings.Text("Invalid_EfTooSmall"),
        IndexKind.Hnsw or IndexKind.IvfFlat when dataset.Dimensions > 2000 => ExplorerStrings.Text("Invalid_TooManyDimensions"),
        IndexKind.IvfFlat when Lists is < 1 or > 32768 => ExplorerStrings.Text("Invalid_Lists"),
        IndexKind.Gist when !dataset.HasCube => ExplorerStrings.Text("Invalid_GistDimensions", DatasetInfo.MaxCubeDimensions),
        IndexKind.Gist when Metric != DistanceMetric.L2 => ExplorerStrings.Text("Invalid_GistMetric"),
        _ => null,
    };
}
