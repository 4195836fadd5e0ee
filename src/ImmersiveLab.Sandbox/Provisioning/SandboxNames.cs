using System.Security.Cryptography;

namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>
/// Database and role names of a learner's sandbox. They are derived from the learner id (so a half-finished
/// creation is found and cleaned up on the next attempt) through a hash, so the names every learner can see in
/// pg_database do not reveal learner ids.
/// </summary>
public static class SandboxNames
{
    public const string DatabasePrefix = "sbx_";
    public const string RolePrefix = "lrn_";
    /// <summary>LIKE pattern matching every learner role (for the watchdog).</summary>
    public const string RoleLikePattern = @"lrn\_%";

    public static (string Database, string Role) For(Guid learnerId)
    {
        Span<byte> input = stackalloc byte[16 + 12];
        learnerId.TryWriteBytes(input);
        "immersivelab"u8.CopyTo(input[16..]);
        var suffix = Convert.ToHexString(SHA256.HashData(input)[..8]).ToLowerInvariant();
        return (DatabasePrefix + suffix, RolePrefix + suffix);
    }

    public static bool IsLearnerRole(string? role) => role is not null && role.StartsWith(RolePrefix, StringComparison.Ordinal);
}
