using System.Buffers;
using SkiaSharp;

namespace ImmersiveLab.Imaging;

/// <summary>
/// Decoded pixels for the embedding: upright (EXIF orientation applied), opaque (transparency flattened onto white),
/// RGBA with A = 255. Either in a buffer rented from the shared pool (return it with <see cref="Dispose"/>), or a view
/// of an image already decoded for imgsmlr (<see cref="FromGd"/>) whose rows are converted as they are read, so the
/// embedding needs no second copy of a large picture.
/// </summary>
public sealed class RgbaPixels : IDisposable
{
    private byte[]? _buffer;
    private readonly GdImage? _gd;
    private readonly byte[]? _alpha;

    internal RgbaPixels(byte[] buffer, int width, int height)
    {
        _buffer = buffer;
        Width = width;
        Height = height;
    }

    private RgbaPixels(GdImage gd, byte[]? alpha)
    {
        _gd = gd;
        _alpha = alpha;
        Width = gd.Width;
        Height = gd.Height;
    }

    /// <summary>
    /// The pixels of an image decoded for imgsmlr as the embedding wants them, row by row: its colours, with the file's
    /// own alpha (<see cref="GdDecodedImage.Alpha"/>; none: opaque) flattened onto white. Only for a picture stored
    /// upright whose decode is the whole file (not a GIF frame smaller than its screen).
    /// </summary>
    public static RgbaPixels FromGd(GdDecodedImage decoded) => new(decoded.Image, decoded.Alpha);

    public int Width { get; }
    public int Height { get; }

    /// <summary>Width × Height × 4 bytes, row after row (pooled pixels only; a view converts rows with <see cref="Row"/>).</summary>
    public ReadOnlySpan<byte> Span => (_buffer ?? throw new ObjectDisposedException(nameof(RgbaPixels))).AsSpan(0, Width * Height * 4);

    /// <summary>Whether <see cref="Row"/> needs a scratch row of Width × 4 bytes.</summary>
    internal bool ConvertsRows => _gd is not null;

    /// <summary>Row <paramref name="y"/>: a slice of the pixels, or (for a view) converted into <paramref name="scratch"/>.</summary>
    internal ReadOnlySpan<byte> Row(int y, Span<byte> scratch)
    {
        var rowBytes = Width * 4;
        if (_gd is null) return Span.Slice(y * rowBytes, rowBytes);
        var source = _gd.Rgba7.AsSpan(y * rowBytes, rowBytes);
        var row = scratch[..rowBytes];
        source.CopyTo(row);
        if (_alpha is null)
        {
            for (var k = 3; k < rowBytes; k += 4) row[k] = 255;
            return row;
        }
        var alpha = _alpha.AsSpan(y * Width, Width);
        for (var x = 0; x < Width; x++) row[4 * x + 3] = alpha[x];
        ScaledRgbaDecoder.FlattenOntoWhite(row);
        return row;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } b) ArrayPool<byte>.Shared.Return(b);
    }
}

