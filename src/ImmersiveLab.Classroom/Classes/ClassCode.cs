using System.Security.Cryptography;

namespace ImmersiveLab.Classroom;

/// <summary>Join codes: short, read aloud and typed by people, so generated ones avoid look-alikes (0/O, 1/I/L).</summary>
public static class ClassCode
{
    public const int GeneratedLength = 6;
    public const int MinLength = 4;
    public const int MaxLength = 32;
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, GeneratedLength);

    /// <summary>Trimmed and upper-cased; codes compare case-insensitively.</summary>
    public static string Normalize(string? code) => (code ?? "").Trim().ToUpperInvariant();

    /// <summary>Null when <paramref name="code"/> (normalized) is acceptable, else why not.</summary>
    public static string? Problem(string code)
    {
        if (code.Length < MinLength || code.Length > MaxLength)
            return $"A class code has {MinLength} to {MaxLength} characters.";
        if (!code.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '-'))
            return "A class code has only letters A-Z, digits and dashes.";
        return null;
    }
}
