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

    /// <summary>
    /// Longest side requested for a neighbour's thumbnail (the result image endpoint snaps it to its sizes). The links
    /// themselves, their lifetime and memory bound are the result views' ("Results" section).
    /// </summary>
    public int HitThumbnailSize { get; set; } = 256;

    /// <summary>Longest side of the "decoded image" step picture.</summary>
    public int DecodedPreviewSide { get; set; } = 320;

    internal int ClampK(int? k) => Math.Clamp(k ?? DefaultK, 1, Math.Max(1, MaxK));
}
