using System.Collections;
using System.Globalization;
using ImmersiveLab.Sandbox.Execution;
using Pgvector;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>Turns the values Npgsql returns for vector-like types into <see cref="VectorData"/>.</summary>
public static class VectorReader
{
    public static bool IsVectorType(ResultColumn column) => PgTypeName.Normalize(column.TypeName) switch
    {
        "vector" or "halfvec" or "sparsevec" or "bit" or "cube" or "real[]" => true,
        _ => false,
    };

    public static VectorData? TryRead(ResultColumn column, object? value) => value switch
    {
        Vector v => VectorData.FromDense(VectorKind.Vector, v.ToArray()),
        HalfVector h => VectorData.FromDense(VectorKind.HalfVec, Array.ConvertAll(h.ToArray(), x => (float)x)),
        SparseVector s => VectorData.FromSparse(s.Dimensions, s.Indices.ToArray(), s.Values.ToArray()),
        BitArray b => ReadBits(b),
        float[] f => VectorData.FromDense(VectorKind.RealArray, f),
        string s when PgTypeName.Normalize(column.TypeName) == "cube" => TryParseCube(s),
        _ => null,
    };

    private static VectorData ReadBits(BitArray bits)
    {
        var values = new float[bits.Length];
        for (var i = 0; i < bits.Length; i++) values[i] = bits[i] ? 1f : 0f;
        return VectorData.FromDense(VectorKind.Bit, values);
    }

    /// <summary>Parses cube's text form: "(1, 2, 3)" for a point, "(1, 2),(3, 4)" for a box.</summary>
    public static VectorData? TryParseCube(string text)
    {
        var corners = new List<float[]>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('(', i);
            if (open < 0) break;
            var close = text.IndexOf(')', open);
            if (close < 0) return null;
            var parts = text[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries);
            var corner = new float[parts.Length];
            for (var p = 0; p < parts.Length; p++)
                if (!float.TryParse(parts[p], NumberStyles.Float, CultureInfo.InvariantCulture, out corner[p])) return null;
            corners.Add(corner);
            i = close + 1;
        }
        return corners.Count switch
        {
            1 => VectorData.FromDense(VectorKind.Cube, corners[0]),
            2 when corners[0].Length == corners[1].Length => VectorData.FromDense(VectorKind.Cube, corners[0], corners[1]),
            _ => null,
        };
    }
}
