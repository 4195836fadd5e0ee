using System.Globalization;
using System.Text;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>
/// A vector-like value normalised for display: dense values, or the non-zero entries of a sparse vector
/// (never densified here: a sparsevec may have 100 000 dimensions and a grid has up to 1000 rows).
/// A cube box keeps its upper corner in <see cref="Upper"/>.
/// </summary>
public sealed class VectorData
{
    private VectorData(VectorKind kind, int dimensions, float[]? dense, int[]? sparseIndices, float[]? sparseValues, float[]? upper)
    {
        Kind = kind;
        Dimensions = dimensions;
        Dense = dense;
        SparseIndices = sparseIndices;
        SparseValues = sparseValues;
        Upper = upper;
    }

    public VectorKind Kind { get; }
    public int Dimensions { get; }
    public float[]? Dense { get; }
    public int[]? SparseIndices { get; }
    public float[]? SparseValues { get; }
    /// <summary>The upper corner of a cube that is a box rather than a point.</summary>
    public float[]? Upper { get; }
    public bool IsSparse => SparseIndices is not null;
    public int NonZeroCount => IsSparse ? SparseIndices!.Length : Dense!.Count(v => v != 0);

    public static VectorData FromDense(VectorKind kind, float[] values, float[]? upper = null) =>
        new(kind, values.Length, values, null, null, upper);

    public static VectorData FromSparse(int dimensions, int[] indices, float[] values)
    {
        if (indices.Length != values.Length) throw new ArgumentException("indices and values differ in length");
        return new(VectorKind.SparseVec, dimensions, null, indices, values, null);
    }

    /// <summary>The value at a 0-based position.</summary>
    public float this[int index]
    {
        get
        {
            if (Dense is not null) return Dense[index];
            var at = Array.BinarySearch(SparseIndices!, index);
            return at >= 0 ? SparseValues![at] : 0f;
        }
    }

    /// <summary>A short preview: the first values (or the first non-zero entries of a sparse vector).</summary>
    public string Preview(int count)
    {
        var sb = new StringBuilder();
        if (IsSparse)
        {
            sb.Append('{');
            var n = Math.Min(count, SparseIndices!.Length);
            for (var i = 0; i < n; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(SparseIndices[i] + 1).Append(':').Append(Number(SparseValues![i]));
            }
            if (SparseIndices.Length > n) sb.Append(", …");
            return sb.Append("}/").Append(Dimensions).ToString();
        }
        if (Kind == VectorKind.Bit)
        {
            foreach (var v in Dense!.Take(Math.Max(count, 32))) sb.Append(v != 0 ? '1' : '0');
            if (Dense!.Length > Math.Max(count, 32)) sb.Append('…');
            return sb.ToString();
        }
        sb.Append(Kind == VectorKind.Cube ? '(' : '[');
        var m = Math.Min(count, Dense!.Length);
        for (var i = 0; i < m; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(Number(Dense[i]));
        }
        if (Dense.Length > m) sb.Append(", …");
        sb.Append(Kind == VectorKind.Cube ? ')' : ']');
        if (Upper is not null) sb.Append(" – box");
        return sb.ToString();
    }

    /// <summary>All values as text, one "index: value" line each (1-based, as PostgreSQL counts dimensions).</summary>
    public string FullText()
    {
        var sb = new StringBuilder();
        if (IsSparse)
        {
            for (var i = 0; i < SparseIndices!.Length; i++)
                sb.Append(SparseIndices[i] + 1).Append(": ").Append(Number(SparseValues![i])).Append('\n');
            return sb.ToString();
        }
        for (var i = 0; i < Dense!.Length; i++)
        {
            sb.Append(i + 1).Append(": ").Append(Number(Dense[i]));
            if (Upper is not null) sb.Append(" … ").Append(Number(Upper[i]));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Summarises the whole vector into at most <paramref name="maxBuckets"/> buckets: each bucket keeps the value of
    /// largest magnitude among its dimensions (so a single spike stays visible), signed.
    /// </summary>
    public float[] Buckets(int maxBuckets)
    {
        if (Dimensions == 0 || maxBuckets <= 0) return [];
        var count = Math.Min(maxBuckets, Dimensions);
        var buckets = new float[count];
        if (IsSparse)
        {
            for (var i = 0; i < SparseIndices!.Length; i++)
                Keep(ref buckets[BucketOf(SparseIndices[i], count)], SparseValues![i]);
            return buckets;
        }
        for (var i = 0; i < Dense!.Length; i++) Keep(ref buckets[BucketOf(i, count)], Dense[i]);
        return buckets;
    }

    private int BucketOf(int index, int count) => (int)((long)index * count / Dimensions);

    private static void Keep(ref float bucket, float value)
    {
        if (float.IsNaN(value)) return;
        if (Math.Abs(value) > Math.Abs(bucket)) bucket = value;
    }

    internal static string Number(float v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
