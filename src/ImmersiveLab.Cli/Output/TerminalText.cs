using System.Globalization;
using System.Text;

namespace ImmersiveLab.Cli.Output;

/// <summary>
/// Makes learner data safe to print on a terminal: control characters (ESC and the rest of C0 but tab and newline, DEL,
/// the C1 range with its one-byte CSI) and the bidirectional overrides that reorder what a reader sees are written as
/// visible escapes (<c>\x1b</c>, <c>\u202e</c>), so a value can neither recolour, retitle nor rewrite the terminal.
/// </summary>
public static class TerminalText
{
    public static string Escape(string text)
    {
        var first = text.AsSpan().IndexOfAny(Unsafe);
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text.AsSpan(0, first));
        foreach (var c in text.AsSpan(first))
        {
            if (!Unsafe.Contains(c)) sb.Append(c);
            else if (c <= '\u00ff') sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            else sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }
        return sb.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n'))
            .Concat(Enumerable.Range(0x7f, 0x21)) // DEL and C1 (0x80-0x9f)
            .Concat([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069])
            .Select(c => (char)c).ToArray());
}
