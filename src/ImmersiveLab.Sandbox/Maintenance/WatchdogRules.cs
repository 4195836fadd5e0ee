using System.Globalization;

namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>The watchdog's limits, read once from <see cref="SandboxOptions"/> (sizes parsed).</summary>
internal sealed record WatchdogThresholds(SandboxOptions Options, long MemoryLimit, long AppMemoryLimit, TimeSpan? IdleLimit)
{
    public static WatchdogThresholds From(SandboxOptions o) => new(
        o,
        MemorySize.Parse(o.WatchdogMemoryLimit, "Sandbox:WatchdogMemoryLimit"),
        MemorySize.Parse(o.WatchdogAppMemoryLimit, "Sandbox:WatchdogAppMemoryLimit"),
        // The server closes idle sessions itself (idle_session_timeout); a learner may SET it to 0, so the watchdog
        // ends those a grace period later.
        o.IdleSessionTimeout > TimeSpan.Zero ? o.IdleSessionTimeout + o.WatchdogGrace : null);
}

/// <summary>
/// What the watchdog does to one learner backend (pure, so each rule is tested on its own). In order: a backend holding
/// more locks than allowed is ended at once, idle or not (the lock table is the whole server's); so is one using more
/// private memory than allowed (read on the embedded cluster only); an active statement past its time limit is
/// cancelled, and ended if it still runs after the grace period (PL/pgSQL can catch a cancel); a backend idle in a
/// transaction, or idle, for too long is ended. The app's own registered backends get their application's longer time
/// limit and the app memory limit; a learner's application_name counts for nothing.
/// </summary>
internal static class WatchdogRules
{
    public static WatchdogDecision? Decide(BackendSnapshot b, WatchdogThresholds t, (DateTime QueryStart, DateTime CancelledAt)? cancelled, DateTime now)
    {
        var o = t.Options;
        if (b.Locks > o.WatchdogMaxLocks)
            return new(WatchdogStep.Terminate,
                string.Create(CultureInfo.InvariantCulture, $"held {b.Locks:N0} locks; the limit is {o.WatchdogMaxLocks:N0} (the server's lock table is shared by everyone)"),
                b.Idle ?? TimeSpan.Zero);
        if (b.Role is null) return null; // not named: only the lock limit is sure to concern a learner

        var memoryLimit = b.AppPurpose is null ? t.MemoryLimit : t.AppMemoryLimit;
        if (b.MemoryBytes is { } memory && memory > memoryLimit)
            return new(WatchdogStep.Terminate,
                $"used {MemorySize.Describe(memory)} of server memory; the limit is {MemorySize.Describe(memoryLimit)}", b.Running ?? TimeSpan.Zero);
        if (b.IsParallelWorker) return null; // its leader answers for the time it takes

        switch (b.State)
        {
            case "active" when b.Running is { } running && b.QueryStart is { } queryStart:
            {
                var limit = b.AppPurpose is null ? o.WatchdogHardLimit : WatchdogLimits.For(o, b.AppPurpose);
                if (running < limit) return null;
                if (cancelled is { } c && c.QueryStart == queryStart)
                    return now - c.CancelledAt < o.WatchdogGrace
                        ? null
                        : new(WatchdogStep.Terminate, string.Create(CultureInfo.InvariantCulture, $"still running {o.WatchdogGrace.TotalSeconds:0} s after being cancelled"), running);
                return new(WatchdogStep.Cancel, string.Create(CultureInfo.InvariantCulture, $"active longer than {limit.TotalSeconds:0} s"), running);
            }
            case "idle in transaction" or "idle in transaction (aborted)" when b.Idle is { } idle && idle >= o.WatchdogIdleInTransactionLimit:
                return new(WatchdogStep.Terminate,
                    string.Create(CultureInfo.InvariantCulture, $"idle in a transaction for more than {o.WatchdogIdleInTransactionLimit.TotalSeconds:0} s (it holds back every other session's cleanup)"), idle);
            case "idle" when b.Idle is { } idle && t.IdleLimit is { } idleLimit && idle >= idleLimit:
                return new(WatchdogStep.Terminate, $"idle for more than {Minutes(idleLimit)}", idle);
            default:
                return null;
        }
    }

    private static string Minutes(TimeSpan t) =>
        t.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0} s");
}