/// <summary>
/// Decodes once, at the smallest size the codec can produce that still covers what the embedding needs: JPEG (and
/// WebP) decode straight to 1/8-step reductions (libjpeg's DCT scaling), so a 4000-pixel photo costs a fraction of a
/// full decode. Decodes without premultiplying, into a pooled buffer, then applies the EXIF orientation and flattens
/// transparency onto white in one pass over the (small) result. Call <see cref="ImageValidator"/> first.
/// </summary>
public static class ScaledRgbaDecoder
{
    /// <summary>
    /// Decodes <paramref name="bytes"/> so that, upright, the picture is at least <paramref name="minWidth"/> ×
    /// <paramref name="minHeight"/> where the file allows (never enlarged). <paramref name="sizeFor"/> gets the upright
    /// full size and returns the needed upright size, so callers can ask for "enough for a 224 letterbox".
    /// </summary>
    public static RgbaPixels Decode(byte[] bytes, Func<int, int, (int Width, int Height)> sizeFor)
    {
        using var decoding = DecodesInProgress.Begin();
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new ImageRejectedException(ImageRejectionReason.TruncatedOrCorrupt,
            "The image is truncated or corrupt: its header cannot be read.");
        var origin = codec.EncodedOrigin;
        var swaps = SwapsAxes(origin);
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        var (needW, needH) = swaps ? sizeFor(h, w) : sizeFor(w, h);
        if (swaps) (needW, needH) = (needH, needW);
        var size = ChooseDecodeSize(codec, needW, needH);

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var decoded = ArrayPool<byte>.Shared.Rent(info.BytesSize);
        var keep = false;
        try
        {
            SKCodecResult result;
            unsafe
            {
                fixed (byte* p = decoded)
                    result = codec.GetPixels(info, (IntPtr)p, info.RowBytes, new SKCodecOptions(SKZeroInitialized.No));
            }
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput))
                throw new ImageRejectedException(ImageRejectionReason.TruncatedOrCorrupt, $"The image cannot be decoded ({result}).");
            // Incomplete files: Skia fills the rows it could not decode with transparent black, which becomes white here.
            if (codec.Info.AlphaType != SKAlphaType.Opaque || result != SKCodecResult.Success)
                FlattenOntoWhite(decoded.AsSpan(0, info.BytesSize));
            if (origin == SKEncodedOrigin.TopLeft)
            {
                keep = true;
                return new RgbaPixels(decoded, size.Width, size.Height);
            }
            return Reorient(decoded, size.Width, size.Height, origin);
        }
        finally
        {
            if (!keep) ArrayPool<byte>.Shared.Return(decoded);
        }
    }

    /// <summary>
    /// Whether <see cref="Decode"/> would decode <paramref name="bytes"/> below their full size (a JPEG or WebP large
    /// enough for the codec's 1/8 steps), so that its own decode is much cheaper than a full one.
    /// </summary>
    public static bool WouldReduce(byte[] bytes, Func<int, int, (int Width, int Height)> sizeFor)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null) return false;
        var swaps = SwapsAxes(codec.EncodedOrigin);
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        var (needW, needH) = swaps ? sizeFor(h, w) : sizeFor(w, h);
        if (swaps) (needW, needH) = (needH, needW);
        return ChooseDecodeSize(codec, needW, needH) != codec.Info.Size;
    }

    private static SKSizeI ChooseDecodeSize(SKCodec codec, int minWidth, int minHeight)
    {
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        var scale = Math.Max((float)minWidth / w, (float)minHeight / h);
        if (scale <= 0 || scale >= 1) return codec.Info.Size;
        var scaled = codec.GetScaledDimensions(scale);
        // Skia picks the nearest supported size, which may be below what was asked for: then try the next step up.
        for (var step = 1; step <= 8 && (scaled.Width < minWidth || scaled.Height < minHeight); step++)
        {
            var next = Math.Min(1f, scale + step / 8f);
            scaled = codec.GetScaledDimensions(next);
            if (next >= 1f) break;
        }
        return scaled.Width >= minWidth && scaled.Height >= minHeight && scaled.Width > 0 && scaled.Height > 0 ? scaled : codec.Info.Size;
    }

    /// <summary>Straight alpha over opaque white: c' = (c·a + 255·(255 − a)) / 255, rounded; a' = 255.</summary>
    internal static void FlattenOntoWhite(Span<byte> rgba)
    {
        for (var k = 0; k < rgba.Length; k += 4)
        {
            int a = rgba[k + 3];
            if (a == 255) continue;
            var white = 255 * (255 - a) + 127;
            rgba[k] = (byte)((rgba[k] * a + white) / 255);
            rgba[k + 1] = (byte)((rgba[k + 1] * a + white) / 255);
            rgba[k + 2] = (byte)((rgba[k + 2] * a + white) / 255);
            rgba[k + 3] = 255;
        }
    }

    internal static bool SwapsAxes(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>Copies stored pixels to their upright place (the same mapping as <see cref="UprightDecoder"/>).</summary>
    private static RgbaPixels Reorient(byte[] src, int w, int h, SKEncodedOrigin origin)
    {
        var swaps = SwapsAxes(origin);
        var (uw, uh) = swaps ? (h, w) : (w, h);
        var dst = ArrayPool<byte>.Shared.Rent(uw * uh * 4);
        var s = MemoryMarshalCast(src);
        var d = MemoryMarshalCast(dst);
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var (ux, uy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (h - 1 - y, x),
                    SKEncodedOrigin.RightBottom => (h - 1 - y, w - 1 - x),
                    SKEncodedOrigin.LeftBottom => (y, w - 1 - x),
                    _ => (x, y),
                };
                d[uy * uw + ux] = s[y * w + x];
            }
        return new RgbaPixels(dst, uw, uh);
    }

    private static Span<uint> MemoryMarshalCast(byte[] bytes) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(bytes.AsSpan());
}
