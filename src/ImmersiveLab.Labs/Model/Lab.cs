namespace ImmersiveLab.Labs;

/// <summary>
/// A lab: one folder <c>labs/NN-slug/</c> with lab.yaml and one Markdown file per language.
/// <see cref="Order"/> is NN; <see cref="Folder"/> is "NN-slug"; <see cref="DirectoryPath"/> is absolute.
/// </summary>
public sealed record Lab(
    string Id,
    string Folder,
    string DirectoryPath,
    int Order,
    int Minutes,
    IReadOnlyList<string> Tags,
    LocalizedText Title,
    LocalizedText Summary,
    IReadOnlyDictionary<string, LabDocument> Documents)
{
    /// <summary>What a learner will be able to do after the lab (lab.yaml <c>objectives</c>), shown before it starts.</summary>
    public LocalizedList Objectives { get; init; } = LocalizedList.Empty;

    /// <summary>Earlier labs and knowledge the lab builds on (lab.yaml <c>prerequisites</c>).</summary>
    public LabPrerequisites Prerequisites { get; init; } = LabPrerequisites.None;

    /// <summary>Languages with a Markdown file, in <see cref="LabLanguages.All"/> order.</summary>
    public IReadOnlyList<string> AvailableLanguages =>
        LabLanguages.All.Where(Documents.ContainsKey).ToList();

    public bool HasLanguage(string language) =>
        LabLanguages.Normalize(language) is { } l && Documents.ContainsKey(l);

    /// <summary>
    /// The document in <paramref name="language"/> if the lab has it, else the first available one; the UI shows
    /// a note when <see cref="LabDocument.Language"/> differs from what was asked.
    /// </summary>
    public LabDocument Document(string language) =>
        LabLanguages.Normalize(language) is { } l && Documents.TryGetValue(l, out var doc)
            ? doc
            : Documents[AvailableLanguages[0]];
}
