namespace ImmersiveLab.Sql;

/// <summary>How a single-quoted string reads its body.</summary>
internal enum StringStyle
{
    /// <summary>'…', U&amp;'…' (and N'…' with standard_conforming_strings on): '' is a quote, a backslash is a backslash.</summary>
    Standard,
    /// <summary>E'…' (and '…' with standard_conforming_strings off): a backslash escapes the next character.</summary>
    Escape,
    /// <summary>B'…' and X'…': the first quote ends the string ('' is not a quote).</summary>
    Bits,
}

/// <summary>The literals and comments of <see cref="SqlLexer"/>: strings, quoted identifiers, numbers, parameters, block comments.</summary>
internal static class SqlLiterals
{
    public static SqlToken String(string text, int start, int quoteAt, StringStyle style)
    {
        var i = quoteAt + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (style == StringStyle.Escape && c == '\\')
            {
                i += 2;
                continue;
            }
            if (c != '\'')
            {
                i++;
                continue;
            }
            if (style != StringStyle.Bits && SqlLexer.CharAt(text, i + 1) == '\'')
            {
                i += 2;
                continue;
            }
            i++;
            // 'a'<newline>'b' is the one string 'ab': the body goes on after the next quote.
            if (Continuation(text, i) is not { } quote) return new SqlToken(SqlTokenKind.String, start, i);
            i = quote + 1;
        }
        return new SqlToken(SqlTokenKind.String, start, text.Length, Unterminated: true);
    }

    /// <summary>
    /// scan.l's quotecontinue: spaces, tabs, form feeds and -- comments, a newline, then any whitespace and
    /// comments that end in a newline, then a quote. Returns where that quote is.
    /// </summary>
    private static int? Continuation(string text, int i)
    {
        while (i < text.Length)
        {
            if (text[i] is ' ' or '\t' or '\f') i++;
            else if (text[i] == '-' && SqlLexer.CharAt(text, i + 1) == '-') i = SqlLexer.LineEnd(text, i);
            else break;
        }
        if (i >= text.Length || text[i] is not ('\n' or '\r')) return null;
        i++;
        while (i < text.Length)
        {
            if (SqlLexer.IsSpace(text[i])) i++;
            else if (text[i] == '-' && SqlLexer.CharAt(text, i + 1) == '-')
            {
                var end = SqlLexer.LineEnd(text, i);
                if (end >= text.Length) return null; // a comment must end in a newline here
                i = end + 1;
            }
            else break;
        }
        return i < text.Length && text[i] == '\'' ? i : null;
    }

    public static SqlToken QuotedIdentifier(string text, int start, int quoteAt)
    {
        var i = quoteAt + 1;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                if (SqlLexer.CharAt(text, i + 1) != '"') return new SqlToken(SqlTokenKind.QuotedIdentifier, start, i + 1);
                i += 2;
                continue;
            }
            i++;
        }
        return new SqlToken(SqlTokenKind.QuotedIdentifier, start, text.Length, Unterminated: true);
    }

    public static SqlToken BlockComment(string text, int start)
    {
        var depth = 0;
        var i = start;
        while (i < text.Length)
        {
            if (text[i] == '/' && SqlLexer.CharAt(text, i + 1) == '*')
            {
                depth++;
                i += 2;
            }
            else if (text[i] == '*' && SqlLexer.CharAt(text, i + 1) == '/')
            {
                i += 2;
                if (--depth == 0) return new SqlToken(SqlTokenKind.Comment, start, i);
            }
            else i++;
        }
        return new SqlToken(SqlTokenKind.Comment, start, text.Length, Unterminated: true);
    }

    /// <summary>$$ or $tag$ at <paramref name="at"/>, where tag starts with a letter or _ and holds no $; else null.</summary>
    public static string? DollarTag(string text, int at)
    {
        var i = at + 1;
        if (SqlLexer.CharAt(text, i) == '$') return "$$";
        if (i >= text.Length || !SqlLexer.IsIdentStart(text[i])) return null;
        while (i < text.Length && (SqlLexer.IsIdentStart(text[i]) || char.IsAsciiDigit(text[i]))) i++;
        return SqlLexer.CharAt(text, i) == '$' ? text[at..(i + 1)] : null;
    }

    public static SqlToken DollarQuoted(string text, int start, string tag)
    {
        var close = text.IndexOf(tag, start + tag.Length, StringComparison.Ordinal);
        return close < 0
            ? new SqlToken(SqlTokenKind.String, start, text.Length, Unterminated: true)
            : new SqlToken(SqlTokenKind.String, start, close + tag.Length);
    }

    /// <summary>$ and digits; letters right after them make it trailing junk ($1abc).</summary>
    public static SqlToken Parameter(string text, int start)
    {
        var i = start + 1;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        return WithJunk(SqlTokenKind.Parameter, text, start, i);
    }

    /// <summary>
    /// 1, 1.5, .5, 1., 1e8, 1.5E-3; "1..2" is 1 then "..". An exponent without digits (1e, 1e+) or letters right
    /// after the number (0x1F, 1_000, 12abc) make the token trailing junk, as in PostgreSQL 15.
    /// </summary>
    public static SqlToken Number(string text, int start)
    {
        var i = SkipDigits(text, start);
        if (SqlLexer.CharAt(text, i) == '.')
        {
            if (i > start && SqlLexer.CharAt(text, i + 1) == '.') return new SqlToken(SqlTokenKind.Number, start, i);
            i = SkipDigits(text, i + 1);
        }
        if (SqlLexer.CharAt(text, i) is 'e' or 'E')
        {
            var k = i + 1;
            if (char.IsAsciiDigit(SqlLexer.CharAt(text, k))) i = SkipDigits(text, k);
            else if (SqlLexer.CharAt(text, k) is '+' or '-')
            {
                if (!char.IsAsciiDigit(SqlLexer.CharAt(text, k + 1)))
                    return new SqlToken(SqlTokenKind.Number, start, k + 1, TrailingJunk: true);
                i = SkipDigits(text, k + 1);
            }
        }
        return WithJunk(SqlTokenKind.Number, text, start, i);
    }

    private static SqlToken WithJunk(SqlTokenKind kind, string text, int start, int end)
    {
        if (end >= text.Length || !SqlLexer.IsIdentStart(text[end])) return new SqlToken(kind, start, end);
        return new SqlToken(kind, start, SqlLexer.SkipIdentifier(text, end + 1), TrailingJunk: true);
    }

    private static int SkipDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        return i;
    }
}
