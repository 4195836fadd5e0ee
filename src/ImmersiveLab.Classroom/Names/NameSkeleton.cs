using System.Globalization;
using System.Text;

namespace ImmersiveLab.Classroom;

/// <summary>
/// What a name looks like, for flagging look-alikes (a simplified UTS #39 skeleton): compatibility forms folded
/// (full-width, mathematical letters), accents dropped, letters of Cyrillic and Greek that look like Latin ones mapped
/// to them, as are I/l/1/| and 0/O, then lower case without spaces or punctuation. Two names with one skeleton look
/// alike to a reader of the dashboard; the skeleton is never shown and never stored.
/// </summary>
public static class NameSkeleton
{
    // Before lower-casing: capitals that look like another letter (Cyrillic/Greek capitals, capital I as l).
    private static readonly Dictionary<char, char> Capitals = new()
    {
        ['I'] = 'l', ['1'] = 'l', ['|'] = 'l', ['0'] = 'o',
        ['А'] = 'a', ['В'] = 'b', ['Е'] = 'e', ['К'] = 'k', ['М'] = 'm', ['Н'] = 'h', ['О'] = 'o', ['Р'] = 'p', ['С'] = 'c',
        ['Т'] = 't', ['Х'] = 'x', ['У'] = 'y', ['Ү'] = 'y', ['І'] = 'l', ['Ј'] = 'j', ['Ѕ'] = 's', ['Ԛ'] = 'q', ['Ԝ'] = 'w',
        ['Α'] = 'a', ['Β'] = 'b', ['Ε'] = 'e', ['Ζ'] = 'z', ['Η'] = 'h', ['Ι'] = 'l', ['Κ'] = 'k', ['Μ'] = 'm', ['Ν'] = 'n',
        ['Ο'] = 'o', ['Ρ'] = 'p', ['Τ'] = 't', ['Υ'] = 'y', ['Χ'] = 'x',
    };

    // After lower-casing: small letters of other scripts that look like Latin ones.
    private static readonly Dictionary<char, char> Smalls = new()
    {
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j',
        ['ѕ'] = 's', ['ԁ'] = 'd', ['ԛ'] = 'q', ['ԝ'] = 'w', ['һ'] = 'h', ['ӏ'] = 'l',
        ['ο'] = 'o', ['α'] = 'a', ['ν'] = 'v', ['ρ'] = 'p', ['ι'] = 'i', ['κ'] = 'k', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x',
        ['ı'] = 'i',
    };

    private static readonly (string From, string To)[] Pairs = [("rn", "m"), ("vv", "w")];

    public static string Of(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormKD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator or UnicodeCategory.DashPunctuation or UnicodeCategory.ConnectorPunctuation
                || char.IsWhiteSpace(c) || c is '.' or '\'' or '’' or '·')
                continue;
            var mapped = Capitals.GetValueOrDefault(c, c);
            mapped = char.ToLowerInvariant(mapped);
            sb.Append(Smalls.GetValueOrDefault(mapped, mapped));
        }
        var skeleton = sb.ToString();
        foreach (var (from, to) in Pairs) skeleton = skeleton.Replace(from, to, StringComparison.Ordinal);
        return skeleton;
    }
}
