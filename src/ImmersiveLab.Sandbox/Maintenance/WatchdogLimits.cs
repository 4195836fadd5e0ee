namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>
/// How long the watchdog lets a learner backend stay active: <see cref="SandboxOptions.WatchdogHardLimit"/>, or the
/// longer limit configured for its application_name (<see cref="SandboxOptions.WatchdogApplicationLimits"/>).
/// <para>A learner can <c>SET application_name</c> to any of those names in their own session, so such a limit is
/// really given to every learner who knows the name. It is therefore always bounded: never below the hard limit, never
/// above <see cref="SandboxOptions.WatchdogApplicationLimitCeiling"/>, never unlimited.</para>
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
