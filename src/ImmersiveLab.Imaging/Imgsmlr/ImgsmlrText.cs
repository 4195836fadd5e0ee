using System.Globalization;
using System.Text;

namespace ImmersiveLab.Imaging;

/// <summary>
/// The extension's text format: a signature prints as <c>(v, v, …)</c>, a pattern as 64 groups, one per image
/// column, <c>((col0…), (col1…), …)</c>. Values use C <c>%f</c>; input reads numbers with strtof semantics.
/// </summary>
public static class ImgsmlrText
{
    public static string Format(ImgsmlrSignature signature) => FormatGroup(new StringBuilder(), signature.Values, 0, ImgsmlrSignature.Length).ToString();

    public static string Format(ImgsmlrPattern pattern)
    {
        var sb = new StringBuilder(44_000).Append('(');
        for (var i = 0; i < ImgsmlrPattern.Size; i++)
        {
            if (i > 0) sb.Append(", ");
            FormatGroup(sb, pattern.Values, i * ImgsmlrPattern.Size, ImgsmlrPattern.Size);
        }
        return sb.Append(')').ToString();
    }

    /// <summary>C's <c>printf("%f", (double)v)</c>: six decimals, correctly rounded, <c>-0.000000</c> kept.</summary>
    public static string FormatValue(float v)
    {
        if (float.IsNaN(v)) return "NaN";
        if (float.IsPositiveInfinity(v)) return "Infinity";
        if (float.IsNegativeInfinity(v)) return "-Infinity";
        return ((double)v).ToString("F6", CultureInfo.InvariantCulture);
    }

    public static ImgsmlrSignature ParseSignature(string text) => new(ParseNumbers(text, ImgsmlrSignature.Length, "signature"));

    public static ImgsmlrPattern ParsePattern(string text) => new(ParseNumbers(text, ImgsmlrPattern.Length, "pattern"));

    private static StringBuilder FormatGroup(StringBuilder sb, float[] values, int start, int count)
    {
        sb.Append('(');
        for (var k = 0; k < count; k++)
        {
            if (k > 0) sb.Append(", ");
            sb.Append(FormatValue(values[start + k]));
        }
        return sb.Append(')');
    }

    /// <summary>
    /// Reads exactly <paramref name="count"/> numbers; before each one skips ' ', '(', ')' and ','. Anything
    /// else that is not a strtof number is a syntax error; text after the last needed number is ignored.
    /// </summary>
    private static float[] ParseNumbers(string text, int count, string typeName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new float[count];
        var pos = 0;
        for (var k = 0; k < count; k++)
        {
            while (pos < text.Length && text[pos] is ' ' or '(' or ')' or ',') pos++;
            if (!StrtofParser.TryParse(text, ref pos, out values[k]))
                throw new FormatException($"invalid input syntax for type {typeName}: \"{Abbreviate(text)}\" (expected {count} numbers, value {k + 1} is missing or malformed)");
        }
        return values;
    }

    private static string Abbreviate(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
