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
    public int LineOf(string key) => KeyLines.GetValueOrDefault(key, 1);
}
