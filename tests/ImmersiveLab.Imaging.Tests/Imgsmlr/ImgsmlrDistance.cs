namespace ImmersiveLab.Imaging.Tests.Imgsmlr;

/// <summary>The extension's <c>&lt;-&gt;</c> operators on pattern and on signature (both return float4), the reference the exactness tests hold the pipeline to.</summary>
public static class ImgsmlrDistance
{
    /// <summary>Weighted Haar distance: level weights 1, 2, 4, 8, 16, 32 on squared differences, 64 on the mean.</summary>
    public static float Pattern(ImgsmlrPattern a, ImgsmlrPattern b)
    {
        float dist = 0, m = 1;
        for (var n = 32; n >= 1; n /= 2)
        {
            dist += m * RegionSsd(a, b, n, 0, n);
            dist += m * RegionSsd(a, b, 0, n, n);
            dist += m * RegionSsd(a, b, n, n, n);
            m *= 2;
        }
        var delta = a[0, 0] - b[0, 0];
        dist += m * delta * delta;
        return (float)Math.Sqrt(dist);
    }

    public static float Signature(ImgsmlrSignature a, ImgsmlrSignature b)
    {
        var sum = 0f;
        for (var k = 0; k < ImgsmlrSignature.Length; k++)
        {
            var d = a.Values[k] - b.Values[k];
            sum += d * d;
        }
        return (float)Math.Sqrt(sum);
    }

    private static float RegionSsd(ImgsmlrPattern a, ImgsmlrPattern b, int x0, int y0, int n)
    {
        var sum = 0f;
        for (var i = x0; i < x0 + n; i++)
            for (var j = y0; j < y0 + n; j++)
            {
                var d = a[i, j] - b[i, j];
                sum += d * d;
            }
        return sum;
    }
}
