namespace ImmersiveLab.Imaging;

/// <summary>Bound from "Imaging:Embedding".</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Imaging:Embedding";

    /// <summary>Threads ONNX Runtime may use inside one inference; 0 means all cores.</summary>
    public int IntraOpThreads { get; set; } = Math.Min(Environment.ProcessorCount, 4);

    /// <summary>Images per inference call in <see cref="ImageEmbedder.EmbedBatchAsync"/>.</summary>
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>How many ImageNet guesses to return per image.</summary>
    public int TopClasses { get; set; } = 5;
}
