using ImmersiveLab.Database.Hosts;

namespace ImmersiveLab.Sandbox.Maintenance;

public enum WatchdogStep { Cancel, Terminate }

/// <summary>Something the watchdog did to a learner backend, and why. ServerKey: the server the backend ran on.</summary>
public sealed record WatchdogAction(int Pid, string Role, string? Database, WatchdogStep Step, string Reason, TimeSpan Duration, bool Signalled)
{
    public string ServerKey { get; init; } = SandboxHost.DefaultKey;
}
