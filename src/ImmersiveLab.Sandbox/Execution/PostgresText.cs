using System.Collections;
using System.Globalization;
using System.Text;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// A value as PostgreSQL's own text output writes it (what psql shows, with the server's default settings): the one
/// text form the result view copies and exports and the checker compares. The runner reads most types as that text
/// already (numeric, dates, arrays, json…); the ones it reads in binary are written here the way the server would:
/// t/f, integers, floats shortest-exact (1e+20, NaN, -Infinity), uuid, \x… for bytea, [1,2.5] for vectors.
/// Returns null for SQL NULL.
/// </summary>
public static class PostgresText
{
    public static string? Format(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b ? "t" : "f",
        float f => Float4(f),
        double d => Float8(d),
        byte[] bytes => Bytea(bytes),
        Guid g => g.ToString("D"),
        Pgvector.Vector v => Vector(v.ToArray()),
        Pgvector.HalfVector h => Vector(Array.ConvertAll(h.ToArray(), x => (float)x)),
        Pgvector.SparseVector s => SparseVector(s),
        BitArray bits => Bits(bits),
        // Only a prefix of the value is known: the text of what is known.
        TruncatedValue t => t.TextPrefix ?? (t.BytesPrefix is { } p ? Bytea(p) : ""),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>bytea in the server's default hex output: \x and two lower-case digits a byte.</summary>
    public static string Bytea(ReadOnlySpan<byte> bytes) => "\\x" + Convert.ToHexStringLower(bytes);

    /// <summary>real: the shortest digits that read back exactly, in exponent form from 1e+06 up and below 1e-04.</summary>
    public static string Float4(float f) =>
        float.IsNaN(f) ? "NaN" : float.IsInfinity(f) ? (f > 0 ? "Infinity" : "-Infinity")
        : Shortest(f.ToString("R", CultureInfo.InvariantCulture), fixedBelowExponent: 6);

    /// <summary>double precision: as <see cref="Float4"/>, in exponent form from 1e+15 up.</summary>
    public static string Float8(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity")
        : Shortest(d.ToString("R", CultureInfo.InvariantCulture), fixedBelowExponent: 15);

    /// <summary>
    /// Rewrites .NET's shortest round-trip text (the same digits as the server's Ryu output) in the server's layout:
    /// fixed notation for decimal exponents from -4 to <paramref name="fixedBelowExponent"/> - 1, else d.ddde±XX.
    /// </summary>
    private static string Shortest(string roundTrip, int fixedBelowExponent)
    {
        var negative = roundTrip.StartsWith('-');
        var body = negative ? roundTrip[1..] : roundTrip;
        var e = body.IndexOfAny(['E', 'e']);
        var exponent = e < 0 ? 0 : int.Parse(body[(e + 1)..], CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? body : body[..e];
        var dot = mantissa.IndexOf('.');
        var whole = dot < 0 ? mantissa : mantissa[..dot];
        var fraction = dot < 0 ? "" : mantissa[(dot + 1)..];
        var allDigits = (whole + fraction).TrimStart('0');
        if (allDigits.Length == 0) return negative ? "-0" : "0";
        // value = 0.(whole fraction) × 10^(whole.Length + exponent); point after the first significant digit:
        var leadingZeros = (whole + fraction).Length - allDigits.Length;
        var pointExponent = whole.Length - leadingZeros - 1 + exponent;
        var digits = allDigits.TrimEnd('0');

        var sb = new StringBuilder(negative ? "-" : "");
        if (pointExponent >= -4 && pointExponent < fixedBelowExponent)
        {
            if (pointExponent < 0) sb.Append("0.").Append('0', -pointExponent - 1).Append(digits);
            else if (digits.Length <= pointExponent + 1) sb.Append(digits).Append('0', pointExponent + 1 - digits.Length);
            else sb.Append(digits, 0, pointExponent + 1).Append('.').Append(digits, pointExponent + 1, digits.Length - pointExponent - 1);
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append(pointExponent < 0 ? "e-" : "e+").Append(Math.Abs(pointExponent).ToString("00", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string Vector(float[] values)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Float4(values[i]));
        }
        return sb.Append(']').ToString();
    }

    /// <summary>{index:value,…}/dimensions, indexes from 1.</summary>
    private static string SparseVector(Pgvector.SparseVector s)
    {
        var indices = s.Indices.ToArray();
        var values = s.Values.ToArray();
        var sb = new StringBuilder("{");
        for (var i = 0; i < indices.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append((indices[i] + 1).ToString(CultureInfo.InvariantCulture)).Append(':').Append(Float4(values[i]));
        }
        return sb.Append("}/").Append(s.Dimensions.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static string Bits(BitArray bits)
    {
        var chars = new char[bits.Length];
        for (var i = 0; i < bits.Length; i++) chars[i] = bits[i] ? '1' : '0';
        return new string(chars);
    }
}
