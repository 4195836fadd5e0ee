namespace ImmersiveLab.Labs;

/// <summary>A 1-based line in a lab file; <see cref="File"/> is shown to authors, e.g. "labs/00-welcome/en.md".</summary>
public sealed record LabSourceLocation(string File, int Line)
{
    public override string ToString() => $"{File}:{Line}";
}
