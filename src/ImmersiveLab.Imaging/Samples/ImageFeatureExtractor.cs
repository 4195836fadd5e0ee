using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImmersiveLab.Imaging;

/// <summary>Validates an image and computes everything the database stores for it, in one call.</summary>
public sealed class ImageFeatureExtractor(ImageValidator validator, ImageEmbedder embedder, ILogger<ImageFeatureExtractor> logger,
    ImagingMetrics? metrics = null)
{
    public ImageFeatureExtractor(ImageEmbedder embedder) : this(new ImageValidator(), embedder, NullLogger<ImageFeatureExtractor>.Instance) { }

    /// <summary>How embeddings are computed; part of the version of stored embeddings.</summary>
    public EmbeddingPreprocessing EmbeddingPreprocessing => embedder.Preprocessing;

    /// <summary>Throws <see cref="ImageRejectedException"/> for refused input; a missing model only leaves the embedding null.</summary>
    public async Task<ImageFeatures> ComputeAsync(byte[] bytes, CancellationToken cancellationToken) =>
        (await ComputeBatchAsync([bytes], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>All images are validated before anything is computed, so a bad file fails the batch early.</summary>
    public async Task<IReadOnlyList<ImageFeatures>> ComputeBatchAsync(IReadOnlyList<byte[]> images, CancellationToken cancellationToken)
    {
        List<ImageHeaderInfo> headers;
        List<ImgsmlrAnalysis> analyses;
        try
        {
            headers = images.Select(validator.Validate).ToList();
            analyses = images.Select(ImgsmlrPipeline.Analyse).ToList();
        }
        catch (ImageRejectedException)
        {
            metrics?.Imported(images.Count, succeeded: false);
            throw;
        }
        IReadOnlyList<ImageEmbedding>? embeddings = null;
        string? unavailable = null;
        try
        {
            embeddings = await embedder.EmbedBatchAsync(images, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelUnavailableException e)
        {
            unavailable = e.Message;
            logger.LogInformation("Embeddings skipped: {Reason}", e.Message);
        }
        metrics?.Imported(images.Count, succeeded: true);
        return headers.Select((h, k) => new ImageFeatures(h.Format, analyses[k].Width, analyses[k].Height, analyses[k].Pattern, analyses[k].Signature,
            embeddings?[k].Vector, embeddings?[k].TopClasses, unavailable)).ToList();
    }

    /// <summary>Synchronous form for loaders and tools that are not async.</summary>
    public ImageFeatures ComputeFeatures(byte[] bytes) =>
        Task.Run(() => ComputeAsync(bytes, CancellationToken.None)).GetAwaiter().GetResult();
}
