namespace ImmersiveLab.Labs;

/// <summary>
/// A fenced block of a special kind (gallery, image-steps, …). <see cref="Options"/> holds the info string's
/// key=value options (flags map to ""); <see cref="Body"/> is the block's text (SQL for gallery and explain-compare).
/// </summary>
public sealed record SpecialBlock(
    string Id,
    SpecialBlockKind Kind,
    IReadOnlyDictionary<string, string> Options,
    string Body,
    int Line,
    FenceInfo Fence) : LabBlock(Line)
{
    public string? Option(string name) => Options.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body split at lines that hold only <c>---</c> (explain-compare's two queries), trimmed.</summary>
    public IReadOnlyList<string> BodyParts() =>
        SplitOnSeparator(Body).Select(p => p.Trim()).ToList();

    private static IEnumerable<string> SplitOnSeparator(string body)
    {
        var current = new List<string>();
        foreach (var line in body.Split('\n'))
        {
            if (line.TrimEnd('\r').Trim() == "---")
            {
                yield return string.Join('\n', current);
                current.Clear();
            }
            else
            {
                current.Add(line);
            }
        }

        yield return string.Join('\n', current);
    }
}
