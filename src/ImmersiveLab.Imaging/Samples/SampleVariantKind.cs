namespace ImmersiveLab.Imaging;

/// <summary>
/// The edits a copy of a photo typically went through before it turned up again (near-duplicate detection).
/// The number is part of the variant's id in <c>lab.sample_variants</c>: keep the values.
/// </summary>
public enum SampleVariantKind
{
    /// <summary>Scaled down to a thumbnail.</summary>
    Resized = 1,
    /// <summary>A border trimmed off every side.</summary>
    Cropped = 2,
    /// <summary>Saved again as a low-quality JPEG.</summary>
    Recompressed = 3,
    /// <summary>Flipped left to right.</summary>
    Mirrored = 4,
    /// <summary>Every channel multiplied by the same factor below 1.</summary>
    Darkened = 5,
    /// <summary>A translucent logo stamped in a corner.</summary>
    Watermarked = 6,
}
