namespace ImmersiveLab.Imaging;

/// <summary>
/// The steps of imgsmlr's <c>*2pattern</c> after the 64×64 resample: RMS grey, min-max normalisation and
/// the recursive non-standard 2-D Haar transform. All matrices use the extension's i-major (column) order.
/// </summary>
public static class PatternBuilder
{
    private const int Size = ImgsmlrPattern.Size;

    /// <summary>v = sqrt((r² + g² + b²) / 3) with r, g, b in 0..1, all in float32 (checked against the extension).</summary>
    public static float[] Grey(GdImage thumb)
    {
        if (thumb.Width != Size || thumb.Height != Size)
            throw new ArgumentException($"Expected a {Size}×{Size} image.", nameof(thumb));
        var grey = new float[Size * Size];
        for (var i = 0; i < Size; i++)
            for (var j = 0; j < Size; j++)
            {
                var o = thumb.Offset(i, j);
                var r = thumb.Rgba7[o] / 255f;
                var g = thumb.Rgba7[o + 1] / 255f;
                var b = thumb.Rgba7[o + 2] / 255f;
                grey[i * Size + j] = MathF.Sqrt((r * r + g * g + b * b) / 3f);
            }
        return grey;
    }

    /// <summary>(v − min)/(max − min); a uniform image divides 0 by 0, so every value becomes NaN, as in the extension.</summary>
    public static float[] Normalise(float[] grey)
    {
        float min = 1f, max = 0f;
        foreach (var v in grey)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        var result = new float[grey.Length];
        for (var k = 0; k < grey.Length; k++)
            result[k] = (grey[k] - min) / (max - min);
        return result;
    }

    public static ImgsmlrPattern Haar(float[] normalised)
    {
        // V is the working image (its top-left n×n block shrinks each step), P receives the detail values.
        var v = new ImgsmlrPattern((float[])normalised.Clone());
        var p = new ImgsmlrPattern(new float[ImgsmlrPattern.Length]);
        for (var n = Size / 2; n >= 1; n /= 2)
        {
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                {
                    var a = v[2 * i, 2 * j];
                    var b = v[2 * i + 1, 2 * j];
                    var c = v[2 * i, 2 * j + 1];
                    var d = v[2 * i + 1, 2 * j + 1];
                    p[i + n, j] = (-a + b - c + d) / 4f;
                    p[i, j + n] = (-a - b + c + d) / 4f;
                    p[i + n, j + n] = (a - b - c + d) / 4f;
                }
            // Each average reads only its own 2×2 block at (2i, 2j) ≥ (i, j), so writing in place is safe
            // in this loop order.
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    v[i, j] = (v[2 * i, 2 * j] + v[2 * i + 1, 2 * j] + v[2 * i, 2 * j + 1] + v[2 * i + 1, 2 * j + 1]) / 4f;
        }
        p[0, 0] = v[0, 0];
        return p;
    }
}
