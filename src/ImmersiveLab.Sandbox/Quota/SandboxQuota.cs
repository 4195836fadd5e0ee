using System.Collections.Concurrent;
using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Sandbox.Quota;

/// <summary>
/// The runner's look at a learner's sandbox size (Sandbox:MaxSandboxSize) between statements: measured through the
/// server's admin connection (never in the learner's session, whose settings and transaction are theirs), kept for
/// <see cref="CacheFor"/> so that a cell of many statements costs one measure, measured again after a statement that
/// frees space.
/// </summary>
public sealed class SandboxQuota
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Guid, (QuotaState State, DateTime At)> _measured = new();
    private readonly ConcurrentDictionary<Guid, (string Server, string Database)> _where = new();
    private readonly LabServer _server;
    private readonly SandboxProvisioner _provisioner;
    private readonly IOptions<SandboxOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SandboxQuota> _logger;

    public SandboxQuota(LabServer server, SandboxProvisioner provisioner, SandboxEvents events, IOptions<SandboxOptions> options,
        TimeProvider time, ILogger<SandboxQuota> logger)
    {
        _server = server;
        _provisioner = provisioner;
        _options = options;
        _time = time;
        _logger = logger;
        events.OnRemoving(id =>
        {
            Forget(id);
            _where.TryRemove(id, out _);
            return Task.CompletedTask;
        });
    }

    /// <summary>The limit in bytes, or null when there is none.</summary>
    public long? LimitBytes =>
        MemorySize.TryParse(_options.Value.MaxSandboxSize, out var bytes) && bytes > 0 ? bytes : null;

    /// <summary>The sandbox's size against the limit (a moment old at most), or null when there is no limit or it cannot be measured now.</summary>
    public async Task<QuotaState?> CheckAsync(Guid learnerId, CancellationToken ct)
    {
        if (LimitBytes is not { } limit) return null;
        var now = _time.GetUtcNow().UtcDateTime;
        if (_measured.TryGetValue(learnerId, out var known) && now - known.At < CacheFor && known.State.LimitBytes == limit) return known.State;
        try
        {
            if (!_where.TryGetValue(learnerId, out var where))
            {
                if (await _provisioner.InspectInfoAsync(learnerId, ct) is not { } info) return null;
                _where[learnerId] = where = (info.ServerKey, info.DatabaseName);
            }
            if (_server.FindHost(where.Server) is not { IsAvailable: true } host) return known.State;
            await using var cmd = host.Admin.CreateCommand(
                "SELECT pg_catalog.pg_database_size(d.oid) FROM pg_catalog.pg_database d WHERE d.datname = $1");
            cmd.Parameters.AddWithValue(where.Database);
            if (await cmd.ExecuteScalarAsync(ct) is not long size)
            {
                _where.TryRemove(learnerId, out _); // recreated elsewhere meanwhile: looked up again next time
                return null;
            }
            var state = new QuotaState(size, limit);
            _measured[learnerId] = (state, now);
            return state;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            _logger.LogDebug(e, "Could not measure the sandbox of learner {Learner}", learnerId);
            return known.State; // the last measure, if any
        }
    }

    /// <summary>Measures again on the next check (after a statement that may have freed space).</summary>
    public void Forget(Guid learnerId) => _measured.TryRemove(learnerId, out _);
}
