using System.Diagnostics;
using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ImmersiveLab.Sandbox.Execution;

/// <summary>
/// Ends a learner backend the app gave up on: when a run's deadline passed (or the learner cancelled) and the server
/// did not honour the cancel (PL/pgSQL can catch query_canceled), Npgsql closes the socket, but the backend runs on
/// until it next talks to its client. It is terminated through the admin connection, and the caller waits until it is
/// gone, so that the run's admission slot is only freed once the server really stopped working for it.
/// </summary>
public sealed class BackendTerminator(LabServer server, SandboxProvisioner provisioner, ILogger<BackendTerminator> logger)
{
    /// <summary>Longest wait for a backend to exit; after that the slot is freed anyway (the watchdog goes on).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>Terminates the learner's backend <paramref name="pid"/> if it still runs, and returns once it is gone (or after <see cref="MaxWait"/>).</summary>
    public async Task EnsureGoneAsync(Guid learnerId, int pid, CancellationToken ct)
    {
        if (pid <= 0) return;
        try
        {
            if (await provisioner.InspectInfoAsync(learnerId, ct) is not { } info || server.FindHost(info.ServerKey) is not { IsAvailable: true } host) return;
            var clock = Stopwatch.StartNew();
            while (true)
            {
                // pg_terminate_backend(pid, timeout) waits for the process to exit; a row only while it is still there.
                await using var cmd = host.Admin.CreateCommand("""
                    SELECT pg_catalog.pg_terminate_backend(a.pid, 5000) FROM pg_catalog.pg_stat_activity a
                    WHERE a.pid = $1 AND a.usename::text = $2
                    """);
                cmd.Parameters.AddWithValue(pid);
                cmd.Parameters.AddWithValue(info.RoleName);
                var result = await cmd.ExecuteScalarAsync(ct);
                if (result is null) return; // gone already
                if (result is true)
                {
                    logger.LogWarning("Backend {Pid} of learner {Learner} ended: its run was given up and the server had not stopped it", pid, learnerId);
                    return;
                }
                if (clock.Elapsed > MaxWait)
                {
                    logger.LogError("Backend {Pid} of learner {Learner} did not exit within {Wait}; freeing its slot anyway", pid, learnerId, MaxWait);
                    return;
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            // The server went away (so did the backend), or the metadata cannot be read: the watchdog remains.
            logger.LogInformation("Could not check backend {Pid} of learner {Learner}: {Message}", pid, learnerId, e.Message);
        }
    }
}
