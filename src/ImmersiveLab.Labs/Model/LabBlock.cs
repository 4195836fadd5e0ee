namespace ImmersiveLab.Labs;

/// <summary>One piece of a step, in document order. <see cref="Line"/> is 1-based in the language file.</summary>
public abstract record LabBlock(int Line);

/// <summary>Ordinary Markdown between cells, already rendered and sanitised.</summary>
public sealed record MarkdownBlock(string Html, int Line) : LabBlock(Line);
