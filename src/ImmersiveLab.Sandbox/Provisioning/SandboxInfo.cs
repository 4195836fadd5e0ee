namespace ImmersiveLab.Sandbox.Provisioning;

/// <summary>A learner's sandbox as the instructor may see it (never with its password). ServerKey: the server holding it.</summary>
public sealed record SandboxInfo(
    Guid LearnerId,
    string DatabaseName,
    string RoleName,
    DateTime CreatedAt,
    DateTime LastUsedAt,
    string ServerKey);

/// <summary>What the instructor's list shows: the sandbox, its learner, which server holds it, and its live state there
/// (Exists false and no size when the server is unavailable: see ServerAvailable).</summary>
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
    int Connections,
    string ServerKey,
    bool ServerAvailable);

/// <summary>How a session logs in to a sandbox: on which server, as whom. Internal: passwords never leave the app.</summary>
internal sealed record SandboxCredentials(Guid LearnerId, string ServerKey, string Database, string Role, string Password)
{
    public override string ToString() => $"{Role}@{Database} on {ServerKey}";
}

/// <summary>What resetting one learner's sandbox came to (<see cref="SandboxProvisioner.ResetManyAsync"/>): Error says why it failed.</summary>
public sealed record SandboxResetOutcome(Guid LearnerId, string LearnerName, bool Succeeded, string? Error);
