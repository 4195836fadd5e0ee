namespace ImmersiveLab.Sandbox.Admission;

/// <summary>A run waited longer than Sandbox:QueueTimeout for a free slot.</summary>
public sealed class RunQueueTimeoutException(TimeSpan waited) : Exception($"The lab was busy for {waited.TotalSeconds:0} s.")
{
    public TimeSpan Waited { get; } = waited;
}
