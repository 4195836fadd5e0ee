namespace ImmersiveLab.Sql;

/// <summary>One statement of a cell, as the splitter found it: the text sent to the server (without the
/// terminating semicolon), where it starts in the cell, and its first keyword(s).</summary>
public sealed record SqlStatement(string Text, int StartOffset, int StartLine, int StartColumn)
{
    /// <summary>The statement's leading keywords in upper case (comments skipped), e.g. ["CREATE", "TABLE"].</summary>
    public IReadOnlyList<string> LeadingWords { get; init; } = [];

    public string FirstWord => LeadingWords.Count > 0 ? LeadingWords[0] : "";
}
