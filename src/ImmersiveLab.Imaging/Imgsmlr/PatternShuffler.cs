namespace ImmersiveLab.Imaging;

/// <summary>
/// imgsmlr's <c>shuffle_pattern</c>: blurs each detail region of levels n = 32, 16, 8, 4 (radius n/4) into a
/// weighted RMS, reading always from the input pattern. Levels 2, 1 and the mean are copied unchanged.
/// (The algorithm notes say levels 32–8; the reference values show that level 4, radius 1, is blurred too.)
/// </summary>
public static class PatternShuffler
{
    public static ImgsmlrPattern Shuffle(ImgsmlrPattern input)
    {
        var output = input.Clone();
        for (var n = 32; n >= 4; n /= 2)
        {
            var w = n / 4;
            BlurRegion(input, output, n, 0, n, w);
            BlurRegion(input, output, 0, n, n, w);
            BlurRegion(input, output, n, n, n, w);
        }
        return output;
    }

    private static void BlurRegion(ImgsmlrPattern input, ImgsmlrPattern output, int x0, int y0, int n, int w)
    {
        var weights = Weights(w);
        var side = 2 * w + 1;
        for (var i = x0; i < x0 + n; i++)
            for (var j = y0; j < y0 + n; j++)
            {
                float sum = 0, sumR = 0;
                for (var ii = Math.Max(x0, i - w); ii < Math.Min(x0 + n, i + w + 1); ii++)
                    for (var jj = Math.Max(y0, j - w); jj < Math.Min(y0 + n, j + w + 1); jj++)
                    {
                        var r = weights[(ii - i + w) * side + (jj - j + w)];
                        if (r <= 0f) continue;
                        var v = input[ii, jj];
                        sum += v * v * r;
                        sumR += r;
                    }
                output[i, j] = (float)Math.Sqrt(sum / sumR);
            }
    }

    /// <summary>r = 1 − √(d²)/w for every offset within the radius, computed in double and rounded once, as the C code does (a float version differs).</summary>
    private static float[] Weights(int w)
    {
        var side = 2 * w + 1;
        var weights = new float[side * side];
        for (var di = -w; di <= w; di++)
            for (var dj = -w; dj <= w; dj++)
                weights[(di + w) * side + (dj + w)] = (float)(1.0 - Math.Sqrt(di * di + dj * dj) / w);
        return weights;
    }
}
