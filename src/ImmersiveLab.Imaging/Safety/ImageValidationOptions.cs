namespace ImmersiveLab.Imaging;

/// <summary>Limits for untrusted images. Bound from the "Imaging" configuration section.</summary>
public sealed class ImageValidationOptions
{
    public const string SectionName = "Imaging";

    /// <summary>Largest accepted file, in bytes.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest accepted width × height, read from the header before any pixel is decoded (imports, result images).</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>
    /// The same for an image a learner uploads to search with: decoding it holds 4 bytes a pixel while the learner waits,
    /// so it is lower (24 MP: a 6000×4000 camera photo; never more than <see cref="MaxPixels"/>). Larger pictures can still
    /// be imported with <c>imlab import</c>.
    /// </summary>
    public long MaxUploadPixels { get; set; } = 24_000_000;

    /// <summary>Images decoded at once in this app (uploads, thumbnails); others wait their turn. 0: one per core.</summary>
    public int MaxConcurrentDecodes { get; set; }

    /// <summary>How long a decode waits for its turn before the learner is told the lab is busy.</summary>
    public TimeSpan DecodeQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
