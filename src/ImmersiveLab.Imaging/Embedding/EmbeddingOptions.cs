namespace ImmersiveLab.Imaging;

/// <summary>Bound from "Imaging:Embedding".</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Imaging:Embedding";

    /// <summary>Threads ONNX Runtime may use inside one inference; 0 means all cores.</summary>
    public int IntraOpThreads { get; set; } = Math.Min(Environment.ProcessorCount, 4);

    /// <summary>Images per inference call in <see cref="ImageEmbedder.EmbedBatchAsync"/>.</summary>
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>Images decoded and resized at once (0: one per core). Decoding runs beside inference.</summary>
    public int PreprocessThreads { get; set; }

    /// <summary>Let ONNX Runtime's threads spin between runs (faster for back-to-back inferences, slower when decoding shares the cores).</summary>
    public bool SpinWait { get; set; }

    /// <summary>How many ImageNet guesses to return per image.</summary>
    public int TopClasses { get; set; } = 5;

    /// <summary>How pictures are fitted into the model's square input. Changing it changes every stored embedding.</summary>
    public EmbeddingFraming Framing { get; set; } = EmbeddingPreprocessing.Default.Framing;

    /// <summary>Average the embedding of the picture and of its mirror image (two inferences per picture).</summary>
    public bool AverageMirror { get; set; } = EmbeddingPreprocessing.Default.AverageMirror;

    public EmbeddingPreprocessing Preprocessing => new(Framing, AverageMirror);
}
