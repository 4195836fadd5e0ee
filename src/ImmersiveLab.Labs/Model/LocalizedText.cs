namespace ImmersiveLab.Labs;

/// <summary>A text in English and/or Chinese; asking for a missing language falls back to the other one.</summary>
public sealed record LocalizedText(string? En, string? Zh)
{
    public static LocalizedText Empty { get; } = new(null, null);

    public bool Has(string language) => !string.IsNullOrWhiteSpace(Exact(language));

    /// <summary>The text in <paramref name="language"/>, else in the other language, else "".</summary>
    public string Get(string language) =>
        Exact(language) is { Length: > 0 } text ? text
        : LabLanguages.All.Select(Exact).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "";

    private string? Exact(string language) => LabLanguages.Normalize(language) switch
    {
        LabLanguages.English => En,
        LabLanguages.Chinese => Zh,
        _ => null,
    };
}
