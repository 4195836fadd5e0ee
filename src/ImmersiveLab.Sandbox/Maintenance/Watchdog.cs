using ImmersiveLab.Database;
using ImmersiveLab.Database.Diagnostics;
using ImmersiveLab.Database.Hosts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Sandbox.Maintenance;

/// <summary>
/// Guards the servers against what one learner backend can do to everyone (see <see cref="WatchdogRules"/>): too many
/// locks (the lock table is shared: when it is full nobody can connect), too much memory (embedded cluster), a statement
/// past its time limit (a learner may SET statement_timeout = 0 or catch query_canceled in PL/pgSQL), a session idle in
/// a transaction or idle for too long (whatever it SET). It works through its own admin connection per server, opened
/// once and kept (<see cref="WatchdogConnection"/>), with queries that still work when the lock table is full; on the
/// embedded cluster a backend that PostgreSQL cannot signal then gets SIGTERM from here. Its queries run in the
/// maintenance database only and name pg_catalog; it never runs learner code. Every available server is swept in turn;
/// several app instances may each run one (a backend may then be signalled twice, which is harmless).
/// </summary>
public sealed class Watchdog : BackgroundService
{
    private readonly LabServer _server;
    private readonly IOptions<SandboxOptions> _options;
    private readonly ILogger<Watchdog> _logger;
    private readonly AppBackendRegistry _appBackends;
    private readonly WatchdogActionLog _actionLog;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Dictionary<int, (DateTime QueryStart, DateTime CancelledAt)>> _cancelledByServer = new();
    private readonly Dictionary<string, Dictionary<int, (DateTime BackendStart, DateTime At)>> _terminatedByServer = new();
    private readonly Dictionary<string, WatchdogConnection> _connections = new();
    private readonly Dictionary<string, RepeatedFailureLog> _failures = new();
    private readonly RepeatedFailureLog _loopFailures;
    private readonly SemaphoreSlim _sweepLock = new(1, 1);
    private DateTime _lastHousekeeping = DateTime.MinValue;

    /// <summary>A watchdog with its own registry and action log (tests, tools).</summary>
    public Watchdog(LabServer server, IOptions<SandboxOptions> options, ILogger<Watchdog> logger)
        : this(server, options, logger, new AppBackendRegistry(server), new WatchdogActionLog(server), TimeProvider.System)
    {
    }

    public Watchdog(LabServer server, IOptions<SandboxOptions> options, ILogger<Watchdog> logger,
        AppBackendRegistry appBackends, WatchdogActionLog actionLog, TimeProvider time)
    {
        _server = server;
        _options = options;
        _logger = logger;
        _appBackends = appBackends;
        _actionLog = actionLog;
        _time = time;
        _loopFailures = new RepeatedFailureLog(logger, "Watchdog sweep", time);
    }

    private SandboxOptions Options => _options.Value;

    /// <summary>One pass over every available server: find learner backends past a limit and act on them.</summary>
    public async Task<IReadOnlyList<WatchdogAction>> SweepAsync(CancellationToken ct)
    {
        await _sweepLock.WaitAsync(ct);
        try
        {
            var thresholds = WatchdogThresholds.From(Options);
            var registered = await _appBackends.ReadAsync(ct);
            var all = new List<WatchdogAction>();
            foreach (var host in _server.Hosts.Where(h => h.IsAvailable))
            {
                var failures = FailuresOf(host);
                try
                {
                    all.AddRange(await SweepAsync(host, thresholds, registered, ct));
                    failures.Succeeded();
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException && !ct.IsCancellationRequested)
                {
                    // One server that cannot be swept must not stop the others. The connection is kept while it is open
                    // (it may be the one way in); a broken one is opened again next time.
                    failures.Failed(e);
                    var connection = ConnectionOf(host);
                    if (e is not PostgresException || !connection.IsOpen)
                    {
                        await connection.CloseAsync();
                        if (e is NpgsqlException && !host.IsPrimary) await _server.ProbeAsync(host, ct);
                    }
                }
            }
            await HousekeepAsync(ct);
            return all;
        }
        finally
        {
            _sweepLock.Release();
        }
    }

