using ImmersiveLab.Database;
using ImmersiveLab.Database.Hosts;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>
/// Guards the server against learner statements the per-role limits do not stop (a learner may SET
/// statement_timeout = 0, or catch query_canceled in PL/pgSQL): through the admin connection, it cancels any
/// learner backend active longer than the hard limit, terminates it if it is still running after a grace
/// period, and terminates learner backends idle in a transaction while holding locks for too long.
/// Its queries run in the maintenance database only and name pg_catalog explicitly; it never runs learner code.
/// Every available server is swept in turn, each through its own admin connection.
/// </summary>
public sealed class Watchdog(LabServer server, IOptions<SandboxOptions> options, ILogger<Watchdog> logger) : BackgroundService
{
    private readonly Dictionary<string, Dictionary<int, (DateTime QueryStart, DateTime CancelledAt)>> _cancelledByServer = new();
    private readonly SemaphoreSlim _sweepLock = new(1, 1);

    private SandboxOptions Options => options.Value;

    /// <summary>One pass over every available server: find overrunning learner backends and act on them.</summary>
    public async Task<IReadOnlyList<WatchdogAction>> SweepAsync(CancellationToken ct)
    {
        var all = new List<WatchdogAction>();
        foreach (var host in server.Hosts.Where(h => h.IsAvailable))
        {
            try
            {
                all.AddRange((await SweepAsync(host, ct)).Select(a => a with { ServerKey = host.Key }));
            }
            catch (NpgsqlException e) when (!host.IsPrimary && !ct.IsCancellationRequested)
            {
                // One unreachable sandbox server must not stop the sweep of the others.
                logger.LogWarning(e, "Watchdog sweep of server {Server} failed", host.Key);
                await server.ProbeAsync(host, ct);
            }
        }
        foreach (var a in all)
            logger.LogWarning("Watchdog: {Step} backend {Pid} of {Role} in {Database} on {Server}: {Reason}", a.Step, a.Pid, a.Role, a.Database, a.ServerKey, a.Reason);
        return all;
    }

    private async Task<IReadOnlyList<WatchdogAction>> SweepAsync(SandboxHost host, CancellationToken ct)
    {
        await _sweepLock.WaitAsync(ct);
        try
        {
            var cancelled = CancelledOn(host);
            var actions = new List<WatchdogAction>();
            var overrunning = new HashSet<int>();
            var found = new List<(int Pid, string Role, string? Db, string State, DateTime QueryStart, TimeSpan Running, TimeSpan Idle, bool HoldsLocks, string? App)>();
            await using (var cmd = host.Admin.CreateCommand("""
                SELECT a.pid, a.usename::text, a.datname::text, a.state, a.query_start,
                       pg_catalog.now() - a.query_start, pg_catalog.now() - a.state_change,
                       EXISTS (SELECT 1 FROM pg_catalog.pg_locks l
                               WHERE l.pid = a.pid AND l.granted AND l.locktype OPERATOR(pg_catalog.<>) 'virtualxid'),
                       a.application_name
                FROM pg_catalog.pg_stat_activity a
                WHERE a.backend_type = 'client backend'
                  AND a.usename::text LIKE $3
                  AND a.pid OPERATOR(pg_catalog.<>) pg_catalog.pg_backend_pid()
                  AND ((a.state = 'active' AND a.query_start < pg_catalog.now() - $1)
                    OR (a.state IN ('idle in transaction', 'idle in transaction (aborted)') AND a.state_change < pg_catalog.now() - $2))
                """))
            {
                cmd.Parameters.AddWithValue(Options.WatchdogHardLimit);
                cmd.Parameters.AddWithValue(Options.WatchdogIdleInTransactionLimit);
                cmd.Parameters.AddWithValue(SandboxNames.RoleLikePattern);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                    found.Add((r.GetInt32(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3),
                        r.GetDateTime(4), r.GetTimeSpan(5), r.GetTimeSpan(6), r.GetBoolean(7), r.IsDBNull(8) ? null : r.GetString(8)));
            }

            var now = DateTime.UtcNow;
            foreach (var b in found)
            {
                if (b.State == "active")
                {
                    // The query found everything past the hard limit; some applications may run longer (still bounded).
                    var limit = WatchdogLimits.For(Options, b.App);
                    if (b.Running < limit) continue;
                    overrunning.Add(b.Pid);
                    if (cancelled.TryGetValue(b.Pid, out var c) && c.QueryStart == b.QueryStart)
                    {
                        if (now - c.CancelledAt < Options.WatchdogGrace) continue;
                        actions.Add(new WatchdogAction(b.Pid, b.Role, b.Db, WatchdogStep.Terminate,
                            $"still running {Options.WatchdogGrace.TotalSeconds:0} s after being cancelled", b.Running,
                            await SignalAsync(host, "pg_terminate_backend", b.Pid, ct)));
                        cancelled.Remove(b.Pid);
                    }
                    else
                    {
                        actions.Add(new WatchdogAction(b.Pid, b.Role, b.Db, WatchdogStep.Cancel,
                            $"active longer than {limit.TotalSeconds:0} s", b.Running,
                            await SignalAsync(host, "pg_cancel_backend", b.Pid, ct)));
                        cancelled[b.Pid] = (b.QueryStart, now);
                    }
                }
                else if (b.HoldsLocks)
                {
                    actions.Add(new WatchdogAction(b.Pid, b.Role, b.Db, WatchdogStep.Terminate,
                        $"idle in a transaction holding locks for more than {Options.WatchdogIdleInTransactionLimit.TotalSeconds:0} s", b.Idle,
                        await SignalAsync(host, "pg_terminate_backend", b.Pid, ct)));
                }
            }
            foreach (var pid in cancelled.Keys.Where(p => !overrunning.Contains(p)).ToList()) cancelled.Remove(pid);
            return actions;
        }
        finally
        {
            _sweepLock.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.WatchdogEnabled) return;
        while (!server.IsStarted && !stoppingToken.IsCancellationRequested)
            await Task.Delay(500, stoppingToken);
        using var timer = new PeriodicTimer(Options.WatchdogInterval);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(e, "Watchdog sweep failed; trying again");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private Dictionary<int, (DateTime QueryStart, DateTime CancelledAt)> CancelledOn(SandboxHost host)
    {
        if (!_cancelledByServer.TryGetValue(host.Key, out var cancelled)) _cancelledByServer[host.Key] = cancelled = new();
        return cancelled;
    }

    private static async Task<bool> SignalAsync(SandboxHost host, string function, int pid, CancellationToken ct)
    {
        await using var cmd = host.Admin.CreateCommand($"SELECT pg_catalog.{function}($1)");
        cmd.Parameters.AddWithValue(pid);
        return await cmd.ExecuteScalarAsync(ct) is true;
    }
}
