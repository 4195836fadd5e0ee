using Microsoft.Extensions.Options;

namespace ImmersiveLab.Sandbox;

/// <summary>Refuses Sandbox settings the lab cannot enforce, with every reason at once (checked at start).</summary>
public sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions o)
    {
        var failures = new List<string>();
        foreach (var (setting, value) in new[]
                 {
                     ("WorkMem", o.WorkMem), ("MaintenanceWorkMem", o.MaintenanceWorkMem), ("TempBuffers", o.TempBuffers),
                     ("AppMaintenanceWorkMem", o.AppMaintenanceWorkMem), ("MaxSandboxSize", o.MaxSandboxSize),
                     ("WatchdogMemoryLimit", o.WatchdogMemoryLimit), ("WatchdogAppMemoryLimit", o.WatchdogAppMemoryLimit),
                 })
            if (!MemorySize.TryParse(value, out _))
                failures.Add($"Sandbox:{setting} '{value}' is not a size like 64MB or 1GB.");
        foreach (var (setting, value) in new[]
                 {
                     ("StatementTimeout", o.StatementTimeout), ("LockTimeout", o.LockTimeout), ("IdleInTransactionTimeout", o.IdleInTransactionTimeout),
                     ("IdleSessionTimeout", o.IdleSessionTimeout), ("ClientDeadline", o.ClientDeadline), ("WatchdogHardLimit", o.WatchdogHardLimit),
                     ("WatchdogGrace", o.WatchdogGrace), ("WatchdogIdleInTransactionLimit", o.WatchdogIdleInTransactionLimit),
                 })
            if (value < TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
                failures.Add($"Sandbox:{setting} ({value}) must be between 0 and 24 days.");
        foreach (var (setting, value) in new[] { ("WatchdogInterval", o.WatchdogInterval), ("QuotaSweepInterval", o.QuotaSweepInterval) })
            if (value <= TimeSpan.Zero)
                failures.Add($"Sandbox:{setting} ({value}) must be positive.");
        if (o.HashMemMultiplier is < 1 or > 1000 || double.IsNaN(o.HashMemMultiplier))
            failures.Add($"Sandbox:HashMemMultiplier ({o.HashMemMultiplier}) must be between 1 and 1000.");
        if (o.WatchdogMaxLocks < 64)
            failures.Add($"Sandbox:WatchdogMaxLocks ({o.WatchdogMaxLocks}) must be at least 64 (a learner's ordinary transaction takes dozens).");
        if (o.ConnectionLimit < 1)
            failures.Add($"Sandbox:ConnectionLimit ({o.ConnectionLimit}) must be at least 1.");
        foreach (var (app, limit) in o.WatchdogApplicationLimits)
            if (limit <= TimeSpan.Zero)
                failures.Add($"Sandbox:WatchdogApplicationLimits:{app} ({limit}) must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
