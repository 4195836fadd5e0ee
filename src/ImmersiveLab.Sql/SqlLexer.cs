namespace ImmersiveLab.Sql;

/// <summary>
/// PostgreSQL 15's lexical rules (src/backend/parser/scan.l), for the runner, the editor's assist and the result
/// view alike. Every character belongs to exactly one token, whitespace and comments included, so the texts of
/// <see cref="Scan"/>'s tokens put together give back the input. It never fails: what the server would reject
/// (an unterminated quote, trailing junk after a number) is still one token, flagged.
/// </summary>
/// <remarks>
/// What PostgreSQL does and this follows: whitespace is only space, tab, newline, carriage return and form feed;
/// every non-ASCII character is an identifier character; -- comments end at a newline or carriage return, /* */
/// comments nest; '…' strings have no backslash escapes while standard_conforming_strings is on (the default),
/// E'…' strings always do; two quoted strings separated by whitespace with a newline are one string; B'…' and
/// X'…' end at the first quote; $tag$ … $tag$ quotes (the tag has no $ and starts with a letter or _); $1 is a
/// parameter and "$a" a lone $; numbers are 1, 1.5, .5, 1., 1e8, 1.5e-3, and a number running into letters
/// (0x1F, 1_000, 1e) is one rejected token, as in PostgreSQL 15 (hex and underscores came in 16); an operator is a
/// run of + - * / &lt; &gt; = ~ ! @ # % ^ &amp; | ` ? that stops before -- or /* and loses trailing + and - unless
/// it holds one of ~ ! @ # % ^ &amp; | ` ? (so "=-1" is = and -1, and &lt;-&gt; is one operator). psql's :name
/// variables mean nothing to the server: ':' and a word.
/// </remarks>
public static class SqlLexer
{
    /// <summary>Every token of <paramref name="text"/>, whitespace and comments included, in order and without gaps.</summary>
    /// <param name="standardConformingStrings">The session's standard_conforming_strings: when off, '…' strings take backslash escapes.</param>
    public static IEnumerable<SqlToken> Scan(string text, bool standardConformingStrings = true)
    {
        for (var i = 0; i < text.Length;)
        {
            var token = Next(text, i, standardConformingStrings);
            yield return token;
            i = token.End;
        }
    }

    /// <summary>The tokens of <paramref name="text"/> without whitespace (comments kept).</summary>
    public static List<SqlToken> Tokenize(string text, bool standardConformingStrings = true)
    {
        var tokens = new List<SqlToken>();
        foreach (var token in Scan(text, standardConformingStrings))
            if (token.Kind != SqlTokenKind.Whitespace) tokens.Add(token);
        return tokens;
    }

    /// <summary>The tokens the server parses: no whitespace, no comments.</summary>
    public static List<SqlToken> Significant(string text, bool standardConformingStrings = true)
    {
        var tokens = new List<SqlToken>();
        foreach (var token in Scan(text, standardConformingStrings))
            if (!token.IsTrivia) tokens.Add(token);
        return tokens;
    }

