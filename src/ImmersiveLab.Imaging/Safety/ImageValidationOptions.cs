namespace ImmersiveLab.Imaging;

/// <summary>Limits for untrusted images. Bound from the "Imaging" configuration section.</summary>
public sealed class ImageValidationOptions
{
    public const string SectionName = "Imaging";

    /// <summary>Largest accepted file, in bytes.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest accepted width × height, read from the header before any pixel is decoded.</summary>
    public long MaxPixels { get; set; } = 40_000_000;
}
