using System.Text;

namespace ImmersiveLab.Labs;

/// <summary>
/// Reads a fenced block's info string: <c>kind flag key=value key="value with spaces"</c>.
/// Inside quotes, <c>\"</c> and <c>\\</c> stand for a quote and a backslash. Kinds and names are lower-cased.
/// </summary>
public static class FenceInfoParser
{
    public static FenceInfo Parse(string infoString, int line)
    {
        var options = new List<FenceOption>();
        var text = infoString.Trim();
        var position = 0;

        var kind = ReadWord(text, ref position).ToLowerInvariant();
        while (true)
        {
            SkipSpaces(text, ref position);
            if (position >= text.Length)
            {
                return new FenceInfo(kind, options, line);
            }

            var name = ReadName(text, ref position);
            if (name.Length == 0)
            {
                return new FenceInfo(kind, options, line,
                    $"unexpected '{text[position]}' at column {position + 1} of the info string \"{text}\"");
            }

            if (position >= text.Length || text[position] != '=')
            {
                options.Add(new FenceOption(name.ToLowerInvariant(), null));
                continue;
            }

            position++; // '='
            if (position < text.Length && text[position] == '"')
            {
                if (!TryReadQuoted(text, ref position, out var quoted))
                {
                    return new FenceInfo(kind, options, line, $"option '{name}' has an unclosed quote in \"{text}\"");
                }

                options.Add(new FenceOption(name.ToLowerInvariant(), quoted));
            }
            else
            {
                options.Add(new FenceOption(name.ToLowerInvariant(), ReadWord(text, ref position)));
            }
        }
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private static string ReadWord(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && !char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return text[start..position];
    }

    private static string ReadName(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '-' or '_'))
        {
            position++;
        }

        return text[start..position];
    }

    private static bool TryReadQuoted(string text, ref int position, out string value)
    {
        var builder = new StringBuilder();
        position++; // opening quote
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == '"')
            {
                value = builder.ToString();
                return true;
            }

            if (c == '\\' && position < text.Length && text[position] is '"' or '\\')
            {
                c = text[position++];
            }

            builder.Append(c);
        }

        value = builder.ToString();
        return false;
    }
}
