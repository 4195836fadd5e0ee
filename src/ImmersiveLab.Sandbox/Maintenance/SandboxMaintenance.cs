using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>
/// Housekeeping in the background: closes idle sessions (their connections go back to the server), drops
/// sandboxes unused for <see cref="SandboxOptions.IdleExpiry"/> (progress stays) and objects left behind by
/// deleted learners, and tries the sandbox servers that are unavailable again every
/// <see cref="SandboxOptions.UnavailableServerRetryInterval"/> (a restarted server is back within seconds).
/// </summary>
public sealed class SandboxMaintenance(
    LabServer server,
    SandboxProvisioner provisioner,
    SessionRegistry sessions,
    IOptions<SandboxOptions> options,
    ILogger<SandboxMaintenance> logger) : BackgroundService
{
    private static readonly TimeSpan SessionSweep = TimeSpan.FromMinutes(1);

    public async Task RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        await sessions.CloseIdleAsync(o.SessionIdleClose);
        await server.RetryUnavailableHostsAsync(ct);
        if (o.IdleExpiry is { } idle && idle > TimeSpan.Zero) await provisioner.ExpireIdleAsync(idle, ct);
        await provisioner.DropOrphansAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!server.IsStarted && !stoppingToken.IsCancellationRequested)
            await Task.Delay(500, stoppingToken);
        var lastFull = DateTime.MinValue;
        var lastSessions = DateTime.MinValue;
        var retry = options.Value.UnavailableServerRetryInterval;
        using var timer = new PeriodicTimer(retry > TimeSpan.Zero && retry < SessionSweep ? retry : SessionSweep);
        do
        {
            try
            {
                var now = DateTime.UtcNow;
                if (now - lastFull >= options.Value.ExpirySweepInterval)
                {
                    await RunOnceAsync(stoppingToken);
                    lastFull = lastSessions = now;
                }
                else
                {
                    if (now - lastSessions >= SessionSweep)
                    {
                        await sessions.CloseIdleAsync(options.Value.SessionIdleClose);
                        lastSessions = now;
                    }
                    await server.RetryUnavailableHostsAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(e, "Sandbox maintenance failed; trying again later");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
