namespace ImmersiveLab.Sandbox.Execution;

public enum SqlTokenKind { Word, Quoted, Comment, Semicolon, OpenParen, CloseParen, Other }

public readonly record struct SqlToken(SqlTokenKind Kind, int Start, int End);

/// <summary>
/// A lexer just detailed enough to find statement boundaries and keywords: it knows PostgreSQL's string,
/// identifier, dollar-quote and comment syntax (with standard_conforming_strings on, the default).
/// An unterminated quote or comment runs to the end of the text, as it would in psql.
/// </summary>
public sealed class SqlScanner(string text)
{
    private int _pos;

    public SqlToken? Next()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        if (_pos >= text.Length) return null;
        var start = _pos;
        var c = text[_pos];
        var next = _pos + 1 < text.Length ? text[_pos + 1] : '\0';

        if (c == '-' && next == '-')
        {
            var nl = text.IndexOf('\n', _pos);
            _pos = nl < 0 ? text.Length : nl;
            return new SqlToken(SqlTokenKind.Comment, start, _pos);
        }
        if (c == '/' && next == '*')
        {
            SkipBlockComment();
            return new SqlToken(SqlTokenKind.Comment, start, _pos);
        }
        if (c == '\'')
        {
            SkipQuoted('\'', backslashEscapes: false);
            return new SqlToken(SqlTokenKind.Quoted, start, _pos);
        }
        if (c == '"')
        {
            SkipQuoted('"', backslashEscapes: false);
            return new SqlToken(SqlTokenKind.Quoted, start, _pos);
        }
        if (c is 'e' or 'E' && next == '\'')
        {
            _pos++;
            SkipQuoted('\'', backslashEscapes: true);
            return new SqlToken(SqlTokenKind.Quoted, start, _pos);
        }
        if (c == '$' && TryDollarTag(out var tag))
        {
            _pos += tag.Length;
            var close = text.IndexOf(tag, _pos, StringComparison.Ordinal);
            _pos = close < 0 ? text.Length : close + tag.Length;
            return new SqlToken(SqlTokenKind.Quoted, start, _pos);
        }
        if (IsIdentStart(c))
        {
            _pos++;
            while (_pos < text.Length && IsIdentPart(text[_pos])) _pos++;
            // U&'…', B'…', X'…', N'…' and similar prefixes: the quote that follows is one string with the prefix.
            if (_pos < text.Length && text[_pos] == '\'' && _pos - start <= 2)
            {
                SkipQuoted('\'', backslashEscapes: false);
                return new SqlToken(SqlTokenKind.Quoted, start, _pos);
            }
            return new SqlToken(SqlTokenKind.Word, start, _pos);
        }
        _pos++;
        return c switch
        {
            ';' => new SqlToken(SqlTokenKind.Semicolon, start, _pos),
            '(' => new SqlToken(SqlTokenKind.OpenParen, start, _pos),
            ')' => new SqlToken(SqlTokenKind.CloseParen, start, _pos),
            _ => new SqlToken(SqlTokenKind.Other, start, ConsumeRestOfNumberOrParam(c)),
        };
    }

    private int ConsumeRestOfNumberOrParam(char first)
    {
        // $1 and numbers like 1e10 must not be read as a dollar tag or a word followed by a quote.
        if (first == '$' || char.IsAsciiDigit(first))
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] is '_' or '.')) _pos++;
        return _pos;
    }

    private void SkipBlockComment()
    {
        var depth = 0;
        while (_pos < text.Length)
        {
            if (text[_pos] == '/' && _pos + 1 < text.Length && text[_pos + 1] == '*') { depth++; _pos += 2; }
            else if (text[_pos] == '*' && _pos + 1 < text.Length && text[_pos + 1] == '/')
            {
                depth--;
                _pos += 2;
                if (depth == 0) return;
            }
            else _pos++;
        }
    }

    private void SkipQuoted(char quote, bool backslashEscapes)
    {
        _pos++; // opening quote
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (backslashEscapes && c == '\\') { _pos += 2; continue; }
            if (c == quote)
            {
                if (_pos + 1 < text.Length && text[_pos + 1] == quote) { _pos += 2; continue; } // doubled quote
                _pos++;
                return;
            }
            _pos++;
        }
        _pos = text.Length;
    }

    /// <summary>$$ or $tag$ where tag is an identifier not starting with a digit.</summary>
    private bool TryDollarTag(out string tag)
    {
        tag = "";
        var i = _pos + 1;
        if (i < text.Length && text[i] == '$') { tag = "$$"; return true; }
        if (i >= text.Length || !IsIdentStart(text[i])) return false;
        while (i < text.Length && IsIdentPart(text[i]) && text[i] != '$') i++;
        if (i >= text.Length || text[i] != '$') return false;
        tag = text[_pos..(i + 1)];
        return true;
    }

    private static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_' || c > '\u007f';
    private static bool IsIdentPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' || c > '\u007f';
}
