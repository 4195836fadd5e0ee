namespace ImmersiveLab.Web.Telemetry.ServerState;

public enum ServerLoad { Ok, Busy, Saturated }

/// <summary>Why the server is judged so: runs waiting for a slot (the value is the average wait, in seconds) or the CPU
/// (its busy share, 0 to 1); <see cref="Quiet"/> when nothing stands out.</summary>
public enum ServerLoadReason { Quiet, QueueWait, Cpu }

public sealed record ServerVerdict(ServerLoad Load, ServerLoadReason Reason, double Value);

/// <summary>
/// Says plainly whether the class has outgrown the server. Waiting is what learners feel: when runs wait
/// <see cref="ServerStateOptions.SaturatedQueueWait"/> on average for a free slot, more learners ask than the machine
/// answers (saturated); a shorter wait, or a CPU above <see cref="ServerStateOptions.BusyCpu"/>, is busy.
/// </summary>
public static class SaturationRule
{
    public static ServerVerdict Judge(ServerStateOptions options, int recentRuns, TimeSpan? averageQueueWait, double? cpu)
    {
        if (recentRuns >= options.MinimumRuns && averageQueueWait is { } wait)
        {
            if (wait >= options.SaturatedQueueWait) return new ServerVerdict(ServerLoad.Saturated, ServerLoadReason.QueueWait, wait.TotalSeconds);
            if (wait >= options.BusyQueueWait) return new ServerVerdict(ServerLoad.Busy, ServerLoadReason.QueueWait, wait.TotalSeconds);
        }
        if (cpu is { } share && share >= options.BusyCpu) return new ServerVerdict(ServerLoad.Busy, ServerLoadReason.Cpu, share);
        return new ServerVerdict(ServerLoad.Ok, ServerLoadReason.Quiet, 0);
    }
}
