namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>A learner's sandbox as the instructor may see it (never with its password).</summary>
public sealed record SandboxInfo(
    Guid LearnerId,
    string DatabaseName,
    string RoleName,
    DateTime CreatedAt,
    DateTime LastUsedAt);

/// <summary>What the instructor's list shows: the sandbox, its learner, and its live state on the server.</summary>
public sealed record SandboxSummary(
    Guid LearnerId,
    string LearnerName,
    Guid? ClassId,
    string DatabaseName,
    string RoleName,
    DateTime CreatedAt,
    DateTime LastUsedAt,
    bool Exists,
    long? SizeBytes,
    int Connections);

/// <summary>How a session logs in to a sandbox. Internal: passwords never leave the app.</summary>
internal sealed record SandboxCredentials(Guid LearnerId, string Database, string Role, string Password)
{
    public override string ToString() => $"{Role}@{Database}";
}
