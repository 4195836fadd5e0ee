namespace ImmersiveLab.Web.Telemetry.ServerState;

/// <summary>What the instructor's server panel shows, read at <see cref="AsOf"/>.</summary>
public sealed record ServerStateSnapshot
{
    public required DateTimeOffset AsOf { get; init; }
    /// <summary>Runs answered in the last minute.</summary>
    public required int RunsPerMinute { get; init; }
    /// <summary>95th percentile of Run time (event received → answer rendered) over <see cref="Window"/>; null without runs.</summary>
    public TimeSpan? RunP95 { get; init; }
    public required TimeSpan Window { get; init; }
    /// <summary>Average time runs waited for a free slot in the recent window; null without runs.</summary>
    public TimeSpan? AverageQueueWait { get; init; }
    public required int QueuedRuns { get; init; }
    public required int RunningRuns { get; init; }
    public required int RunSlots { get; init; }
    /// <summary>Busy share of the machine's cores (0 to 1); null until a second reading.</summary>
    public double? Cpu { get; init; }
    public required int Cores { get; init; }
    public required long AppMemoryBytes { get; init; }
    public long? MachineMemoryUsedBytes { get; init; }
    public long? MachineMemoryTotalBytes { get; init; }
    /// <summary>Learner sandboxes on all servers; null until first counted.</summary>
    public int? Sandboxes { get; init; }
    public required int LearnersConnected { get; init; }
    public required ServerVerdict Verdict { get; init; }
}

/// <summary>The server's state as the instructor sees it (the panel reads it every few seconds).</summary>
public interface IServerState
{
    ServerStateSnapshot Current();

    /// <summary>How often a view should read <see cref="Current"/> again.</summary>
    TimeSpan Refresh { get; }
}
