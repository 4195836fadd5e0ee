namespace ImmersiveLab.Imaging;

public enum ImageRejectionReason
{
    Empty,
    TooManyBytes,
    UnsupportedFormat,
    TruncatedOrCorrupt,
    InvalidDimensions,
    TooManyPixels,
    /// <summary>Not the image's fault: the lab was decoding as many images as it allows for too long; try again.</summary>
    Busy,
}

/// <summary>An upload or file that the lab refuses; <see cref="Exception.Message"/> is written for a learner to read.</summary>
public sealed class ImageRejectedException(ImageRejectionReason reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ImageRejectionReason Reason { get; } = reason;

    /// <summary>The number the message is about, for views that word it themselves: pixels (TooManyPixels), seconds waited (Busy).</summary>
    public long? Value { get; init; }

    /// <summary>The limit it broke (TooManyPixels: the pixel limit that applied).</summary>
    public long? Limit { get; init; }
}
