using Microsoft.Extensions.Options;
using SkiaSharp;

namespace ImmersiveLab.Imaging;

/// <summary>
/// Gatekeeper for untrusted bytes: size, magic bytes, a readable header and a pixel budget, all checked
/// before any pixel is decoded, so a decompression bomb never gets to allocate its bitmap.
/// Every refusal is an <see cref="ImageRejectedException"/> with a message meant for the learner.
/// </summary>
public sealed class ImageValidator(IOptions<ImageValidationOptions> options)
{
    private readonly ImageValidationOptions _options = options.Value;

    public ImageValidator() : this(Options.Create(new ImageValidationOptions())) { }

    public ImageValidationOptions Limits => _options;

    /// <summary>Validates an image within Imaging:MaxPixels (imports, stored images).</summary>
    public ImageHeaderInfo Validate(byte[] bytes) => Validate(bytes, _options.MaxPixels, "the limit is");

    /// <summary>Validates an image a learner uploads to work with now, within the lower Imaging:MaxUploadPixels (never above Imaging:MaxPixels).</summary>
    public ImageHeaderInfo ValidateUpload(byte[] bytes) => Validate(bytes, Math.Min(_options.MaxUploadPixels, _options.MaxPixels), "uploads may have up to");

    private ImageHeaderInfo Validate(byte[] bytes, long maxPixels, string limitWords)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
            throw new ImageRejectedException(ImageRejectionReason.Empty, "The file is empty (0 bytes).");
        if (bytes.Length > _options.MaxBytes)
            throw TooManyBytes(bytes.Length);
        var format = ImageSniffer.Sniff(bytes)
            ?? throw new ImageRejectedException(ImageRejectionReason.UnsupportedFormat, ImageSniffer.DescribeUnsupported(bytes));

        // Our own header readers first: they need no decoder state and catch absurd sizes even where a
        // codec would refuse to open the file at all.
        var (width, height, frames) = ReadOwnHeader(format, bytes);
        if (width is { } w && height is { } h) CheckDimensions(format, w, h, maxPixels, limitWords);

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
            ?? throw new ImageRejectedException(ImageRejectionReason.TruncatedOrCorrupt,
                $"The {Name(format)} file is truncated or corrupt: its header cannot be read.");
        CheckDimensions(format, codec.Info.Width, codec.Info.Height, maxPixels, limitWords);
        return new ImageHeaderInfo(format, width ?? codec.Info.Width, height ?? codec.Info.Height,
            frames ?? Math.Max(1, codec.FrameCount), (int)codec.EncodedOrigin, bytes.Length);
    }

    /// <summary>Reads a stream up to the byte limit, refusing as soon as it is exceeded (never buffers more).</summary>
    public async Task<byte[]> ReadLimitedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _options.MaxBytes) throw TooManyBytes(null);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static (int? Width, int? Height, int? Frames) ReadOwnHeader(ImageFormat format, byte[] bytes)
    {
        switch (format)
        {
            case ImageFormat.Png:
                var png = PngHeader.TryRead(bytes) ?? throw Truncated(format);
                return (png.Width, png.Height, null);
            case ImageFormat.Gif:
                var gif = GifHeader.TryRead(bytes) ?? throw Truncated(format);
                // libgd decodes the first frame at its own size, which may exceed the logical screen.
                return (Math.Max(gif.ScreenWidth, gif.FrameWidth), Math.Max(gif.ScreenHeight, gif.FrameHeight), gif.FrameCount);
            case ImageFormat.Jpeg:
                var jpeg = JpegHeader.TryRead(bytes) ?? throw Truncated(format);
                return (jpeg.Width, jpeg.Height, null);
            default:
                return (null, null, null);
        }
    }

    private static void CheckDimensions(ImageFormat format, int width, int height, long maxPixels, string limitWords)
    {
        if (width < 1 || height < 1)
            throw new ImageRejectedException(ImageRejectionReason.InvalidDimensions,
                $"The {Name(format)} header declares an invalid size of {width}×{height} pixels.");
        var pixels = (long)width * height;
        if (pixels > maxPixels)
            throw new ImageRejectedException(ImageRejectionReason.TooManyPixels,
                $"The image declares {width}×{height} pixels ({pixels / 1e6:0.#} megapixels); {limitWords} {maxPixels / 1e6:0.#} megapixels. " +
                "It was refused before decoding, because decoding it would need too much memory.")
            {
                Value = pixels,
                Limit = maxPixels,
            };
    }

    private ImageRejectedException TooManyBytes(long? length) =>
        new(ImageRejectionReason.TooManyBytes,
            $"The file is {(length is { } l ? $"{l / 1048576.0:0.#} MB" : "larger than the limit")}; the limit is {_options.MaxBytes / 1048576.0:0.#} MB.");

    private static ImageRejectedException Truncated(ImageFormat format) =>
        new(ImageRejectionReason.TruncatedOrCorrupt, $"The {Name(format)} file is truncated or corrupt: its header is incomplete.");

    private static string Name(ImageFormat format) => format == ImageFormat.WebP ? "WebP" : format.ToString().ToUpperInvariant();
}
