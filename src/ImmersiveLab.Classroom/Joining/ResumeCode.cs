using System.Security.Cryptography;
using System.Text;

namespace ImmersiveLab.Classroom;

/// <summary>
/// A learner's resume code: 8 characters of the class-code alphabet (about 40 bits), shown as "ABCD-EFGH". It is shown
/// to the learner and kept in their sign-in cookie; the metadata database keeps only a salted PBKDF2 hash, so reading
/// that database does not reveal anyone's code.
/// </summary>
public static class ResumeCode
{
    public const int Length = 8;
    private const int Iterations = 10_000;
    private const string Scheme = "pbkdf2-sha256";

    public static string Generate() => Format(RandomNumberGenerator.GetString(ClassCode.Alphabet, Length));

    /// <summary>What was typed, upper-cased, without spaces and dashes ("abcd efgh" → "ABCDEFGH").</summary>
    public static string Normalize(string? typed) =>
        new((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    /// <summary>"ABCDEFGH" → "ABCD-EFGH", as shown.</summary>
    public static string Format(string code)
    {
        var n = Normalize(code);
        return n.Length == Length ? $"{n[..4]}-{n[4..]}" : n;
    }

    public static string Hash(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Derive(Normalize(code), salt, Iterations);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Whether <paramref name="typed"/> is the code of <paramref name="stored"/> (a <see cref="Hash"/>); constant time.</summary>
    public static bool Matches(string? typed, string? stored)
    {
        var code = Normalize(typed);
        if (code.Length != Length || stored?.Split('$') is not [Scheme, var iterations, var salt, var hash]
            || !int.TryParse(iterations, out var n) || n is < 1 or > 1_000_000)
            return false;
        try
        {
            return CryptographicOperations.FixedTimeEquals(Derive(code, Convert.FromBase64String(salt), n), Convert.FromBase64String(hash));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static byte[] Derive(string code, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, iterations, HashAlgorithmName.SHA256, 32);
}
