namespace ImmersiveLab.Labs;

/// <summary>The content languages a lab can be written in.</summary>
public static class LabLanguages
{
    public const string English = "en";
    public const string Chinese = "zh";

    /// <summary>All languages, in the order the engine prefers them as a fallback.</summary>
    public static IReadOnlyList<string> All { get; } = [English, Chinese];

    /// <summary>Maps a culture name ("zh-CN", "en-US", "ZH") to a lab language, or null if it is none.</summary>
    public static string? Normalize(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture))
        {
            return null;
        }

        var primary = culture.Split('-', '_')[0].ToLowerInvariant();
        return All.Contains(primary) ? primary : null;
    }
}