    /// <summary>The token that starts at <paramref name="at"/>.</summary>
    public static SqlToken Next(string text, int at, bool standardConformingStrings = true)
    {
        var c = text[at];
        var next = CharAt(text, at + 1);
        if (IsSpace(c)) return new SqlToken(SqlTokenKind.Whitespace, at, SkipSpaces(text, at));
        if (c == '-' && next == '-') return new SqlToken(SqlTokenKind.Comment, at, LineEnd(text, at));
        if (c == '/' && next == '*') return SqlLiterals.BlockComment(text, at);
        if (c == '\'') return SqlLiterals.String(text, at, at, standardConformingStrings ? StringStyle.Standard : StringStyle.Escape);
        if (c == '"') return SqlLiterals.QuotedIdentifier(text, at, at);
        if (next == '\'')
        {
            switch (c)
            {
                case 'e' or 'E': return SqlLiterals.String(text, at, at + 1, StringStyle.Escape);
                case 'n' or 'N': return SqlLiterals.String(text, at, at + 1, standardConformingStrings ? StringStyle.Standard : StringStyle.Escape);
                case 'b' or 'B' or 'x' or 'X': return SqlLiterals.String(text, at, at + 1, StringStyle.Bits);
            }
        }
        if (c is 'u' or 'U' && next == '&')
        {
            var quote = CharAt(text, at + 2);
            if (quote == '\'') return SqlLiterals.String(text, at, at + 2, StringStyle.Standard);
            if (quote == '"') return SqlLiterals.QuotedIdentifier(text, at, at + 2);
        }
        if (c == '$')
        {
            if (char.IsAsciiDigit(next)) return SqlLiterals.Parameter(text, at);
            if (SqlLiterals.DollarTag(text, at) is { } tag) return SqlLiterals.DollarQuoted(text, at, tag);
            return new SqlToken(SqlTokenKind.Other, at, at + 1);
        }
        if (IsIdentStart(c)) return new SqlToken(SqlTokenKind.Word, at, SkipIdentifier(text, at + 1));
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next))) return SqlLiterals.Number(text, at);
        if (c == ':' && next == ':') return new SqlToken(SqlTokenKind.Cast, at, at + 2);
        if (c == ':' && next == '=') return new SqlToken(SqlTokenKind.Operator, at, at + 2);
        if (c == '.' && next == '.') return new SqlToken(SqlTokenKind.Other, at, at + 2);
        if (IsOperatorChar(c)) return Operator(text, at);
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
        return new SqlToken(kind, at, at + 1);
    }

    /// <summary>
    /// The name a word or quoted identifier stands for, as the server reads it: a word folded to lower case (ASCII
    /// letters only, as in a UTF-8 database), a quoted one as written (doubled quotes and U&amp;"…" escapes decoded),
    /// both cut to 63 bytes. Other tokens: their text.
    /// </summary>
    public static string IdentifierValue(string text, SqlToken token) => token.Kind switch
    {
        SqlTokenKind.Word => SqlIdentifiers.Truncate(SqlIdentifiers.FoldAscii(text.AsSpan(token.Start, token.Length))),
        SqlTokenKind.QuotedIdentifier => SqlIdentifiers.Truncate(SqlIdentifiers.Unquote(text, token)),
        _ => token.TextIn(text),
    };

    /// <summary>[A-Za-z_] or any non-ASCII character: what may start an identifier or a dollar-quote tag.</summary>
    public static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_' || c > '\u007f';

    /// <summary>What may continue an identifier: a start character, a digit or $.</summary>
    public static bool IsIdentPart(char c) => IsIdentStart(c) || char.IsAsciiDigit(c) || c == '$';

    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    private static bool IsOperatorChar(char c) => c is '+' or '-' or '*' or '/' or '<' or '>' or '=' or '~' or '!' or '@' or '#' or '%' or '^' or '&' or '|' or '`' or '?';

    /// <summary>Operator characters that let a multi-character operator end in + or -.</summary>
    private static bool AllowsTrailingSign(char c) => c is '~' or '!' or '@' or '#' or '^' or '&' or '|' or '`' or '?' or '%';

    private static SqlToken Operator(string text, int at)
    {
        var end = at;
        while (end < text.Length && IsOperatorChar(text[end])) end++;
        // A comment start inside the run ends the operator there.
        for (var k = at + 1; k + 1 < end; k++)
        {
            if ((text[k] == '/' && text[k + 1] == '*') || (text[k] == '-' && text[k + 1] == '-'))
            {
                end = k;
                break;
            }
        }
        if (end - at > 1 && text[end - 1] is '+' or '-')
        {
            var allowed = false;
            for (var k = at; k < end - 1 && !allowed; k++) allowed = AllowsTrailingSign(text[k]);
            if (!allowed)
                while (end - at > 1 && text[end - 1] is '+' or '-') end--;
        }
        return new SqlToken(SqlTokenKind.Operator, at, end);
    }

    internal static char CharAt(string text, int i) => i < text.Length ? text[i] : '\0';

    internal static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && IsSpace(text[i])) i++;
        return i;
    }

    internal static int SkipIdentifier(string text, int i)
    {
        while (i < text.Length && IsIdentPart(text[i])) i++;
        return i;
    }

    /// <summary>The end of a -- comment: the next newline or carriage return (not included), or the end of the text.</summary>
    internal static int LineEnd(string text, int i)
    {
        var end = text.AsSpan(i).IndexOfAny('\n', '\r');
        return end < 0 ? text.Length : i + end;
    }
}
