using SkiaSharp;

namespace ImmersiveLab.Imaging;

/// <summary>The decoded image in libgd's terms, plus what the UI shows about it.</summary>
public sealed record GdDecodedImage(GdImage Image, ImageFormat Format, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The file's own 8-bit alpha, one byte a pixel, as decoded before libgd's 7 bits (asked for with keepAlpha, and only
    /// for a picture with transparency or a decode that stopped early; null: every pixel opaque).
    /// </summary>
    public byte[]? Alpha { get; init; }
}

/// <summary>
/// Decodes bytes to the pixels libgd (as used by imgsmlr) would produce: W×H RGB plus 7-bit alpha.
/// SkiaSharp does the decoding; where Skia's defaults differ from libgd + libjpeg-turbo + libpng, this class
/// follows libgd and says so. Call <see cref="ImageValidator"/> first for untrusted input.
/// </summary>
public static class LibGdDecoder
{
    /// <param name="keepAlpha">Also keep the file's 8-bit alpha (<see cref="GdDecodedImage.Alpha"/>), so the embedding can read these pixels too.</param>
    public static GdDecodedImage Decode(byte[] bytes, bool keepAlpha = false)
    {
        var format = ImageSniffer.Sniff(bytes) ?? throw new ImageRejectedException(ImageRejectionReason.UnsupportedFormat, ImageSniffer.DescribeUnsupported(bytes));
        using var decoding = DecodesInProgress.Begin();
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new ImageRejectedException(ImageRejectionReason.TruncatedOrCorrupt,
            $"The {format.ToString().ToUpperInvariant()} file is truncated or corrupt: its header cannot be read.");
        var notes = new List<string>();
        var alpha = new AlphaCopy(keepAlpha);
        var image = format switch
        {
            ImageFormat.Jpeg => DecodeJpeg(codec, bytes, notes, alpha),
            ImageFormat.Png => DecodePng(codec, bytes, notes, alpha),
            ImageFormat.Gif => DecodeGif(codec, bytes, notes, alpha),
            _ => DecodeOther(codec, format, notes, alpha),
        };
        if (codec.EncodedOrigin != SKEncodedOrigin.TopLeft)
            notes.Add($"EXIF orientation {codec.EncodedOrigin} ignored, as libgd does.");
        return new GdDecodedImage(image, format, notes) { Alpha = alpha.Bytes };
    }

    // Skia decodes with libjpeg-turbo too (islow IDCT, fancy upsampling), so ordinary JPEGs decode nearly
    // as libgd's libjpeg62-turbo does; small differences come from library versions and SIMD paths.
    // EXIF orientation: SKCodec never applies it, and neither does libgd.
    private static GdImage DecodeJpeg(SKCodec codec, byte[] bytes, List<string> notes, AlphaCopy alpha)
    {
        var (image, complete) = DecodeRgba(codec, alpha);
        var header = JpegHeader.TryRead(bytes);
        if (header is { IsCmyk: true })
            notes.Add(header.HasAdobeMarker
                ? "CMYK JPEG (Adobe): Skia rounds C·K/255 where libgd truncates; channels may differ by 1."
                // Skia always treats CMYK as Adobe-inverted; without the marker libgd inverts first. Skia gives
                // no access to the raw CMYK samples, so this case cannot be reproduced exactly.
                : "CMYK JPEG without an Adobe marker: libgd would invert the inks; this decoder cannot, so colours differ from the extension.");
        var pixels = image.Rgba7;
        if (complete)
            SetOpaque(pixels); // libgd's JPEG reader is always opaque
        else
        {
            for (var k = 0; k < pixels.Length; k += 4)
            {
                // Rows Skia never wrote keep alpha 0. libjpeg fills missing data with zero coefficients: mid grey.
                if (pixels[k + 3] == 0) pixels[k] = pixels[k + 1] = pixels[k + 2] = 128;
                pixels[k + 3] = 0;
            }
            notes.Add("The JPEG is truncated: the missing part is filled with grey, as libjpeg does.");
        }
        return image;
    }

    private static GdImage DecodePng(SKCodec codec, byte[] bytes, List<string> notes, AlphaCopy alpha)
    {
        var header = PngHeader.TryRead(bytes) ?? throw new ImageRejectedException(ImageRejectionReason.TruncatedOrCorrupt, "The PNG header is truncated or corrupt.");
        var (image, complete) = DecodeRgba(codec, alpha);
        if (!complete) notes.Add("The PNG is truncated: libgd would refuse it (NULL); the missing rows are left transparent here.");
        // libpng + libgd ignore a tRNS colour key on RGB images (those pixels stay opaque); Skia honours it.
        var ignoreAlpha = header.ColorType == PngColorType.Rgb;
        if (ignoreAlpha && header.HasTransparencyChunk) notes.Add("RGB PNG with a tRNS colour key: ignored, as libgd does.");
        if (header.BitDepth == 16) notes.Add("16-bit PNG: only the high byte of each sample is used, as libgd does.");
        ToGdAlpha(image.Rgba7, ignoreAlpha);
        return image;
    }

    // Skia composites GIF frame 0 onto the logical screen; libgd returns the first image at the size of its
    // own descriptor and ignores the screen and the offset. So cut the frame rectangle back out.
    private static GdImage DecodeGif(SKCodec codec, byte[] bytes, List<string> notes, AlphaCopy alpha)
    {
        var header = GifHeader.TryRead(bytes) ?? throw new ImageRejectedException(ImageRejectionReason.TruncatedOrCorrupt, "The GIF has no complete image.");
        if (header.FrameCount > 1) notes.Add($"Animated GIF ({header.FrameCount} frames): only the first frame is used.");
        var (screen, _) = DecodeRgba(codec, alpha);
        ToGdAlpha(screen.Rgba7, ignoreAlpha: false);
        var left = Math.Min(header.FrameLeft, screen.Width - 1);
        var top = Math.Min(header.FrameTop, screen.Height - 1);
        var width = Math.Clamp(header.FrameWidth, 1, screen.Width - left);
        var height = Math.Clamp(header.FrameHeight, 1, screen.Height - top);
        if (width != header.FrameWidth || height != header.FrameHeight)
            notes.Add("The first GIF frame extends beyond the logical screen; it is clipped to the screen.");
        if (left == 0 && top == 0 && width == screen.Width && height == screen.Height) return screen;
        var frame = GdImage.Create(width, height);
        for (var y = 0; y < height; y++)
            Array.Copy(screen.Rgba7, screen.Offset(left, top + y), frame.Rgba7, frame.Offset(0, y), width * 4);
        return frame;
    }

    private static GdImage DecodeOther(SKCodec codec, ImageFormat format, List<string> notes, AlphaCopy alpha)
    {
        notes.Add($"imgsmlr cannot read {format}; decoded with SkiaSharp defaults for comparison.");
        var (image, _) = DecodeRgba(codec, alpha);
        ToGdAlpha(image.Rgba7, ignoreAlpha: false);
        return image;
    }

    /// <summary>
    /// Unpremultiplied RGBA8888 without colour management (libgd ignores gamma and ICC), straight into the buffer of
    /// the image that is returned (its alpha bytes are turned into libgd's afterwards, in place). The buffer starts
    /// zeroed and Skia is told so, so rows it could not decode keep alpha 0 and can be recognised.
    /// </summary>
    private static (GdImage Image, bool Complete) DecodeRgba(SKCodec codec, AlphaCopy alpha)
    {
        var image = GdImage.Create(codec.Info.Width, codec.Info.Height);
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var options = new SKCodecOptions(SKZeroInitialized.Yes) { FrameIndex = 0 };
        SKCodecResult result;
        unsafe
        {
            fixed (byte* pixels = image.Rgba7) result = codec.GetPixels(info, (IntPtr)pixels, info.RowBytes, options);
        }
        if (result is SKCodecResult.Success or SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput)
            alpha.Take(image, opaque: codec.Info.AlphaType == SKAlphaType.Opaque && result == SKCodecResult.Success);
        return result switch
        {
            SKCodecResult.Success => (image, true),
            SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput => (image, false),
            _ => throw new ImageRejectedException(ImageRejectionReason.TruncatedOrCorrupt, $"The image cannot be decoded ({result})."),
        };
    }

    /// <summary>Alpha 0 (libgd's opaque) in every pixel: one masked AND per pixel, vectorised.</summary>
    private static void SetOpaque(byte[] rgba)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(rgba.AsSpan());
        var mask = BitConverter.IsLittleEndian ? 0x00FFFFFFu : 0xFFFFFF00u;
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<uint, System.Numerics.Vector<uint>>(words);
            var maskVector = new System.Numerics.Vector<uint>(mask);
            for (var v = 0; v < vectors.Length; v++) vectors[v] &= maskVector;
            i = vectors.Length * System.Numerics.Vector<uint>.Count;
        }
        for (; i < words.Length; i++) words[i] &= mask;
    }

    /// <summary>8-bit alpha (255 = opaque) → libgd's 7-bit alpha (0 = opaque … 127 = transparent), in place.</summary>
    private static void ToGdAlpha(byte[] rgba, bool ignoreAlpha)
    {
        if (ignoreAlpha)
        {
            SetOpaque(rgba);
            return;
        }
        for (var k = 3; k < rgba.Length; k += 4) rgba[k] = (byte)(GdImage.MaxAlpha - (rgba[k] >> 1));
    }

    /// <summary>Keeps the decoded 8-bit alpha before libgd's conversion overwrites it, when asked and when there is any.</summary>
    private sealed class AlphaCopy(bool wanted)
    {
        public byte[]? Bytes { get; private set; }

        public void Take(GdImage image, bool opaque)
        {
            if (!wanted || opaque) return;
            var rgba = image.Rgba7;
            var alpha = new byte[rgba.Length / 4];
            for (var p = 0; p < alpha.Length; p++) alpha[p] = rgba[4 * p + 3];
            Bytes = alpha;
        }
    }
}
