namespace ImmersiveLab.Sandbox.Quota;

/// <summary>A sandbox's size against its limit, as measured a moment ago.</summary>
public sealed record QuotaState(long SizeBytes, long LimitBytes)
{
    public bool IsOver => LimitBytes > 0 && SizeBytes > LimitBytes;

    /// <summary>What the learner is told while over the limit.</summary>
    public string Message =>
        $"Your sandbox uses {MemorySize.Describe(SizeBytes)} of its {MemorySize.Describe(LimitBytes)}: drop tables (DROP TABLE, TRUNCATE) or reset it. " +
        "Until it is back under the limit, other statements run read-only.";
}

/// <summary>What the instructor's dashboard shows of a sandbox's disk use (the maintenance sweep's last measure).</summary>
public sealed record SandboxStorage(long SizeBytes, long LimitBytes, DateTime CheckedAtUtc)
{
    public bool IsOverLimit => LimitBytes > 0 && SizeBytes > LimitBytes;
}
