using System.Security.Cryptography;
using System.Text;

namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>
/// Computes the SCRAM-SHA-256 verifier PostgreSQL stores for a password, so CREATE/ALTER ROLE never carries the
/// password itself (statements that fail are written to the server log).
/// </summary>
public static class ScramVerifier
{
    public const int Iterations = 4096;

    public static string Compute(string password, byte[]? salt = null)
    {
        salt ??= RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }

    /// <summary>A random password of hex digits (nothing to escape, nothing for SASLprep to change).</summary>
    public static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}
