namespace ImmersiveLab.Labs;

/// <summary>A problem in a lab's files, reported to the author as file:line.</summary>
public sealed record LabFormatError(string File, int Line, string Message)
{
    public LabFormatError(LabSourceLocation at, string message) : this(at.File, at.Line, message)
    {
    }

    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}
