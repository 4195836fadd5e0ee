namespace ImmersiveLab.Labs;

/// <summary>
/// A list of short texts in English and/or Chinese (a lab's objectives or prerequisites); asking for a missing language
/// falls back to the other one. The two lists say the same things in the same order, so they have the same length.
/// </summary>
public sealed record LocalizedList(IReadOnlyList<string>? En, IReadOnlyList<string>? Zh)
{
    public static LocalizedList Empty { get; } = new(null, null);

    public bool Has(string language) => Exact(language) is not null;

    public bool IsEmpty => (En is null || En.Count == 0) && (Zh is null || Zh.Count == 0);

    /// <summary>The items in <paramref name="language"/>, else in the other language, else none.</summary>
    public IReadOnlyList<string> Get(string language) =>
        Exact(language) is { Count: > 0 } items ? items
        : LabLanguages.All.Select(Exact).FirstOrDefault(l => l is { Count: > 0 }) ?? [];

    private IReadOnlyList<string>? Exact(string language) => LabLanguages.Normalize(language) switch
    {
        LabLanguages.English => En,
        LabLanguages.Chinese => Zh,
        _ => null,
    };
}
