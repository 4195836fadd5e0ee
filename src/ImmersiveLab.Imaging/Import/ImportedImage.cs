namespace ImmersiveLab.Imaging;

/// <summary>One image file ready to store: its path under the folder, file time, bytes, imgsmlr pattern and signature, and embedding (null when not computed).</summary>
public sealed record ImportedImage(string Info, DateTime Time, byte[] Bytes, float[] Pattern, float[] Signature, float[]? Embedding);

/// <summary>Where the pipeline hands finished images, chunk by chunk and in file order (a database table, for imlab import).</summary>
public interface IImportedImageSink
{
    /// <summary>Whether the images need embeddings (false: they are left null and the model is not loaded).</summary>
    bool WantsEmbeddings { get; }

    Task WriteAsync(IReadOnlyList<ImportedImage> chunk, CancellationToken ct);
}

/// <summary>What a pipeline run did: files refused (with why), why embeddings are missing (if they are), and where the time went.</summary>
public sealed record ImagePipelineResult(IReadOnlyList<(string File, string Reason)> Skipped, string? EmbeddingsMissing, ImportTimings Timings);

/// <summary>Where an import's time went: wall clock in all; converting (reading, signature, embedding) summed over the
/// workers that run side by side; writing (the sink), which overlaps with converting.</summary>
public sealed record ImportTimings(TimeSpan Total, TimeSpan Converting, TimeSpan Embedding, TimeSpan Writing);
