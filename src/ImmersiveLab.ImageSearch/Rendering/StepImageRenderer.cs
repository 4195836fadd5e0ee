using System.Runtime.InteropServices;
using ImmersiveLab.Imaging;
using SkiaSharp;

namespace ImmersiveLab.ImageSearch.Rendering;

/// <summary>
/// Small PNG pictures of the conversion steps: the decoded image, the 64×64 resample, the grey and normalised grey
/// maps, the Haar pattern as a heat map with its level regions outlined, and the embedding as a strip.
/// Matrices are in imgsmlr's i-major order (value of column x, row y at 64·x + y) and are drawn with x across.
/// </summary>
public static class StepImageRenderer
{
    public const string ContentType = "image/png";
    private const int N = ImgsmlrPattern.Size;

    /// <summary>The decoded image as libgd holds it (EXIF orientation not applied, alpha kept), longest side at most <paramref name="maxSide"/>.</summary>
    public static byte[] Decoded(GdImage image, int maxSide)
    {
        var rgba = new byte[image.Width * image.Height * 4];
        for (var p = 0; p < image.Width * image.Height; p++)
        {
            var o = p * 4;
            rgba[o] = image.Rgba7[o];
            rgba[o + 1] = image.Rgba7[o + 1];
            rgba[o + 2] = image.Rgba7[o + 2];
            rgba[o + 3] = (byte)(255 - image.Rgba7[o + 3] * 255 / GdImage.MaxAlpha);
        }
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(image.Width, image.Height));
        var width = Math.Max(1, (int)Math.Round(image.Width * scale));
        var height = Math.Max(1, (int)Math.Round(image.Height * scale));
        return Draw(rgba, image.Width, image.Height, width, height, new SKSamplingOptions(SKCubicResampler.Mitchell), null);
    }

    /// <summary>The 64×64 resample on black, enlarged with square pixels.</summary>
    public static byte[] Thumbnail(GdImage thumbnail, int scale = 4)
    {
        var rgba = new byte[thumbnail.Width * thumbnail.Height * 4];
        for (var p = 0; p < thumbnail.Width * thumbnail.Height; p++)
        {
            var o = p * 4;
            rgba[o] = thumbnail.Rgba7[o];
            rgba[o + 1] = thumbnail.Rgba7[o + 1];
            rgba[o + 2] = thumbnail.Rgba7[o + 2];
            rgba[o + 3] = 255;
        }
        return Draw(rgba, thumbnail.Width, thumbnail.Height, thumbnail.Width * scale, thumbnail.Height * scale, Nearest, null);
    }

    /// <summary>A 64×64 map of values 0..1 (grey or normalised grey) in grey levels; NaN cells are magenta.</summary>
    public static byte[] GreyMap(float[] values, int scale = 4)
    {
        CheckLength(values);
        var rgba = new byte[N * N * 4];
        for (var x = 0; x < N; x++)
            for (var y = 0; y < N; y++)
            {
                var v = values[x * N + y];
                var o = (y * N + x) * 4;
                if (float.IsNaN(v)) (rgba[o], rgba[o + 1], rgba[o + 2]) = ((byte)255, (byte)0, (byte)255);
                else rgba[o] = rgba[o + 1] = rgba[o + 2] = (byte)Math.Round(Math.Clamp(v, 0f, 1f) * 255);
                rgba[o + 3] = 255;
            }
        return Draw(rgba, N, N, N * scale, N * scale, Nearest, null);
    }

    /// <summary>
    /// The Haar pattern: red positive, blue negative, white zero. Coarse levels hold far larger numbers than fine
    /// ones, so each level is scaled to its own largest magnitude (else only the mean would show). The mean cell
    /// (0,0) is amber; lines outline the H, V and D regions of every level n = 1 … 32.
    /// </summary>
    public static byte[] PatternHeatMap(ImgsmlrPattern pattern, int cell = 6)
    {
        var values = pattern.Values;
        var levelMax = new Dictionary<int, float>();
        for (var x = 0; x < N; x++)
            for (var y = 0; y < N; y++)
            {
                var level = Level(x, y);
                var a = Math.Abs(values[x * N + y]);
                if (!float.IsNaN(a)) levelMax[level] = Math.Max(levelMax.GetValueOrDefault(level), a);
            }
        var rgba = new byte[N * N * 4];
        for (var x = 0; x < N; x++)
            for (var y = 0; y < N; y++)
            {
                var v = values[x * N + y];
                var o = (y * N + x) * 4;
                var level = Level(x, y);
                (byte R, byte G, byte B) c;
                if (float.IsNaN(v)) c = (255, 0, 255);
                else if (level == 0) c = (255, 179, 0);
                else
                {
                    var max = levelMax.GetValueOrDefault(level);
                    var t = max > 0 ? (float)Math.Sqrt(Math.Abs(v) / max) : 0f;
                    c = v >= 0 ? Mix((255, 255, 255), (198, 40, 40), t) : Mix((255, 255, 255), (21, 101, 192), t);
                }
                (rgba[o], rgba[o + 1], rgba[o + 2], rgba[o + 3]) = (c.R, c.G, c.B, (byte)255);
            }
        return Draw(rgba, N, N, N * cell, N * cell, Nearest, canvas =>
        {
            using var paint = new SKPaint { Color = new SKColor(33, 33, 33), StrokeWidth = 1, IsAntialias = false, Style = SKPaintStyle.Stroke };
            for (var n = 1; n <= N / 2; n *= 2)
            {
                float at = n * cell, end = 2 * n * cell;
                canvas.DrawLine(at, 0, at, end, paint);
                canvas.DrawLine(0, at, end, at, paint);
            }
            canvas.DrawRect(0, 0, N * cell - 1, N * cell - 1, paint);
        });
    }

    /// <summary>The embedding's values left to right, each a column shaded by its size (teal positive, blue negative).</summary>
    public static byte[] EmbeddingStrip(float[] vector, int height = 24)
    {
        var max = vector.Length == 0 ? 1f : Math.Max(vector.Max(v => Math.Abs(v)), float.Epsilon);
        var rgba = new byte[vector.Length * 4];
        for (var k = 0; k < vector.Length; k++)
        {
            var t = (float)Math.Sqrt(Math.Abs(vector[k]) / max);
            var c = vector[k] >= 0 ? Mix((250, 250, 250), (0, 105, 92), t) : Mix((250, 250, 250), (21, 101, 192), t);
            (rgba[k * 4], rgba[k * 4 + 1], rgba[k * 4 + 2], rgba[k * 4 + 3]) = (c.R, c.G, c.B, (byte)255);
        }
        return Draw(rgba, Math.Max(1, vector.Length), 1, Math.Max(1, vector.Length), height, Nearest, null);
    }

    /// <summary>The level a pattern cell belongs to: n for n ≤ max(x, y) &lt; 2n (32 finest … 1), 0 for the mean.</summary>
    public static int Level(int x, int y)
    {
        var m = Math.Max(x, y);
        if (m == 0) return 0;
        var n = 1;
        while (n * 2 <= m) n *= 2;
        return n;
    }

    private static readonly SKSamplingOptions Nearest = new(SKFilterMode.Nearest, SKMipmapMode.None);

    private static (byte R, byte G, byte B) Mix((byte R, byte G, byte B) a, (byte R, byte G, byte B) b, float t) =>
        ((byte)(a.R + (b.R - a.R) * t), (byte)(a.G + (b.G - a.G) * t), (byte)(a.B + (b.B - a.B) * t));

    private static byte[] Draw(byte[] rgba, int width, int height, int outWidth, int outHeight, SKSamplingOptions sampling, Action<SKCanvas>? overlay)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var source = new SKBitmap(info);
        Marshal.Copy(rgba, 0, source.GetPixels(), rgba.Length);
        using var sourceImage = SKImage.FromBitmap(source);
        using var surface = SKSurface.Create(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Cannot create a {outWidth}×{outHeight} surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        canvas.DrawImage(sourceImage, new SKRect(0, 0, outWidth, outHeight), sampling);
        overlay?.Invoke(canvas);
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void CheckLength(float[] values)
    {
        if (values.Length != N * N) throw new ArgumentException($"Expected {N * N} values, got {values.Length}.", nameof(values));
    }
}
