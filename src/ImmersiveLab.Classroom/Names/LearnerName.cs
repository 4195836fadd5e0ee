using System.Globalization;
using System.Text;

namespace ImmersiveLab.Classroom;

/// <summary>
/// A display name as a class stores it: Unicode NFC, invisible characters removed (format characters such as U+200B
/// or the bidi controls, and the Hangul fillers that render as nothing), every run of white space one space, trimmed;
/// 1 to 64 characters. Control characters, lone surrogates, private-use and unassigned code points are refused, so
/// two names that look the same on the dashboard are the same string (look-alikes of other scripts are flagged by
/// <see cref="LookAlikeNames"/>, not refused).
/// </summary>
public static class LearnerName
{
    public const int MaxLength = 64;

    // Letters of category Lo that render as blank space.
    private static readonly HashSet<int> InvisibleLetters = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x034F];

    /// <summary>The stored form of <paramref name="raw"/>, or null when it is not an acceptable name.</summary>
    public static string? Normalize(string? raw)
    {
        string composed;
        try
        {
            composed = (raw ?? "").Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return null; // ill-formed UTF-16 (a lone surrogate)
        }
        var sb = new StringBuilder(composed.Length);
        var pendingSpace = false;
        foreach (var rune in composed.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.Format || InvisibleLetters.Contains(rune.Value)) continue;
            if (category is UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                || rune == Rune.ReplacementChar)
                return null;
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(rune.ToString());
        }
        // Removing an invisible character can bring a letter and its accent together again.
        var name = sb.ToString().Normalize(NormalizationForm.FormC);
        return name.Length is 0 or > MaxLength ? null : name;
    }
}
