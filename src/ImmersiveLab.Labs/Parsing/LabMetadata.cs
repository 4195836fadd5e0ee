namespace ImmersiveLab.Labs;

/// <summary>
/// lab.yaml as written: fields may be missing (null) and are checked by <see cref="LabValidator"/>.
/// <see cref="KeyLines"/> maps each top-level key found to its 1-based line, for error messages.
/// </summary>
public sealed record LabMetadata(
    string File,
    string? Id,
    int? Minutes,
    IReadOnlyList<string> Tags,
    LocalizedText? Title,
    LocalizedText? Summary,
    IReadOnlyDictionary<string, int> KeyLines,
    IReadOnlyList<LabFormatError> SyntaxErrors)
{
    /// <summary>lab.yaml <c>objectives</c> (null when absent).</summary>
    public LocalizedList? Objectives { get; init; }

    /// <summary>lab.yaml <c>prerequisites</c> (null when absent).</summary>
    public LabPrerequisites? Prerequisites { get; init; }

    public int LineOf(string key) => KeyLines.GetValueOrDefault(key, 1);
}
