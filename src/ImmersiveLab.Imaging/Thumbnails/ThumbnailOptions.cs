namespace ImmersiveLab.Imaging;

/// <summary>Bound from "Imaging:Thumbnails".</summary>
public sealed class ThumbnailOptions
{
    public const string SectionName = "Imaging:Thumbnails";

    /// <summary>Default longest side in pixels.</summary>
    public int LongestSide { get; set; } = 256;

    /// <summary>Largest longest side a caller may ask for.</summary>
    public int MaxLongestSide { get; set; } = 1024;

    public int JpegQuality { get; set; } = 82;

    /// <summary>Total bytes of encoded thumbnails the cache may hold.</summary>
    public long CacheMaxBytes { get; set; } = 32 * 1024 * 1024;
}
