namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>
/// How long the watchdog lets a backend stay active: <see cref="SandboxOptions.WatchdogHardLimit"/>, or, for a backend
/// the app registered as its own under an application name (<see cref="AppBackendRegistry"/>: the index explorer's
/// builds), the longer limit configured for that name (<see cref="SandboxOptions.WatchdogApplicationLimits"/>). A
/// learner's own application_name is never looked up. Still always bounded: never below the hard limit, never above
/// <see cref="SandboxOptions.WatchdogApplicationLimitCeiling"/>.
/// </summary>
public static class WatchdogLimits
{
    public static TimeSpan For(SandboxOptions options, string? applicationName)
    {
        if (applicationName is null || !options.WatchdogApplicationLimits.TryGetValue(applicationName, out var limit))
            return options.WatchdogHardLimit;
        var ceiling = TimeSpan.FromTicks(Math.Max(options.WatchdogApplicationLimitCeiling.Ticks, options.WatchdogHardLimit.Ticks));
        return limit <= options.WatchdogHardLimit ? options.WatchdogHardLimit : limit > ceiling ? ceiling : limit;
    }
}
