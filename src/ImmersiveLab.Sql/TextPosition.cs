using System.Text;

namespace ImmersiveLab.Sql;

/// <summary>Converts offsets in a cell to 1-based line and column, and PostgreSQL error positions to offsets.</summary>
public static class TextPosition
{
    public static (int Line, int Column) LineAndColumn(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        // Columns count characters as a reader sees them (a surrogate pair is one).
        var column = 1 + CountRunes(text, lineStart, offset);
        return (line, column);
    }

    /// <summary>
    /// PostgreSQL reports error positions as 1-based character (code point) indexes into the statement it
    /// received; .NET strings index UTF-16 units. Returns the 0-based UTF-16 offset within the statement.
    /// </summary>
    public static int OffsetOfServerPosition(string statement, int serverPosition)
    {
        var remaining = serverPosition - 1;
        var i = 0;
        while (remaining > 0 && i < statement.Length)
        {
            i += char.IsHighSurrogate(statement[i]) && i + 1 < statement.Length && char.IsLowSurrogate(statement[i + 1]) ? 2 : 1;
            remaining--;
        }
        return i;
    }

    private static int CountRunes(string text, int from, int to)
    {
        var n = 0;
        for (var i = from; i < to; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < to && char.IsLowSurrogate(text[i + 1])) i++;
            n++;
        }
        return n;
    }
}
