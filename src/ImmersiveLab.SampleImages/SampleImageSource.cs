using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using ImmersiveLab.Database.Template;
using ImmersiveLab.Imaging;
using Microsoft.Extensions.Logging;

namespace ImmersiveLab.SampleImages;

/// <summary>
/// The repository's sample photos (sample-images/catalog.tsv) with their imgsmlr pattern and signature and,
/// when the model is available, their MobileNetV2 embedding — computed once, when the template is (re)built —
/// and edited copies of the first photo of each category, made by <see cref="SampleVariantMaker"/>.
/// </summary>
public sealed class SampleImageSource(
    string sampleImagesDirectory,
    ImageFeatureExtractor features,
    ModelStore models,
    ILogger<SampleImageSource> logger) : ISampleImageSource
{
    /// <summary>Bump when the way features are computed changes, so templates are rebuilt.</summary>
    private const string FeatureVersion = "features-2:" + SampleVariantMaker.Version;

    public async Task<string> GetVersionAsync(CancellationToken ct)
    {
        var catalog = Path.Combine(sampleImagesDirectory, SampleImageCatalog.CatalogFileName);
        if (!File.Exists(catalog)) return "no-samples";
        var model = await models.GetStatusAsync(ct);
        var hash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(catalog, ct)))[..16];
        // A model installed later adds the embeddings, another model file or another preprocessing (framing, mirror
        // averaging) changes them: the template is rebuilt then.
        var embeddings = model.IsAvailable ? $"embeddings:{models.Manifest.Sha256[..16]}:{features.EmbeddingPreprocessing.Id}" : "no-embeddings";
        return $"{FeatureVersion}:{hash}:{embeddings}";
    }

    public async IAsyncEnumerable<SampleImageRow> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(sampleImagesDirectory, SampleImageCatalog.CatalogFileName)))
        {
            logger.LogWarning("No sample images in {Dir}: the template has an empty lab.sample_images", sampleImagesDirectory);
            yield break;
        }
        var images = SampleImageCatalog.Load(sampleImagesDirectory);
        var computed = await features.ComputeBatchAsync(images.Select(i => i.Bytes).ToList(), ct);
        if (computed.FirstOrDefault()?.EmbeddingUnavailableReason is { } reason)
            logger.LogInformation("Sample images loaded without embeddings: {Reason}", reason);
        for (var n = 0; n < images.Count; n++)
        {
            var i = images[n];
            var f = computed[n];
            yield return new SampleImageRow(n + 1, i.Category, i.FileName, i.Licence, NullIfEmpty(i.Author), NullIfEmpty(i.SourcePackage),
                i.Width, i.Height, i.Format.ToString().ToLowerInvariant(), i.Bytes, f.Pattern.Values, f.Signature.Values, Shuffled(f.Pattern), f.Embedding,
                f.TopClasses?.Select(c => c.Label).ToList());
        }
    }

    public async IAsyncEnumerable<SampleVariantRow> ReadVariantsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(sampleImagesDirectory, SampleImageCatalog.CatalogFileName))) yield break;
        var images = SampleImageCatalog.Load(sampleImagesDirectory);
        var sources = VariantSources(images).ToList();
        // One decode per source, the sources in parallel; the order stays the sources' and the kinds'.
        var copies = new IReadOnlyList<SampleVariant>[sources.Count];
        Parallel.For(0, sources.Count, new ParallelOptions { CancellationToken = ct }, n => copies[n] = SampleVariantMaker.MakeAll(sources[n].Image.Bytes));
        var made = sources.SelectMany((s, n) => copies[n].Select(variant => (s.Id, s.Image, Variant: variant))).ToList();
        var computed = await features.ComputeBatchAsync(made.Select(m => m.Variant.Bytes).ToList(), ct);
        for (var n = 0; n < made.Count; n++)
        {
            var (sourceId, image, variant) = made[n];
            var f = computed[n];
            var kind = variant.Kind.ToString().ToLowerInvariant();
            yield return new SampleVariantRow(VariantId(sourceId, variant.Kind), sourceId, kind,
                $"{Path.GetFileNameWithoutExtension(image.FileName)}.{kind}.jpg", variant.Width, variant.Height, "jpeg", variant.Bytes,
                f.Pattern.Values, f.Signature.Values, Shuffled(f.Pattern), f.Embedding);
        }
    }

    /// <summary>The first photo of each category, in catalog order, with its id in lab.sample_images.</summary>
    public static IEnumerable<(int Id, SampleImage Image)> VariantSources(IReadOnlyList<SampleImage> images) =>
        images.Select((image, n) => (Id: n + 1, Image: image)).GroupBy(x => x.Image.Category).Select(g => g.First());

    /// <summary>1000 + 10 × the source's id + the kind's number: never a sample's id, and readable (1464 = sample 46, mirrored).</summary>
    public static int VariantId(int sourceId, SampleVariantKind kind) => 1000 + 10 * sourceId + (int)kind;

    /// <summary>imgsmlr's shuffle_pattern, computed here once per picture (lab.shuffle_pattern does the same in SQL, slowly).</summary>
    private static float[] Shuffled(ImgsmlrPattern pattern) => PatternShuffler.Shuffle(new ImgsmlrPattern((float[])pattern.Values.Clone())).Values;

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
