using System.Globalization;
using System.Text;

namespace ImmersiveLab.Sql;

/// <summary>How the server turns an identifier token into a name.</summary>
internal static class SqlIdentifiers
{
    /// <summary>NAMEDATALEN - 1: longer names are cut (at a character boundary) to this many bytes.</summary>
    public const int MaxBytes = 63;

    /// <summary>A–Z to a–z only: in a UTF-8 database the server leaves other letters as written.</summary>
    public static string FoldAscii(ReadOnlySpan<char> word)
    {
        var chars = word.ToArray();
        for (var i = 0; i < chars.Length; i++)
            if (char.IsAsciiLetterUpper(chars[i])) chars[i] = (char)(chars[i] + 32);
        return new string(chars);
    }

    public static string Truncate(string name)
    {
        if (Encoding.UTF8.GetByteCount(name) <= MaxBytes) return name;
        var bytes = 0;
        var end = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > MaxBytes) break;
            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }
        return name[..end];
    }

    /// <summary>The name inside "…" (doubled quotes undone) or U&amp;"…" (also \XXXX, \+XXXXXX and \\ decoded).</summary>
    public static string Unquote(string text, SqlToken token)
    {
        var open = text.IndexOf('"', token.Start, token.Length);
        var end = token.Unterminated ? token.End : token.End - 1;
        var inner = text[(open + 1)..Math.Max(open + 1, end)].Replace("\"\"", "\"");
        return open > token.Start ? UnicodeEscapes(inner) : inner;
    }

    private static string UnicodeEscapes(string inner)
    {
        if (!inner.Contains('\\')) return inner;
        var sb = new StringBuilder(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] != '\\' || i + 1 >= inner.Length)
            {
                sb.Append(inner[i]);
                continue;
            }
            if (inner[i + 1] == '\\')
            {
                sb.Append('\\');
                i++;
            }
            else if (inner[i + 1] == '+' && TryHex(inner, i + 2, 6, out var big))
            {
                sb.Append(char.ConvertFromUtf32(big));
                i += 7;
            }
            else if (TryHex(inner, i + 1, 4, out var small))
            {
                sb.Append((char)small);
                i += 4;
            }
            else sb.Append('\\');
        }
        return sb.ToString();
    }

    private static bool TryHex(string s, int at, int digits, out int value)
    {
        value = 0;
        return at + digits <= s.Length
               && int.TryParse(s.AsSpan(at, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
               && value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF || digits == 4);
    }
}
