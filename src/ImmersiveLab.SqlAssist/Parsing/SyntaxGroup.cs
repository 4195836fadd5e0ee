namespace ImmersiveLab.SqlAssist.Parsing;

/// <summary>
/// A parenthesised part of a statement (or the statement itself, <see cref="Open"/> = -1): which tokens lie directly in
/// it, with each nested group standing in its <see cref="Level"/> as its opening parenthesis only.
/// </summary>
public sealed class SyntaxGroup
{
    internal SyntaxGroup(int open, SyntaxGroup? parent)
    {
        Open = open;
        Parent = parent;
    }

    /// <summary>Index of the opening parenthesis in the statement's tokens; -1 for the statement.</summary>
    public int Open { get; }

    /// <summary>Index of the closing parenthesis, or the statement's token count when it is not closed (yet).</summary>
    public int Close { get; internal set; }

    public SyntaxGroup? Parent { get; }

    /// <summary>Token indexes directly in this group, in order; a nested group appears as its "(".</summary>
    public List<int> Level { get; } = [];

    public Dictionary<int, SyntaxGroup> Children { get; } = [];

    public bool IsStatement => Open < 0;

    public bool Contains(int tokenIndex) => tokenIndex > Open && tokenIndex < Close;
}
