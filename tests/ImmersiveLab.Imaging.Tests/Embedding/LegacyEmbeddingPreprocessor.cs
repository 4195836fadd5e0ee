using ImmersiveLab.Imaging;
using SkiaSharp;

namespace ImmersiveLab.Imaging.Tests.Embedding;

/// <summary>
/// The preprocessing before issue 14 (kept as the oracle for the fast path's centre-crop mode): image bytes → the model's input: upright, transparency on white, shorter side resized to 256, centre
/// crop 224, RGB scaled to 0..1 and normalised with the ImageNet mean and std, planar (CHW).
/// </summary>
public static class LegacyEmbeddingPreprocessor
{
    public static void Fill(byte[] imageBytes, ModelInputSpec spec, Span<float> chw)
    {
        var crop = spec.CentreCrop;
        if (chw.Length != 3 * crop * crop) throw new ArgumentException($"Expected {3 * crop * crop} floats.", nameof(chw));
        using var upright = UprightDecoder.DecodeOnWhite(imageBytes, minShortSide: spec.ResizeShorterSide);
        var scale = (double)spec.ResizeShorterSide / Math.Min(upright.Width, upright.Height);
        var width = Math.Max(crop, (int)Math.Round(upright.Width * scale));
        var height = Math.Max(crop, (int)Math.Round(upright.Height * scale));
        using var resized = upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        var left = (width - crop) / 2;
        var top = (height - crop) / 2;
        var pixels = resized.GetPixelSpan();
        var plane = crop * crop;
        for (var y = 0; y < crop; y++)
            for (var x = 0; x < crop; x++)
            {
                var o = ((top + y) * width + left + x) * 4;
                var k = y * crop + x;
                for (var c = 0; c < 3; c++)
                    chw[c * plane + k] = (pixels[o + c] * spec.PixelScale - spec.Mean[c]) / spec.Std[c];
            }
    }
}
