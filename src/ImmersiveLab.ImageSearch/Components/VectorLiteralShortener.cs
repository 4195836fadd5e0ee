using System.Text.RegularExpressions;

namespace ImmersiveLab.ImageSearch.Components;

/// <summary>Shows <c>'[0.1,0.2,…]'::vector(1280)</c> as its first values and a count, for reading; copying keeps it whole.</summary>
internal static partial class VectorLiteralShortener
{
    public static string Shorten(string sql, int keep = 4) => Literal().Replace(sql, m =>
    {
        var values = m.Groups["v"].Value.Split(',');
        if (values.Length <= keep * 2) return m.Value;
        return $"'[{string.Join(",", values.Take(keep))},… {values.Length - keep} more …]'::vector({m.Groups["n"].Value})";
    });

    [GeneratedRegex(@"'\[(?<v>[^\]']*)\]'::vector\((?<n>\d+)\)")]
    private static partial Regex Literal();
}
