namespace ImmersiveLab.Labs;

/// <summary>One language file of a lab (en.md or zh.md), parsed.</summary>
public sealed record LabDocument(
    string Language,
    string SourceFile,
    LabStep Intro,
    IReadOnlyList<LabStep> Steps,
    IReadOnlyList<ExerciseAttachment> Attachments,
    IReadOnlyList<ImageReference> Images,
    IReadOnlyList<LabFormatError> SyntaxErrors)
{
    /// <summary>The introduction's Markdown, rendered.</summary>
    public string IntroHtml => string.Concat(Intro.Blocks.OfType<MarkdownBlock>().Select(b => b.Html));

    public IEnumerable<SqlCell> Cells => Steps.SelectMany(s => s.Cells);

    public IEnumerable<SqlCell> Exercises => Cells.Where(c => c.Kind == SqlCellKind.Exercise);

    public SqlCell? FindCell(string id) => Cells.FirstOrDefault(c => c.Id == id);

    /// <summary>The step with this number (1-based), or null.</summary>
    public LabStep? Step(int number) => number >= 1 && number <= Steps.Count ? Steps[number - 1] : null;
}
