using ImmersiveLab.Sql;

namespace ImmersiveLab.SqlAssist.Parsing;

/// <summary>
/// The statement of a cell that holds a position: its tokens (comments left out) and their parenthesised groups.
/// Statements end at semicolons outside parentheses, as the runner splits them.
/// </summary>
public sealed class StatementSyntax
{
    private readonly Dictionary<int, SyntaxGroup> _groups = [];

    private StatementSyntax(string text, List<SqlToken> tokens)
    {
        Text = text;
        Tokens = tokens;
        Root = new SyntaxGroup(-1, null);
        var stack = new Stack<SyntaxGroup>();
        stack.Push(Root);
        for (var i = 0; i < tokens.Count; i++)
        {
            var kind = tokens[i].Kind;
            if (kind == SqlTokenKind.CloseParen && stack.Count > 1)
            {
                stack.Pop().Close = i;
                continue;
            }
            var current = stack.Peek();
            current.Level.Add(i);
            if (kind == SqlTokenKind.OpenParen)
            {
                var group = new SyntaxGroup(i, current) { Close = tokens.Count };
                current.Children[i] = group;
                _groups[i] = group;
                stack.Push(group);
            }
        }
        Root.Close = tokens.Count;
    }

    /// <summary>The whole cell.</summary>
    public string Text { get; }

    public List<SqlToken> Tokens { get; }

    public SyntaxGroup Root { get; }

    /// <summary>The statement around <paramref name="offset"/> (a position between characters), from the cell's tokens.</summary>
    public static StatementSyntax At(string text, IReadOnlyList<SqlToken> cellTokens, int offset)
    {
        var start = 0;
        var end = cellTokens.Count;
        var depth = 0;
        for (var i = 0; i < cellTokens.Count; i++)
        {
            var t = cellTokens[i];
            if (t.Kind == SqlTokenKind.OpenParen) depth++;
            else if (t.Kind == SqlTokenKind.CloseParen) depth = Math.Max(0, depth - 1);
            else if (t.Kind == SqlTokenKind.Semicolon && depth == 0)
            {
                if (t.End <= offset) start = i + 1;
                else
                {
                    end = i;
                    break;
                }
                depth = 0;
            }
        }
        var tokens = new List<SqlToken>();
        for (var i = start; i < end; i++)
            if (cellTokens[i].Kind != SqlTokenKind.Comment) tokens.Add(cellTokens[i]);
        return new StatementSyntax(text, tokens);
    }

    /// <summary>The group a "(" token opens, or null for any other token.</summary>
    public SyntaxGroup? Group(int index) => _groups.GetValueOrDefault(index);

    public string TextOf(int index) => Text[Tokens[index].Start..Tokens[index].End];

    /// <summary>The token as an upper-case keyword, or null when it is not a bare word.</summary>
    public string? Keyword(int index) =>
        index >= 0 && index < Tokens.Count && Tokens[index].Kind == SqlTokenKind.Word ? TextOf(index).ToUpperInvariant() : null;

    public bool IsKeyword(int index, string keyword) => Keyword(index) == keyword;

    public bool IsKind(int index, SqlTokenKind kind) => index >= 0 && index < Tokens.Count && Tokens[index].Kind == kind;

    /// <summary>The identifier a word or quoted identifier names (lower case unless quoted).</summary>
    public string Identifier(int index) => SqlLexer.IdentifierValue(Text, Tokens[index]);

    public bool IsIdentifier(int index) => index >= 0 && index < Tokens.Count && Tokens[index].IsIdentifier;

    /// <summary>The innermost group that holds the position just before token <paramref name="cursor"/>.</summary>
    public SyntaxGroup GroupAt(int cursor)
    {
        var group = Root;
        while (true)
        {
            var inner = group.Children.Values.FirstOrDefault(g => g.Open < cursor && g.Close >= cursor);
            if (inner is null) return group;
            group = inner;
        }
    }
}
