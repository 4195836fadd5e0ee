using ImmersiveLab.Sandbox.Messages;

namespace ImmersiveLab.Sandbox.Quota;

/// <summary>A sandbox's size against its limit, as measured a moment ago.</summary>
public sealed record QuotaState(long SizeBytes, long LimitBytes)
{
    public bool IsOver => LimitBytes > 0 && SizeBytes > LimitBytes;

    /// <summary>What the learner is told while over the limit.</summary>
    public string Message => Text.English();

    /// <summary><see cref="Message"/> as a code and arguments, for the learner's language.</summary>
    public LabMessage Text => SandboxText.Of("Run_OverQuota", MemorySize.Describe(SizeBytes), MemorySize.Describe(LimitBytes));
}

/// <summary>What the instructor's dashboard shows of a sandbox's disk use (the maintenance sweep's last measure).</summary>
public sealed record SandboxStorage(long SizeBytes, long LimitBytes, DateTime CheckedAtUtc)
{
    public bool IsOverLimit => LimitBytes > 0 && SizeBytes > LimitBytes;
}
