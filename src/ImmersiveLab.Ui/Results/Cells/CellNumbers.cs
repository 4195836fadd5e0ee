using System.Collections;
using System.Globalization;
using System.Numerics;
using Vector = Pgvector.Vector;
using System.Text;
using ImmersiveLab.Sandbox.Execution;
using Pgvector;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>
/// The text of a value as PostgreSQL would print it (psql-like, culture-invariant): used for copying, sorting
/// text and exporting. Returns null for SQL NULL.
/// </summary>
public static class CellValueFormatter
{
    public static string? Format(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b ? "true" : "false",
        byte[] bytes => Hex(bytes),
        float f => Float(f),
        double d => Double(d),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        BigInteger bi => bi.ToString(CultureInfo.InvariantCulture),
        Half h => ((float)h).ToString(CultureInfo.InvariantCulture),
        DateTime dt => dt.TimeOfDay == TimeSpan.Zero && dt.Kind == DateTimeKind.Unspecified
            ? dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : dt.ToString(dt.Kind == DateTimeKind.Utc ? "yyyy-MM-dd HH:mm:ss.FFFFFF'+00'" : "yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        TimeSpan ts => ts.ToString("c", CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        Vector v => v.ToString(),
        HalfVector h => h.ToString(),
        SparseVector s => s.ToString(),
        BitArray bits => Bits(bits),
        TruncatedValue t => t.TextPrefix ?? (t.BytesPrefix is { } p ? Hex(p) : ""),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        Array a => ArrayLiteral(a),
        _ => value.ToString(),
    };

    public static bool IsNumeric(object? value) => value is sbyte or byte or short or ushort or int or uint or long or ulong
        or float or double or decimal or BigInteger or Half;

    public static double? ToDouble(object? value) => value switch
    {
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        Half h => (double)h,
        BigInteger b => (double)b,
        _ => null,
    };

    public static string Hex(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(2 + bytes.Length * 2);
        sb.Append("\\x");
        sb.Append(Convert.ToHexStringLower(bytes));
        return sb.ToString();
    }

    private static string Float(float f) => float.IsPositiveInfinity(f) ? "Infinity" : float.IsNegativeInfinity(f) ? "-Infinity" : f.ToString(CultureInfo.InvariantCulture);
    private static string Double(double d) => double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : d.ToString(CultureInfo.InvariantCulture);

    private static string Bits(BitArray bits)
    {
        var chars = new char[bits.Length];
        for (var i = 0; i < bits.Length; i++) chars[i] = bits[i] ? '1' : '0';
        return new string(chars);
    }

    /// <summary>PostgreSQL's array literal: {1,2,"a b",NULL}.</summary>
    private static string ArrayLiteral(Array array)
    {
        var sb = new StringBuilder("{");
        var first = true;
        foreach (var item in array)
        {
            if (!first) sb.Append(',');
            first = false;
            var text = Format(item);
            if (text is null) sb.Append("NULL");
            else if (item is string && (text.Length == 0 || text.IndexOfAny([',', '{', '}', '"', '\\', ' ']) >= 0 || text.Equals("NULL", StringComparison.OrdinalIgnoreCase)))
                sb.Append('"').Append(text.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
            else sb.Append(text);
        }
        return sb.Append('}').ToString();
    }
}
