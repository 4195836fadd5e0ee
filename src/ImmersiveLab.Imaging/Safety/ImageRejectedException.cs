namespace ImmersiveLab.Imaging;

public enum ImageRejectionReason
{
    Empty,
    TooManyBytes,
    UnsupportedFormat,
    TruncatedOrCorrupt,
    InvalidDimensions,
    TooManyPixels,
}

/// <summary>An upload or file that the lab refuses; <see cref="Exception.Message"/> is written for a learner to read.</summary>
public sealed class ImageRejectedException(ImageRejectionReason reason, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ImageRejectionReason Reason { get; } = reason;
}
