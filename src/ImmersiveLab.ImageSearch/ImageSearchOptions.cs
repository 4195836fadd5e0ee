namespace ImmersiveLab.ImageSearch;

/// <summary>Search-by-image settings. Bound from the "ImageSearch" configuration section.</summary>
public sealed class ImageSearchOptions
{
    public const string SectionName = "ImageSearch";

    /// <summary>Neighbours listed per method when the caller does not say.</summary>
    public int DefaultK { get; set; } = 10;

    /// <summary>Largest k a page or lab block may ask for (lab-format.md allows 1–100).</summary>
    public int MaxK { get; set; } = 100;

    /// <summary>
    /// Smallest accepted width and height. A 1×1 image is one colour: its 64×64 resample is uniform, so its
    /// pattern and signature are NaN and it cannot be compared with anything.
    /// </summary>
    public int MinSide { get; set; } = 8;

    /// <summary>Where <see cref="EndpointRouteBuilderExtensions.MapImageSearchEndpoints"/> serves step images and thumbnails.</summary>
    public string ImageBasePath { get; set; } = "/image-search/img";

    /// <summary>
    /// Serve the image links from the front of the pipeline (a startup filter), so registering the feature is enough.
    /// Off: map them with <see cref="EndpointRouteBuilderExtensions.MapImageSearchEndpoints"/>.
    /// </summary>
    public bool ServeImagesAutomatically { get; set; } = true;

    /// <summary>How long an issued image link stays valid.</summary>
    public TimeSpan ImageLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Bytes of step images and result images the link cache may keep alive.</summary>
    public long ImageCacheMaxBytes { get; set; } = 192L * 1024 * 1024;

    /// <summary>Longest side of the "decoded image" step picture.</summary>
    public int DecodedPreviewSide { get; set; } = 320;

    internal int ClampK(int? k) => Math.Clamp(k ?? DefaultK, 1, Math.Max(1, MaxK));
}
