using ImmersiveLab.Database;
using ImmersiveLab.Database.Hosts;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Sandbox.Quota;

/// <summary>
/// The maintenance loop's side of Sandbox:MaxSandboxSize: measures every sandbox database on every available server,
/// records the sizes for the instructor's dashboard, cancels the running statements of a sandbox over its limit, and
/// ends the sessions of one that still grows while over it (temporary tables are the one write read-only mode allows;
/// they go with the session). Each step is recorded in the watchdog's log, so the learner is told which limit it was.
/// </summary>
public sealed class SandboxQuotaSweep(LabServer server, WatchdogActionLog actions, IOptions<SandboxOptions> options, ILogger<SandboxQuotaSweep> logger)
{
    /// <summary>Growth while over the limit that is not noise (a free-space map page or two).</summary>
    private const long GrowthTolerance = 1024 * 1024;
    private readonly Dictionary<(string Server, string Database), long> _over = new();
    private readonly object _gate = new();

    /// <summary>One pass over every available server; returns the sandboxes over their limit.</summary>
    public async Task<IReadOnlyList<(string Server, string Database, long Size)>> RunAsync(CancellationToken ct)
    {
        var limit = MemorySize.TryParse(options.Value.MaxSandboxSize, out var l) && l > 0 ? l : 0;
        var over = new List<(string, string, long)>();
        foreach (var host in server.Hosts.Where(h => h.IsAvailable))
        {
            try
            {
                over.AddRange(await SweepAsync(host, limit, ct));
            }
            catch (NpgsqlException e) when (!host.IsPrimary && UnavailableServer.IsConnectionFailure(e, ct))
            {
                await server.ProbeAsync(host, ct); // one server going away must not stop the others' sweep
            }
        }
        return over;
    }

    private async Task<List<(string, string, long)>> SweepAsync(SandboxHost host, long limit, CancellationToken ct)
    {
        var over = new List<(string, string, long)>();
        {
            var sizes = await MeasureAsync(host, ct);
            await RecordAsync(host, sizes, limit, ct);
            if (limit == 0) return over;
            foreach (var (db, size) in sizes.Where(s => s.Value > limit))
            {
                over.Add((host.Key, db, size));
                bool first, grew;
                lock (_gate)
                {
                    first = !_over.TryGetValue((host.Key, db), out var before);
                    grew = !first && size > before + GrowthTolerance;
                    _over[(host.Key, db)] = size;
                }
                var reason = $"the sandbox uses {MemorySize.Describe(size)} of its {MemorySize.Describe(limit)}" + (grew ? " and still grows" : "");
                if (first) logger.LogWarning("Sandbox {Database} on {Server} is over its size limit: {Size} of {Limit}",
                    db, host.Key, MemorySize.Describe(size), MemorySize.Describe(limit));
                await StopAsync(host, db, grew ? WatchdogStep.Terminate : WatchdogStep.Cancel, reason, ct);
            }
            lock (_gate)
                foreach (var key in _over.Keys.Where(k => k.Server == host.Key && !(sizes.TryGetValue(k.Database, out var s) && s > limit)).ToList())
                {
                    _over.Remove(key);
                    logger.LogInformation("Sandbox {Database} on {Server} is back under its size limit", key.Database, key.Server);
                }
        }
        return over;
    }

    private static async Task<Dictionary<string, long>> MeasureAsync(SandboxHost host, CancellationToken ct)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var cmd = host.Admin.CreateCommand(
            @"SELECT d.datname::text, pg_catalog.pg_database_size(d.oid) FROM pg_catalog.pg_database d WHERE d.datname LIKE 'sbx\_%'");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) sizes[r.GetString(0)] = r.GetInt64(1);
        return sizes;
    }

    private async Task RecordAsync(SandboxHost host, Dictionary<string, long> sizes, long limit, CancellationToken ct)
    {
        await using var cmd = server.Metadata.CreateCommand("""
            UPDATE sandboxes s SET size_bytes = v.size, size_limit_bytes = $2, size_checked_at = now()
            FROM unnest($3::text[], $4::bigint[]) v(db, size)
            WHERE s.server_key = $1 AND s.database_name = v.db
            """);
        cmd.Parameters.AddWithValue(host.Key);
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit > 0 ? limit : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        cmd.Parameters.AddWithValue(sizes.Keys.ToArray());
        cmd.Parameters.AddWithValue(sizes.Values.ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Cancels the active statements of the sandbox's learner backends, or ends all of them.</summary>
    private async Task StopAsync(SandboxHost host, string database, WatchdogStep step, string reason, CancellationToken ct)
    {
        var targets = new List<(int Pid, string Role)>();
        await using (var cmd = host.Admin.CreateCommand("""
            SELECT a.pid, a.usename::text FROM pg_catalog.pg_stat_activity a
            WHERE a.datname = $1 AND a.usename::text LIKE $2 AND a.backend_type = 'client backend' AND (a.state = 'active' OR $3)
            """))
        {
            cmd.Parameters.AddWithValue(database);
            cmd.Parameters.AddWithValue(SandboxNames.RoleLikePattern);
            cmd.Parameters.AddWithValue(step == WatchdogStep.Terminate);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) targets.Add((r.GetInt32(0), r.GetString(1)));
        }
        foreach (var (pid, role) in targets)
        {
            await actions.RecordAsync(new WatchdogAction(pid, role, database, step, reason, TimeSpan.Zero, true) { ServerKey = host.Key }, ct);
            await using var signal = host.Admin.CreateCommand(step == WatchdogStep.Cancel
                ? "SELECT pg_catalog.pg_cancel_backend($1)" : "SELECT pg_catalog.pg_terminate_backend($1)");
            signal.Parameters.AddWithValue(pid);
            await signal.ExecuteScalarAsync(ct);
            logger.LogWarning("Quota: {Step} backend {Pid} of {Role} in {Database} on {Server}: {Reason}", step, pid, role, database, host.Key, reason);
        }
    }
}
