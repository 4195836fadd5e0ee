namespace ImmersiveLab.Imaging;

/// <summary>
/// Image bytes → the model's input, planar (CHW) RGB scaled to 0..1 and normalised with the ImageNet mean and std:
/// decoded once at the reduced size the framing needs (<see cref="ScaledRgbaDecoder"/>: upright, transparency on
/// white), then resized with a Mitchell filter straight into the tensor (<see cref="MitchellResampler"/>).
/// <see cref="EmbeddingFraming.Letterbox"/> fits the whole picture (longer side = input size) on the mean colour;
/// <see cref="EmbeddingFraming.CentreCrop"/> scales the shorter side to 256 and keeps the central 224×224.
/// </summary>
public static class EmbeddingPreprocessor
{
    /// <summary>Where the picture goes on the square canvas: resized size and offset (negative = cropped).</summary>
    public readonly record struct Placement(int ResizedWidth, int ResizedHeight, int OffsetX, int OffsetY);

    public static Placement Place(int width, int height, ModelInputSpec spec, EmbeddingFraming framing)
    {
        var canvas = spec.CentreCrop;
        if (framing == EmbeddingFraming.CentreCrop)
        {
            var scale = (double)spec.ResizeShorterSide / Math.Min(width, height);
            var w = Math.Max(canvas, (int)Math.Round(width * scale));
            var h = Math.Max(canvas, (int)Math.Round(height * scale));
            return new Placement(w, h, -((w - canvas) / 2), -((h - canvas) / 2));
        }
        var fit = (double)canvas / Math.Max(width, height);
        var fw = Math.Clamp((int)Math.Round(width * fit), 1, canvas);
        var fh = Math.Clamp((int)Math.Round(height * fit), 1, canvas);
        return new Placement(fw, fh, (canvas - fw) / 2, (canvas - fh) / 2);
    }

    /// <summary>Decodes, frames and normalises one image into <paramref name="chw"/> (3 × size × size floats).</summary>
    public static void Fill(byte[] imageBytes, ModelInputSpec spec, EmbeddingFraming framing, Span<float> chw)
    {
        using var pixels = Decode(imageBytes, spec, framing);
        Fill(pixels, spec, framing, chw);
    }

    /// <summary>Decodes at the smallest size that still covers the framing's resized picture.</summary>
    public static RgbaPixels Decode(byte[] imageBytes, ModelInputSpec spec, EmbeddingFraming framing) =>
        ScaledRgbaDecoder.Decode(imageBytes, (w, h) =>
        {
            var p = Place(w, h, spec, framing);
            return (p.ResizedWidth, p.ResizedHeight);
        });

    /// <summary>Frames and normalises already decoded (upright, opaque) pixels into <paramref name="chw"/>.</summary>
    public static void Fill(RgbaPixels pixels, ModelInputSpec spec, EmbeddingFraming framing, Span<float> chw)
    {
        var canvas = spec.CentreCrop;
        if (chw.Length != 3 * canvas * canvas) throw new ArgumentException($"Expected {3 * canvas * canvas} floats.", nameof(chw));
        Span<float> a = stackalloc float[3];
        Span<float> b = stackalloc float[3];
        for (var c = 0; c < 3; c++)
        {
            a[c] = spec.PixelScale / spec.Std[c];
            b[c] = -spec.Mean[c] / spec.Std[c];
        }
        var place = Place(pixels.Width, pixels.Height, spec, framing);
        var covers = place.OffsetX <= 0 && place.OffsetY <= 0 &&
                     place.ResizedWidth + place.OffsetX >= canvas && place.ResizedHeight + place.OffsetY >= canvas;
        if (!covers) chw.Clear(); // the mean colour: 0 after normalisation
        MitchellResampler.ResizeIntoChw(pixels, place.ResizedWidth, place.ResizedHeight, canvas, place.OffsetX, place.OffsetY, a, b, chw);
    }

    /// <summary>Writes the left–right mirror image of one CHW input into another.</summary>
    public static void Mirror(ReadOnlySpan<float> chw, int size, Span<float> mirrored)
    {
        chw.CopyTo(mirrored);
        for (var row = 0; row < 3 * size; row++) mirrored.Slice(row * size, size).Reverse();
    }
}