    private async Task<List<WatchdogAction>> SweepAsync(SandboxHost host, WatchdogThresholds thresholds,
        Dictionary<(string Server, int Pid), List<AppBackendRegistry.AppBackend>> registered, CancellationToken ct)
    {
        var connection = ConnectionOf(host);
        var cancelled = CancelledOn(host);
        var terminated = TerminatedOn(host);
        var backends = await connection.SnapshotAsync(ct);
        var now = _time.GetUtcNow().UtcDateTime;
        var actions = new List<WatchdogAction>();
        var overrunning = new HashSet<int>();
        foreach (var seen in backends)
        {
            var b = seen with
            {
                AppPurpose = AppBackendRegistry.PurposeOf(registered, host.Key, seen.Pid, seen.Role, seen.BackendStart),
                MemoryBytes = host.LocalDataDirectory is { } dir ? LocalBackends.PrivateMemory(dir, seen.Pid) : null,
            };
            var wasCancelled = cancelled.TryGetValue(b.Pid, out var c) ? c : ((DateTime, DateTime)?)null;
            var decision = WatchdogRules.Decide(b, thresholds, wasCancelled, now);
            // A statement cancelled earlier and still running is remembered through its grace period.
            if (b.State == "active" && (decision is not null || wasCancelled?.Item1 == b.QueryStart)) overrunning.Add(b.Pid);
            if (decision is null) continue;
            // A backend just terminated may take a moment to exit: it is not signalled (nor logged) again meanwhile.
            if (decision.Step == WatchdogStep.Terminate && terminated.TryGetValue(b.Pid, out var t) && t.BackendStart == b.BackendStart
                && now - t.At < TimeSpan.FromSeconds(30)) continue;
            var action = new WatchdogAction(b.Pid, b.Role ?? $"(role {b.RoleOid})", b.Database, decision.Step, decision.Reason, decision.Duration, false)
            {
                ServerKey = host.Key,
            };
            // Written first, so that the learner's session finds why it ended (kept for later if the database is full).
            await _actionLog.RecordAsync(action, ct);
            action = action with { Signalled = await SignalAsync(host, connection, decision.Step, b, ct) };
            actions.Add(action);
            if (decision.Step == WatchdogStep.Cancel && b.QueryStart is { } started) cancelled[b.Pid] = (started, now);
            else
            {
                cancelled.Remove(b.Pid);
                if (action.Signalled) terminated[b.Pid] = (b.BackendStart, now);
            }
            _logger.LogWarning("Watchdog: {Step} backend {Pid} of {Role} in {Database} on {Server}: {Reason}",
                action.Step, action.Pid, action.Role, action.Database, action.ServerKey, action.Reason);
        }
        foreach (var pid in cancelled.Keys.Where(p => !overrunning.Contains(p)).ToList()) cancelled.Remove(pid);
        var alive = backends.Select(b => b.Pid).ToHashSet();
        foreach (var pid in terminated.Keys.Where(p => !alive.Contains(p)).ToList()) terminated.Remove(pid);
        await TryForgetGoneAppBackendsAsync(host, backends, ct);
        return actions;
    }

    /// <summary>Signals through PostgreSQL when its kept connection can; otherwise (the lock table is full and the role was
    /// never looked up there, or the signal failed) the embedded cluster's backend gets SIGTERM from this machine, which is
    /// what pg_terminate_backend sends. A server elsewhere cannot be reached that way: the learner is ended once the
    /// table has room again.</summary>
    private async Task<bool> SignalAsync(SandboxHost host, WatchdogConnection connection, WatchdogStep step, BackendSnapshot b, CancellationToken ct)
    {
        if (connection.CanSignal(b.RoleOid))
        {
            try
            {
                return await connection.SignalAsync(step, b.Pid, ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.OutOfMemory)
            {
                // the table filled meanwhile; Npgsql has closed the connection (reopened next sweep)
            }
        }
        return step == WatchdogStep.Terminate && host.LocalDataDirectory is { } dir && LocalBackends.Terminate(dir, b.Pid);
    }

    private async Task TryForgetGoneAppBackendsAsync(SandboxHost host, List<BackendSnapshot> backends, CancellationToken ct)
    {
        try
        {
            await _appBackends.ForgetGoneAsync(host.Key, backends.Where(b => !b.IsParallelWorker).ToDictionary(b => b.Pid, b => b.BackendStart), ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            // tried again next minute
        }
    }

    /// <summary>Writes actions kept while the metadata database was full, and forgets old ones (every minute).</summary>
    private async Task HousekeepAsync(CancellationToken ct)
    {
        try
        {
            await _actionLog.FlushAsync(ct);
            var now = _time.GetUtcNow().UtcDateTime;
            if (now - _lastHousekeeping < TimeSpan.FromMinutes(1)) return;
            _lastHousekeeping = now;
            await _actionLog.ForgetOldAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            // the metadata database is not writable right now; next sweep
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.WatchdogEnabled) return;
        while (!_server.IsStarted && !stoppingToken.IsCancellationRequested)
            await Task.Delay(500, stoppingToken);
        using var timer = new PeriodicTimer(Options.WatchdogInterval);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
                _loopFailures.Succeeded();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                _loopFailures.Failed(e);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _sweepLock.WaitAsync(cancellationToken);
        try
        {
            foreach (var c in _connections.Values) await c.DisposeAsync();
        }
        finally
        {
            _sweepLock.Release();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        foreach (var c in _connections.Values) c.Dispose();
    }

    private Dictionary<int, (DateTime QueryStart, DateTime CancelledAt)> CancelledOn(SandboxHost host)
    {
        if (!_cancelledByServer.TryGetValue(host.Key, out var cancelled)) _cancelledByServer[host.Key] = cancelled = new();
        return cancelled;
    }

    private Dictionary<int, (DateTime BackendStart, DateTime At)> TerminatedOn(SandboxHost host)
    {
        if (!_terminatedByServer.TryGetValue(host.Key, out var terminated)) _terminatedByServer[host.Key] = terminated = new();
        return terminated;
    }

    private WatchdogConnection ConnectionOf(SandboxHost host)
    {
        if (!_connections.TryGetValue(host.Key, out var c)) _connections[host.Key] = c = new WatchdogConnection(host);
        return c;
    }

    private RepeatedFailureLog FailuresOf(SandboxHost host)
    {
        if (!_failures.TryGetValue(host.Key, out var f)) _failures[host.Key] = f = new RepeatedFailureLog(_logger, $"Watchdog sweep of server {host.Key}", _time);
        return f;
    }
}
