namespace ImmersiveLab.IndexExplorer.Datasets;

/// <summary>Where a dataset's vectors come from.</summary>
public enum DatasetShape
{
    /// <summary>Every coordinate uniform in [-1, 1): no structure, the hardest case for approximate indexes.</summary>
    Uniform,
    /// <summary>k random centres plus gaussian noise: closer to real embeddings.</summary>
    Clustered,
    /// <summary>The sample photos' MobileNetV2 embeddings (1280 dimensions), optionally expanded with noisy copies.</summary>
    Samples,
}
