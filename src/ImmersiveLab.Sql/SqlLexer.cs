namespace ImmersiveLab.SqlAssist.Parsing;

/// <summary>
/// Splits SQL into tokens the way PostgreSQL's lexer does, as far as the editor needs: identifiers and keywords,
/// quoted identifiers, strings (with E'', U&amp;'', B'' and X'' prefixes and dollar quotes), numbers, operators, $1
/// parameters, :: casts and comments (-- and nested /* */). Never fails: unterminated quotes and comments run to the end.
/// </summary>
public static class SqlLexer
{
    private const string OperatorChars = "+-*/<>=~!@#%^&|`?";

    public static List<SqlToken> Tokenize(string text)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            SqlToken token;
            if (c == '-' && next == '-')
            {
                var nl = text.IndexOf('\n', i);
                token = new SqlToken(SqlTokenKind.Comment, start, nl < 0 ? text.Length : nl, Unterminated: nl < 0);
            }
            else if (c == '/' && next == '*') token = BlockComment(text, start);
            else if (c == '\'') token = Quoted(text, start, start, '\'', SqlTokenKind.String, backslashEscapes: false);
            else if (c == '"') token = Quoted(text, start, start, '"', SqlTokenKind.QuotedIdentifier, backslashEscapes: false);
            else if (c is 'e' or 'E' && next == '\'') token = Quoted(text, start, start + 1, '\'', SqlTokenKind.String, backslashEscapes: true);
            else if (c is 'b' or 'B' or 'x' or 'X' or 'n' or 'N' && next == '\'') token = Quoted(text, start, start + 1, '\'', SqlTokenKind.String, false);
            else if (c is 'u' or 'U' && next == '&' && i + 2 < text.Length && text[i + 2] is '\'' or '"')
                token = Quoted(text, start, start + 2, text[i + 2], text[i + 2] == '"' ? SqlTokenKind.QuotedIdentifier : SqlTokenKind.String, false);
            else if (c == '$' && char.IsAsciiDigit(next))
            {
                var end = i + 1;
                while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
                token = new SqlToken(SqlTokenKind.Parameter, start, end);
            }
            else if (c == '$' && DollarTag(text, i) is { } tag)
            {
                var close = text.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                token = close < 0
                    ? new SqlToken(SqlTokenKind.String, start, text.Length, Unterminated: true)
                    : new SqlToken(SqlTokenKind.String, start, close + tag.Length);
            }
            else if (IsIdentStart(c))
            {
                var end = i + 1;
                while (end < text.Length && IsIdentPart(text[end])) end++;
                token = new SqlToken(SqlTokenKind.Word, start, end);
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next))) token = Number(text, start);
            else if (c == ':' && next == ':') token = new SqlToken(SqlTokenKind.Cast, start, start + 2);
            else if (OperatorChars.Contains(c)) token = Operator(text, start);
            else
            {
                var kind = c switch
                {
                    '.' => SqlTokenKind.Dot,
                    ',' => SqlTokenKind.Comma,
                    '(' => SqlTokenKind.OpenParen,
                    ')' => SqlTokenKind.CloseParen,
                    '[' => SqlTokenKind.OpenBracket,
                    ']' => SqlTokenKind.CloseBracket,
                    ';' => SqlTokenKind.Semicolon,
                    _ => SqlTokenKind.Other,
                };
                token = new SqlToken(kind, start, start + 1);
            }
            tokens.Add(token);
            i = token.End;
        }
        return tokens;
    }

    /// <summary>The identifier a token names: a word folded to lower case, a quoted identifier as written.</summary>
    public static string IdentifierValue(string text, SqlToken token) => token.Kind switch
    {
        SqlTokenKind.Word => text[token.Start..token.End].ToLowerInvariant(),
        SqlTokenKind.QuotedIdentifier => Unquote(text, token),
        _ => text[token.Start..token.End],
    };

    private static string Unquote(string text, SqlToken token)
    {
        var open = text.IndexOf('"', token.Start, token.Length);
        var inner = text[(open + 1)..token.End];
        if (!token.Unterminated && inner.EndsWith('"')) inner = inner[..^1];
        return inner.Replace("\"\"", "\"");
    }

    private static SqlToken BlockComment(string text, int start)
    {
        var depth = 0;
        var i = start;
        while (i < text.Length)
        {
            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/')
            {
                depth--;
                i += 2;
                if (depth == 0) return new SqlToken(SqlTokenKind.Comment, start, i);
            }
            else i++;
        }
        return new SqlToken(SqlTokenKind.Comment, start, text.Length, Unterminated: true);
    }

    private static SqlToken Quoted(string text, int start, int quoteAt, char quote, SqlTokenKind kind, bool backslashEscapes)
    {
        var i = quoteAt + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (backslashEscapes && c == '\\')
            {
                i += 2;
                continue;
            }
            if (c == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }
                return new SqlToken(kind, start, i + 1);
            }
            i++;
        }
        return new SqlToken(kind, start, text.Length, Unterminated: true);
    }

    private static SqlToken Number(string text, int start)
    {
        var i = start;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '_')) i++;
        // 1..10 is not a number with two points; "1." is.
        if (i < text.Length && text[i] == '.' && !(i + 1 < text.Length && text[i + 1] == '.'))
        {
            i++;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '_')) i++;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-') j++;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            }
        }
        return new SqlToken(SqlTokenKind.Number, start, i);
    }

    private static SqlToken Operator(string text, int start)
    {
        var i = start;
        while (i < text.Length && OperatorChars.Contains(text[i]))
        {
            // A comment starts inside what looks like an operator: the operator ends there.
            if (i > start && ((text[i] == '-' && i + 1 < text.Length && text[i + 1] == '-') ||
                              (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*'))) break;
            i++;
        }
        // PostgreSQL: a multi-character operator does not end in + or - unless it holds one of ~ ! @ # % ^ & | ` ?
        // ("=-1" is = and -1).
        var op = text.AsSpan(start, i - start);
        if (op.Length > 1 && op.IndexOfAny("~!@#%^&|`?") < 0)
            while (i - start > 1 && text[i - 1] is '+' or '-') i--;
        return new SqlToken(SqlTokenKind.Operator, start, i);
    }

    private static string? DollarTag(string text, int at)
    {
        var i = at + 1;
        if (i < text.Length && text[i] == '$') return "$$";
        if (i >= text.Length || !IsIdentStart(text[i])) return null;
        while (i < text.Length && IsIdentPart(text[i]) && text[i] != '$') i++;
        return i < text.Length && text[i] == '$' ? text[at..(i + 1)] : null;
    }

    public static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_' || c > '\u007f';

    public static bool IsIdentPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' || c > '\u007f';
}
