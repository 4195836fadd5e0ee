namespace ImmersiveLab.Sql;

public enum SqlTokenKind
{
    /// <summary>Spaces, tabs, newlines, carriage returns and form feeds (PostgreSQL's whitespace; nothing else is).</summary>
    Whitespace,
    /// <summary>-- to the end of the line, or /* … */ (nested).</summary>
    Comment,
    /// <summary>An identifier or keyword, unquoted.</summary>
    Word,
    /// <summary>"…" or U&amp;"…".</summary>
    QuotedIdentifier,
    /// <summary>'…', E'…', N'…', B'…', X'…', U&amp;'…' (with their continuation over a newline), or a dollar-quoted string.</summary>
    String,
    Number,
    /// <summary>$1, $2, …</summary>
    Parameter,
    /// <summary>A run of operator characters (+ - * / &lt; &gt; = ~ ! @ # % ^ &amp; | ` ?) cut as PostgreSQL cuts it, or :=.</summary>
    Operator,
    /// <summary>::</summary>
    Cast,
    Dot,
    Comma,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Semicolon,
    /// <summary>Anything else: a lone $ or :, .., a backslash, a brace, a control character.</summary>
    Other,
}

/// <summary>
/// A token of SQL text: its kind and where it is ([Start, End) in UTF-16 units).
/// </summary>
/// <param name="Unterminated">A quote or block comment that runs to the end of the text (the server would reject it).</param>
/// <param name="TrailingJunk">A number or parameter followed by letters or an incomplete exponent (0x1F, 1_000, 1e, $1a): PostgreSQL 15 rejects it as "trailing junk".</param>
public readonly record struct SqlToken(SqlTokenKind Kind, int Start, int End, bool Unterminated = false, bool TrailingJunk = false)
{
    public int Length => End - Start;

    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    /// <summary>Whitespace or a comment: what separates tokens and means nothing to the server.</summary>
    public bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.Comment;

    public string TextIn(string text) => text[Start..End];
}
