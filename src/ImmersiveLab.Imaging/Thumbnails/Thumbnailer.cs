using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace ImmersiveLab.Imaging;

/// <summary>
/// Makes upright JPEG thumbnails (alpha flattened on white, never enlarged) from validated image bytes. The app uses
/// <see cref="CreateAsync"/>, which decodes only when the <see cref="DecodeGate"/> gives it a turn.
/// </summary>
public sealed class Thumbnailer(ImageValidator validator, IOptions<ThumbnailOptions> options, ILogger<Thumbnailer> logger, DecodeGate gate)
{
    private readonly ThumbnailOptions _options = options.Value;

    public Thumbnailer() : this(new ImageValidator(), Options.Create(new ThumbnailOptions()), NullLogger<Thumbnailer>.Instance, new DecodeGate()) { }

    public ThumbnailOptions Settings => _options;

    /// <summary>
    /// Validates, waits for a decode slot, then makes the thumbnail. Throws <see cref="ImageRejectedException"/> for input
    /// the validator refuses, and with <see cref="ImageRejectionReason.Busy"/> when no slot came in time.
    /// </summary>
    public async Task<Thumbnail> CreateAsync(byte[] imageBytes, int? longestSide, CancellationToken ct)
    {
        validator.Validate(imageBytes);
        using var slot = await gate.EnterAsync(ct);
        return Create(imageBytes, longestSide);
    }

    /// <summary>Makes the thumbnail now, on this thread, without a decode slot (tools; the app uses <see cref="CreateAsync"/>).</summary>
    public Thumbnail Create(byte[] imageBytes, int? longestSide = null)
    {
        var target = Math.Clamp(longestSide ?? _options.LongestSide, 1, _options.MaxLongestSide);
        validator.Validate(imageBytes);
        using var upright = UprightDecoder.DecodeOnWhite(imageBytes, minLongSide: target);
        var scale = Math.Min(1.0, (double)target / Math.Max(upright.Width, upright.Height));
        var width = Math.Max(1, (int)Math.Round(upright.Width * scale));
        var height = Math.Max(1, (int)Math.Round(upright.Height * scale));
        using var resized = width == upright.Width && height == upright.Height
            ? upright.Copy()
            : upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var encoded = resized.Encode(SKEncodedImageFormat.Jpeg, _options.JpegQuality);
        logger.LogDebug("Thumbnail {Width}x{Height} from {Bytes} bytes", width, height, imageBytes.Length);
        return new Thumbnail(encoded.ToArray(), "image/jpeg", width, height);
    }
}
