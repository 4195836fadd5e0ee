namespace ImmersiveLab.Database.Template;

/// <summary>
/// One sample photo with its precomputed vectors (imgsmlr's pattern, signature and shuffled pattern, computed by
/// ImmersiveLab.SampleImages: the database knows no picture), as loaded into the template database; <see cref="Labels"/> are the
/// embedding model's best ImageNet classes, most likely first (null without the model).
/// </summary>
public sealed record SampleImageRow(
    int Id,
    string Category,
    string FileName,
    string Licence,
    string? Author,
    string? SourcePackage,
    int Width,
    int Height,
    string Format,
    byte[] Bytes,
    float[] Pattern,
    float[] Signature,
    float[] ShuffledPattern,
    float[]? Embedding,
    IReadOnlyList<string>? Labels = null);

/// <summary>
/// An edited copy of a sample photo (resized, cropped, recompressed, …) with the same vectors as a sample, for the
/// near-duplicate lab; <see cref="Kind"/> is the lower-case name of a SampleVariantKind (Imaging).
/// </summary>
public sealed record SampleVariantRow(
    int Id,
    int SourceId,
    string Kind,
    string FileName,
    int Width,
    int Height,
    string Format,
    byte[] Bytes,
    float[] Pattern,
    float[] Signature,
    float[] ShuffledPattern,
    float[]? Embedding);

/// <summary>Supplies the shared sample data; its version changes whenever the rows would.</summary>
public interface ISampleImageSource
{
    Task<string> GetVersionAsync(CancellationToken ct);
    IAsyncEnumerable<SampleImageRow> ReadAsync(CancellationToken ct);

    /// <summary>Edited copies of some of the samples; none unless a source makes them.</summary>
    IAsyncEnumerable<SampleVariantRow> ReadVariantsAsync(CancellationToken ct) => AsyncEnumerable.Empty<SampleVariantRow>();
}

/// <summary>Used when no image source is registered: the template has the table but no rows.</summary>
public sealed class EmptySampleImageSource : ISampleImageSource
{
    public Task<string> GetVersionAsync(CancellationToken ct) => Task.FromResult("empty");
    public async IAsyncEnumerable<SampleImageRow> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        yield break;
    }
}
