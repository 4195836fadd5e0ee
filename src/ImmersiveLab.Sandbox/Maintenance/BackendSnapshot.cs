namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>
/// One learner backend as the watchdog saw it. Role is null when the role could not be named (a role created since the
/// lock table filled up): only the lock limit applies to it then. AppPurpose: the app registered this backend as its
/// own (e.g. "immersivelab-explorer"), never something a learner can set.
/// </summary>
internal sealed record BackendSnapshot(
    int Pid,
    uint RoleOid,
    string? Role,
    uint DatabaseOid,
    string? State,
    bool IsParallelWorker,
    DateTime BackendStart,
    DateTime? QueryStart,
    TimeSpan? Running,
    TimeSpan? Idle,
    long Locks)
{
    public long? MemoryBytes { get; init; }
    public string? AppPurpose { get; init; }
    public string? Database { get; init; }
}

/// <summary>What the watchdog does to a backend, and why.</summary>
internal sealed record WatchdogDecision(WatchdogStep Step, string Reason, TimeSpan Duration);
