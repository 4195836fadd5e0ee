using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ImmersiveLab.Imaging;

/// <summary>
/// A separable Mitchell–Netravali (B = C = 1/3) resize, the filter libvips and ImageMagick use for "mitchell", widened
/// by the reduction factor when shrinking (so it averages instead of skipping pixels), with edge pixels repeated.
/// It resizes straight into the model's planar float input: the horizontal pass turns each needed source row into
/// float rows per channel, the vertical pass sums rows with <see cref="Vector{T}"/> and writes
/// <c>clamp(v, 0, 255) · a[c] + b[c]</c> (scale, mean, std folded into one multiply-add), so no intermediate image
/// and no per-pixel allocation exists. Only the output pixels inside the canvas are computed (a centre crop never
/// resizes the parts it throws away).
/// </summary>
public static class MitchellResampler
{
    /// <summary>One output axis: for output i, source taps [Start[i], Start[i] + Count[i]) with weights at i·MaxTaps.</summary>
    internal sealed class Axis
    {
        public required int[] Start { get; init; }
        public required int[] Count { get; init; }
        public required float[] Weights { get; init; }
        public required int MaxTaps { get; init; }
    }

    /// <summary>
    /// Resizes <paramref name="src"/> (opaque RGBA) to <paramref name="resizedWidth"/> × <paramref name="resizedHeight"/>
    /// and writes the part that falls inside the <paramref name="canvas"/>² square, placed at
    /// (<paramref name="offsetX"/>, <paramref name="offsetY"/>) — negative offsets crop — into the three planes of
    /// <paramref name="chw"/>. Canvas pixels the picture does not cover are left as they are.
    /// </summary>
    public static void ResizeIntoChw(RgbaPixels src, int resizedWidth, int resizedHeight, int canvas, int offsetX, int offsetY,
        ReadOnlySpan<float> channelScale, ReadOnlySpan<float> channelBias, Span<float> chw)
    {
        var plane = canvas * canvas;
        if (chw.Length != 3 * plane) throw new ArgumentException($"Expected {3 * plane} floats.", nameof(chw));
        // The columns/rows of the resized picture that land on the canvas.
        var x0 = Math.Max(0, -offsetX);
        var x1 = Math.Min(resizedWidth, canvas - offsetX);
        var y0 = Math.Max(0, -offsetY);
        var y1 = Math.Min(resizedHeight, canvas - offsetY);
        if (x1 <= x0 || y1 <= y0) return;
        var cols = x1 - x0;
        var rows = y1 - y0;

        var horizontal = Weights(src.Width, resizedWidth, x0, x1);
        var vertical = Weights(src.Height, resizedHeight, y0, y1);
        int firstRow = int.MaxValue, lastRow = 0;
        for (var i = 0; i < rows; i++)
        {
            firstRow = Math.Min(firstRow, vertical.Start[i]);
            lastRow = Math.Max(lastRow, vertical.Start[i] + vertical.Count[i]);
        }
        var sourceRows = lastRow - firstRow;

        var tmp = ArrayPool<float>.Shared.Rent(3 * sourceRows * cols);
        var line = ArrayPool<float>.Shared.Rent(cols);
        try
        {
            var t = tmp.AsSpan(0, 3 * sourceRows * cols);
            HorizontalPass(src, horizontal, firstRow, lastRow, cols, t);
            for (var c = 0; c < 3; c++)
            {
                var tc = t.Slice(c * sourceRows * cols, sourceRows * cols);
                var a = channelScale[c];
                var b = channelBias[c];
                for (var i = 0; i < rows; i++)
                {
                    var acc = line.AsSpan(0, cols);
                    var start = vertical.Start[i] - firstRow;
                    var count = vertical.Count[i];
                    var w = vertical.Weights.AsSpan(i * vertical.MaxTaps, count);
                    WeightedRowSum(tc, cols, start, w, acc);
                    var outRow = chw.Slice(c * plane + (i + y0 + offsetY) * canvas + x0 + offsetX, cols);
                    Normalise(acc, a, b, outRow);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(tmp);
            ArrayPool<float>.Shared.Return(line);
        }
    }

    private static void HorizontalPass(RgbaPixels src, Axis horizontal, int firstRow, int lastRow, int cols, Span<float> tmp)
    {
        var rowBytes = src.Width * 4;
        var scratch = src.ConvertsRows ? ArrayPool<byte>.Shared.Rent(rowBytes) : null;
        try
        {
            HorizontalRows(src, horizontal, firstRow, lastRow, cols, tmp, scratch);
        }
        finally
        {
            if (scratch is not null) ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void HorizontalRows(RgbaPixels src, Axis horizontal, int firstRow, int lastRow, int cols, Span<float> tmp, byte[]? scratch)
    {
        var sourceRows = lastRow - firstRow;
        var r = tmp[..(sourceRows * cols)];
        var g = tmp.Slice(sourceRows * cols, sourceRows * cols);
        var b = tmp.Slice(2 * sourceRows * cols, sourceRows * cols);
        var weights = horizontal.Weights;
        for (var y = firstRow; y < lastRow; y++)
        {
            var row = src.Row(y, scratch);
            var o = (y - firstRow) * cols;
            for (var x = 0; x < cols; x++)
            {
                var start = horizontal.Start[x];
                var count = horizontal.Count[x];
                var wi = x * horizontal.MaxTaps;
                float sr = 0, sg = 0, sb = 0;
                ref var p = ref MemoryMarshal.GetReference(row.Slice(start * 4, count * 4));
                for (var k = 0; k < count; k++)
                {
                    var w = weights[wi + k];
                    sr += w * Unsafe.Add(ref p, 4 * k);
                    sg += w * Unsafe.Add(ref p, 4 * k + 1);
                    sb += w * Unsafe.Add(ref p, 4 * k + 2);
                }
                r[o + x] = sr;
                g[o + x] = sg;
                b[o + x] = sb;
            }
        }
    }

    /// <summary>acc = Σ w[k] · rows[start + k], vectorised across the row.</summary>
    private static void WeightedRowSum(ReadOnlySpan<float> rows, int cols, int start, ReadOnlySpan<float> w, Span<float> acc)
    {
        var first = rows.Slice(start * cols, cols);
        var w0 = w[0];
        var n = Vector<float>.Count;
        var x = 0;
        for (; x <= cols - n; x += n) (new Vector<float>(first[x..]) * w0).CopyTo(acc[x..]);
        for (; x < cols; x++) acc[x] = first[x] * w0;
        for (var k = 1; k < w.Length; k++)
        {
            var row = rows.Slice((start + k) * cols, cols);
            var wk = new Vector<float>(w[k]);
            x = 0;
            for (; x <= cols - n; x += n) (new Vector<float>(acc[x..]) + new Vector<float>(row[x..]) * wk).CopyTo(acc[x..]);
            for (; x < cols; x++) acc[x] += row[x] * w[k];
        }
    }

    private static void Normalise(ReadOnlySpan<float> acc, float a, float b, Span<float> output)
    {
        var n = Vector<float>.Count;
        var lo = Vector<float>.Zero;
        var hi = new Vector<float>(255f);
        var va = new Vector<float>(a);
        var vb = new Vector<float>(b);
        var x = 0;
        for (; x <= acc.Length - n; x += n)
            (Vector.Min(Vector.Max(new Vector<float>(acc[x..]), lo), hi) * va + vb).CopyTo(output[x..]);
        for (; x < acc.Length; x++) output[x] = Math.Clamp(acc[x], 0f, 255f) * a + b;
    }

    /// <summary>Filter taps for output pixels [from, to) of a <paramref name="srcSize"/> → <paramref name="dstSize"/> resize.</summary>
    internal static Axis Weights(int srcSize, int dstSize, int from, int to)
    {
        var scale = (double)srcSize / dstSize;
        var stretch = Math.Max(1.0, scale);
        var support = 2.0 * stretch;
        var maxTaps = (int)Math.Ceiling(2 * support) + 2;
        var n = to - from;
        var start = new int[n];
        var count = new int[n];
        var weights = new float[n * maxTaps];
        var raw = new double[maxTaps];
        for (var i = 0; i < n; i++)
        {
            var centre = (from + i + 0.5) * scale; // in source coordinates, pixel k covers [k, k + 1)
            var left = (int)Math.Floor(centre - support);
            var right = (int)Math.Ceiling(centre + support);
            var lo = Math.Clamp(left, 0, srcSize - 1);
            var hi = Math.Clamp(right, 0, srcSize - 1);
            Array.Clear(raw);
            double total = 0;
            for (var k = left; k <= right; k++)
            {
                var weight = Mitchell((k + 0.5 - centre) / stretch);
                if (weight == 0) continue;
                raw[Math.Clamp(k, lo, hi) - lo] += weight; // edge pixels repeat
                total += weight;
            }
            // Trim zero weights at both ends so the inner loops do no useless work.
            var first = 0;
            var last = hi - lo;
            while (first < last && raw[first] == 0) first++;
            while (last > first && raw[last] == 0) last--;
            start[i] = lo + first;
            count[i] = last - first + 1;
            for (var k = first; k <= last; k++) weights[i * maxTaps + k - first] = (float)(raw[k] / total);
        }
        return new Axis { Start = start, Count = count, Weights = weights, MaxTaps = maxTaps };
    }

    /// <summary>Mitchell–Netravali cubic with B = C = 1/3, support 2.</summary>
    internal static double Mitchell(double x)
    {
        const double B = 1.0 / 3, C = 1.0 / 3;
        x = Math.Abs(x);
        if (x < 1) return ((12 - 9 * B - 6 * C) * x * x * x + (-18 + 12 * B + 6 * C) * x * x + (6 - 2 * B)) / 6;
        if (x < 2) return ((-B - 6 * C) * x * x * x + (6 * B + 30 * C) * x * x + (-12 * B - 48 * C) * x + (8 * B + 24 * C)) / 6;
        return 0;
    }
}
