using SkiaSharp;

namespace ImmersiveLab.Imaging;

/// <summary>
/// Decodes an image the way a person sees it, for thumbnails and embeddings (not for imgsmlr): EXIF
/// orientation applied, transparency flattened onto white, and for JPEG a scaled decode (1/8 steps) when
/// a smaller size is enough, which is several times faster on large photos.
/// </summary>
public static class UprightDecoder
{
    /// <summary>
    /// Returns an opaque bitmap at least <paramref name="minShortSide"/> on its short side and
    /// <paramref name="minLongSide"/> on its long side where the file allows (0: full size).
    /// </summary>
    public static SKBitmap DecodeOnWhite(byte[] bytes, int minShortSide = 0, int minLongSide = 0) =>
        Decode(bytes, SKColors.White, minShortSide, minLongSide);

    /// <summary>As <see cref="DecodeOnWhite"/>, but transparent pixels stay transparent (premultiplied).</summary>
    public static SKBitmap DecodeKeepingAlpha(byte[] bytes, int minShortSide = 0, int minLongSide = 0) =>
        Decode(bytes, SKColors.Transparent, minShortSide, minLongSide);

    private static SKBitmap Decode(byte[] bytes, SKColor background, int minShortSide, int minLongSide)
    {
        using var decoding = DecodesInProgress.Begin();
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new ImageRejectedException(ImageRejectionReason.TruncatedOrCorrupt,
            "The image is truncated or corrupt: its header cannot be read.");
        var size = ChooseDecodeSize(codec, minShortSide, minLongSide);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput))
            throw new ImageRejectedException(ImageRejectionReason.TruncatedOrCorrupt, $"The image cannot be decoded ({result}).");
        return DrawUpright(decoded, codec.EncodedOrigin, background);
    }

    private static SKSizeI ChooseDecodeSize(SKCodec codec, int minShortSide, int minLongSide)
    {
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        var scale = Math.Max((float)minShortSide / Math.Min(w, h), (float)minLongSide / Math.Max(w, h));
        if (scale <= 0 || scale >= 1) return codec.Info.Size;
        var scaled = codec.GetScaledDimensions(scale);
        // Skia picks the nearest supported size, which may be below what was asked for.
        var enough = Math.Min(scaled.Width, scaled.Height) >= minShortSide && Math.Max(scaled.Width, scaled.Height) >= minLongSide;
        return enough && scaled.Width > 0 && scaled.Height > 0 ? scaled : codec.Info.Size;
    }

    private static SKBitmap DrawUpright(SKBitmap source, SKEncodedOrigin origin, SKColor background)
    {
        var (w, h) = (source.Width, source.Height);
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var upright = new SKBitmap(new SKImageInfo(swaps ? h : w, swaps ? w : h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(upright);
        canvas.Clear(background);
        canvas.SetMatrix(OriginTransform(origin, w, h));
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return upright;
    }

    /// <summary>Maps stored pixel (x, y) to upright pixel coordinates for each EXIF orientation.</summary>
    private static SKMatrix OriginTransform(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
