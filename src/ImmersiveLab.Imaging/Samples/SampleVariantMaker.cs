using SkiaSharp;

namespace ImmersiveLab.Imaging;

/// <summary>
/// Makes edited copies of a photo, the near-duplicates a de-duplication search must find: each kind applies one
/// edit to the upright picture and saves the result as a JPEG. Deterministic: the same input gives the same bytes
/// (no randomness, no fonts, no clock), so the template built from them is reproducible.
/// </summary>
public static class SampleVariantMaker
{
    /// <summary>Changes whenever any kind's output would change: part of the template's version.</summary>
    public const string Version = "variants-1";

    /// <summary>JPEG quality of every copy but the recompressed one, about what photo sites and cameras use.</summary>
    public const int Quality = 85;

    /// <summary>JPEG quality of <see cref="SampleVariantKind.Recompressed"/>: blocky, visibly damaged.</summary>
    public const int LowQuality = 10;

    /// <summary>Long side of <see cref="SampleVariantKind.Resized"/>, in pixels.</summary>
    public const int ThumbnailLongSide = 200;

    /// <summary>Share of the width and the height trimmed off each side by <see cref="SampleVariantKind.Cropped"/>.</summary>
    public const float CropMargin = 0.08f;

    /// <summary>Factor every colour channel is multiplied by in <see cref="SampleVariantKind.Darkened"/>.</summary>
    public const float DarkeningFactor = 0.6f;

    /// <summary>The JPEG bytes of the edited copy, with its size.</summary>
    public static SampleVariant Make(byte[] source, SampleVariantKind kind)
    {
        using var upright = UprightDecoder.DecodeOnWhite(source);
        return Make(upright, kind);
    }

    /// <summary>Every kind of copy, in <see cref="SampleVariantKind"/> order, from one decode of the source.</summary>
    public static IReadOnlyList<SampleVariant> MakeAll(byte[] source)
    {
        using var upright = UprightDecoder.DecodeOnWhite(source);
        return Enum.GetValues<SampleVariantKind>().Select(kind => Make(upright, kind)).ToList();
    }

    private static SampleVariant Make(SKBitmap upright, SampleVariantKind kind)
    {
        using var edited = kind switch
        {
            SampleVariantKind.Resized => Resize(upright),
            SampleVariantKind.Cropped => Crop(upright),
            SampleVariantKind.Recompressed => upright.Copy(),
            SampleVariantKind.Mirrored => Mirror(upright),
            SampleVariantKind.Darkened => Darken(upright),
            SampleVariantKind.Watermarked => Watermark(upright),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown variant kind."),
        };
        using var image = SKImage.FromBitmap(edited);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, kind == SampleVariantKind.Recompressed ? LowQuality : Quality);
        return new SampleVariant(kind, encoded.ToArray(), edited.Width, edited.Height);
    }

    private static SKBitmap Resize(SKBitmap source)
    {
        var scale = Math.Min(1.0, (double)ThumbnailLongSide / Math.Max(source.Width, source.Height));
        var width = Math.Max(1, (int)Math.Round(source.Width * scale));
        var height = Math.Max(1, (int)Math.Round(source.Height * scale));
        return source.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
    }

    private static SKBitmap Crop(SKBitmap source)
    {
        var dx = (int)Math.Round(source.Width * CropMargin);
        var dy = (int)Math.Round(source.Height * CropMargin);
        var cropped = new SKBitmap(new SKImageInfo(source.Width - 2 * dx, source.Height - 2 * dy, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (!source.ExtractSubset(cropped, new SKRectI(dx, dy, source.Width - dx, source.Height - dy)))
            throw new InvalidOperationException("The crop rectangle lies outside the picture.");
        return cropped.Copy(); // ExtractSubset shares the source's pixels, which are freed with it
    }

    private static SKBitmap Mirror(SKBitmap source) => Draw(source, (canvas, image) =>
    {
        canvas.Scale(-1, 1, source.Width / 2f, 0);
        canvas.DrawImage(image, 0, 0, Exact);
    });

    private static SKBitmap Darken(SKBitmap source) => Draw(source, (canvas, image) =>
    {
        var f = DarkeningFactor;
        using var paint = new SKPaint
        {
            ColorFilter = SKColorFilter.CreateColorMatrix([f, 0, 0, 0, 0, 0, f, 0, 0, 0, 0, 0, f, 0, 0, 0, 0, 0, 1, 0]),
        };
        canvas.DrawImage(image, 0, 0, Exact, paint);
    });

    /// <summary>A stamp in the lower right corner: a translucent white plate with a ring and two bars (a logo, no text, so no font is needed).</summary>
    private static SKBitmap Watermark(SKBitmap source) => Draw(source, (canvas, image) =>
    {
        canvas.DrawImage(image, 0, 0, Exact);
        var w = source.Width * 0.34f;
        var h = Math.Max(8f, w * 0.32f);
        var margin = source.Width * 0.03f;
        var plate = SKRect.Create(source.Width - margin - w, source.Height - margin - h, w, h);
        using var fill = new SKPaint { Color = new SKColor(255, 255, 255, 140), IsAntialias = true };
        canvas.DrawRoundRect(plate, h * 0.2f, h * 0.2f, fill);
        using var ink = new SKPaint { Color = new SKColor(20, 20, 20, 170), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = h * 0.1f };
        canvas.DrawCircle(plate.Left + h * 0.5f, plate.MidY, h * 0.3f, ink);
        ink.Style = SKPaintStyle.Fill;
        canvas.DrawRect(SKRect.Create(plate.Left + h, plate.Top + h * 0.28f, w - h * 1.2f, h * 0.14f), ink);
        canvas.DrawRect(SKRect.Create(plate.Left + h, plate.Top + h * 0.58f, (w - h * 1.2f) * 0.6f, h * 0.14f), ink);
    });

    /// <summary>Pixels land on whole pixels (no scaling), so nearest-neighbour sampling copies them exactly.</summary>
    private static readonly SKSamplingOptions Exact = new(SKFilterMode.Nearest);

    private static SKBitmap Draw(SKBitmap source, Action<SKCanvas, SKImage> paint)
    {
        var result = new SKBitmap(new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        using var image = SKImage.FromBitmap(source);
        canvas.Clear(SKColors.White);
        paint(canvas, image);
        canvas.Flush();
        return result;
    }
}
