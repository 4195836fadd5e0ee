namespace ImmersiveLab.SqlAssist.Completion;

/// <summary>
/// Whether an item can match what was typed: the typed letters appear in it in order, case-insensitive. Editors filter
/// their lists at least this strictly as more is typed, so a list filtered by what was typed when it was asked for never
/// lacks an item the editor would show later.
/// </summary>
public static class PrefixMatch
{
    public static bool Matches(string typed, string candidate)
    {
        typed = typed.TrimStart('"');
        var j = 0;
        for (var i = 0; i < candidate.Length && j < typed.Length; i++)
            if (char.ToLowerInvariant(candidate[i]) == char.ToLowerInvariant(typed[j])) j++;
        return j == typed.Length;
    }

    /// <summary>For ranking: the candidate starts with what was typed.</summary>
    public static bool StartsWith(string typed, string candidate) =>
        candidate.StartsWith(typed.TrimStart('"'), StringComparison.OrdinalIgnoreCase);
}
