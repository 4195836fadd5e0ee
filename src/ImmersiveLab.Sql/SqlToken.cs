namespace ImmersiveLab.SqlAssist.Parsing;

public enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    String,
    Number,
    Operator,
    Dot,
    Comma,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    Semicolon,
    Cast,
    Parameter,
    Comment,
    Other,
}

/// <summary>A token of a cell: its kind and where it is ([Start, End) in UTF-16 units). Unterminated: a quote or comment that runs to the end.</summary>
public readonly record struct SqlToken(SqlTokenKind Kind, int Start, int End, bool Unterminated = false)
{
    public int Length => End - Start;

    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
}
