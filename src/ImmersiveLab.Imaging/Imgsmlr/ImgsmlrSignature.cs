namespace ImmersiveLab.Imaging;

/// <summary>imgsmlr's 16-number signature (15 Haar region norms and the image mean).</summary>
public sealed class ImgsmlrSignature
{
    public const int Length = 16;

    public ImgsmlrSignature(float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Length)
            throw new ArgumentException($"A signature has {Length} values, got {values.Length}.", nameof(values));
        Values = values;
    }

    public float[] Values { get; }

    /// <summary>
    /// pattern2signature: for levels n = 16, 8, 4, 2, 1 (weights m = 1, 2, 4, 8, 16) the norms of the
    /// H, V and D regions, then the mean P[0][0]. The finest level (n = 32) is not used.
    /// </summary>
    public static ImgsmlrSignature FromPattern(ImgsmlrPattern pattern)
    {
        var sig = new float[Length];
        var k = 0;
        for (int n = 16, m = 1; n >= 1; n >>= 1, m <<= 1)
        {
            sig[k++] = m * RegionNorm(pattern, n, 0, n);
            sig[k++] = m * RegionNorm(pattern, 0, n, n);
            sig[k++] = m * RegionNorm(pattern, n, n, n);
        }
        sig[15] = pattern[0, 0];
        return new ImgsmlrSignature(sig);
    }

    private static float RegionNorm(ImgsmlrPattern p, int x0, int y0, int n)
    {
        var sum = 0f;
        for (var i = x0; i < x0 + n; i++)
            for (var j = y0; j < y0 + n; j++)
            {
                var v = p[i, j];
                sum += v * v;
            }
        return (float)Math.Sqrt(sum);
    }
}
