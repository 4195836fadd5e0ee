using System.Security.Cryptography;

namespace ImmersiveLab.Classroom;

/// <summary>
/// Join codes: read aloud and typed by people, so every code (generated or chosen by the instructor) uses letters and
/// digits that cannot be mistaken for one another (no 0/O, 1/I/L), and has at least <see cref="MinLength"/> of them:
/// 31^6 ≈ 887 million codes, which the join rate limit makes impractical to guess.
/// </summary>
public static class ClassCode
{
    public const int GeneratedLength = 6;
    public const int MinLength = 6;
    public const int MaxLength = 32;
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, GeneratedLength);

    /// <summary>Trimmed and upper-cased; codes compare case-insensitively.</summary>
    public static string Normalize(string? code) => (code ?? "").Trim().ToUpperInvariant();

    /// <summary>Null when <paramref name="code"/> (normalized) is acceptable, else why not.</summary>
    public static string? Problem(string code)
    {
        if (code.Length > MaxLength || code.Count(c => c != '-') < MinLength)
            return $"A class code has at least {MinLength} letters or digits (at most {MaxLength} characters).";
        if (!code.All(c => c == '-' || Alphabet.Contains(c)))
            return "A class code has only the letters and digits that cannot be mistaken for others (no 0, O, 1, I or L), and dashes.";
        return null;
    }
}
