using ImmersiveLab.Database;
using ImmersiveLab.Database.Diagnostics;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Quota;
using ImmersiveLab.Sandbox.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>
/// Housekeeping in the background: closes idle sessions (their connections go back to the server), measures every
/// sandbox against Sandbox:MaxSandboxSize every <see cref="SandboxOptions.QuotaSweepInterval"/> (<see cref="SandboxQuotaSweep"/>),
/// drops sandboxes unused for <see cref="SandboxOptions.IdleExpiry"/> (progress stays) and objects left behind by
/// deleted learners, brings sandboxes made from an older template up to its lock-down, and tries the sandbox servers
/// that are unavailable again every <see cref="SandboxOptions.UnavailableServerRetryInterval"/> (a restarted server is
/// back within seconds). A step that keeps failing is logged once with a count, not every time.
/// </summary>
public sealed class SandboxMaintenance(
    LabServer server,
    SandboxProvisioner provisioner,
    SessionRegistry sessions,
    SandboxQuotaSweep quota,
    IOptions<SandboxOptions> options,
    ILogger<SandboxMaintenance> logger,
    TimeProvider? time = null) : BackgroundService
{
    private static readonly TimeSpan SessionSweep = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly RepeatedFailureLog _fullFailures = new(logger, "Sandbox maintenance (expiry, orphans, lock-down)", time);
    private readonly RepeatedFailureLog _quotaFailures = new(logger, "Sandbox size sweep", time);
    private readonly RepeatedFailureLog _retryFailures = new(logger, "Retrying unavailable sandbox servers", time);
    private readonly RepeatedFailureLog _sessionFailures = new(logger, "Closing idle learner sessions", time);

    /// <summary>Everything once (the CLI and tests).</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        await sessions.CloseIdleAsync(o.SessionIdleClose);
        await server.RetryUnavailableHostsAsync(ct);
        await quota.RunAsync(ct);
        if (o.IdleExpiry is { } idle && idle > TimeSpan.Zero) await provisioner.ExpireIdleAsync(idle, ct);
        await provisioner.DropOrphansAsync(ct);
        await provisioner.UpgradeLockdownAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!server.IsStarted && !stoppingToken.IsCancellationRequested)
            await Task.Delay(500, stoppingToken);
        var lastFull = DateTime.MinValue;
        var lastSessions = DateTime.MinValue;
        var lastQuota = DateTime.MinValue;
        using var timer = new PeriodicTimer(Tick(options.Value), _time);
        do
        {
            var o = options.Value;
            var now = _time.GetUtcNow().UtcDateTime;
            if (now - lastSessions >= SessionSweep && await StepAsync(_sessionFailures, () => sessions.CloseIdleAsync(o.SessionIdleClose), stoppingToken))
                lastSessions = now;
            await StepAsync(_retryFailures, () => server.RetryUnavailableHostsAsync(stoppingToken), stoppingToken);
            if (now - lastQuota >= o.QuotaSweepInterval && await StepAsync(_quotaFailures, () => quota.RunAsync(stoppingToken), stoppingToken))
                lastQuota = now;
            if (now - lastFull >= o.ExpirySweepInterval && await StepAsync(_fullFailures, async () =>
                {
                    if (o.IdleExpiry is { } idle && idle > TimeSpan.Zero) await provisioner.ExpireIdleAsync(idle, stoppingToken);
                    await provisioner.DropOrphansAsync(stoppingToken);
                    await provisioner.UpgradeLockdownAsync(stoppingToken);
                }, stoppingToken))
                lastFull = now;
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Runs one step; a failure is counted by its log (and tried again at the next tick). Whatever a step throws, the
    /// sweep goes on: an exception leaving a BackgroundService stops the whole app (the host's default), and a learner
    /// can make sweeps fail (a sandbox turned into a template, its connections limited to 0, a server going away).
    /// </summary>
    private static async Task<bool> StepAsync(RepeatedFailureLog failures, Func<Task> step, CancellationToken stoppingToken)
    {
        try
        {
            await step();
            failures.Succeeded();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            failures.Failed(e);
            return false;
        }
    }

    private static TimeSpan Tick(SandboxOptions o)
    {
        var tick = SessionSweep;
        if (o.UnavailableServerRetryInterval > TimeSpan.Zero && o.UnavailableServerRetryInterval < tick) tick = o.UnavailableServerRetryInterval;
        if (o.QuotaSweepInterval > TimeSpan.Zero && o.QuotaSweepInterval < tick) tick = o.QuotaSweepInterval;
        return tick;
    }
}
