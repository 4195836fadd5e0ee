using System.Globalization;
using System.Text;

namespace ImmersiveLab.ImageSearch;

/// <summary>Values written into SQL text, so the SQL a search ran can be pasted into a cell as it is.</summary>
public static class SqlLiterals
{
    /// <summary>
    /// <c>'[v1,v2,…]'::vector(n)</c>. Each float is written in its shortest round-trip form, so pgvector (which stores
    /// float4) reads back exactly the same value. NaN and infinities are refused: pgvector rejects them too.
    /// </summary>
    public static string Vector(ReadOnlySpan<float> values)
    {
        var sb = new StringBuilder(values.Length * 11 + 24).Append("'[");
        for (var k = 0; k < values.Length; k++)
        {
            var v = values[k];
            if (!float.IsFinite(v)) throw new ArgumentException($"Value {k + 1} is {v}; a vector holds finite numbers only.", nameof(values));
            if (k > 0) sb.Append(',');
            sb.Append(v.ToString("R", CultureInfo.InvariantCulture));
        }
        return sb.Append("]'::vector(").Append(values.Length).Append(')').ToString();
    }

    /// <summary>A standard SQL string literal ('' doubles a quote).</summary>
    public static string Text(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>Text safe inside a <c>--</c> comment: one line, no control characters, not too long.</summary>
    public static string Comment(string value)
    {
        var clean = new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return clean.Length <= 80 ? clean : clean[..77] + "...";
    }
}
