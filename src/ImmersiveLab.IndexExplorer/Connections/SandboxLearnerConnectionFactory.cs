using System.Collections.Concurrent;
using ImmersiveLab.Sandbox.Connections;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.IndexExplorer.Connections;

/// <summary>
/// Connects to the learner's sandbox as the learner's role, on the server that holds it, through the sandbox
/// project's <see cref="SandboxConnections"/> (which ensures the sandbox and adds the role's limits as startup options).
/// One small pooled data source per learner, dropped when the sandbox is reset or dropped (its password changes).
/// </summary>
public sealed class SandboxLearnerConnectionFactory : ILearnerConnectionFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<NpgsqlDataSource>>> _sources = new();
    private readonly LearnerDirectory _learners;
    private readonly SandboxConnections _connections;
    private readonly IOptions<IndexExplorerOptions> _options;
    private readonly ILogger<SandboxLearnerConnectionFactory> _logger;

    public SandboxLearnerConnectionFactory(LearnerDirectory learners, SandboxConnections connections, SandboxEvents events,
        IOptions<IndexExplorerOptions> options, ILogger<SandboxLearnerConnectionFactory> logger)
    {
        _learners = learners;
        _connections = connections;
        _options = options;
        _logger = logger;
        events.OnRemoving(ForgetAsync);
    }

    public async Task<NpgsqlDataSource> OpenForLearnerAsync(Guid learnerId, CancellationToken ct)
    {
        var lazy = _sources.GetOrAdd(learnerId, id => new Lazy<Task<NpgsqlDataSource>>(() => CreateAsync(id, CancellationToken.None)));
        try
        {
            var source = await lazy.Value.WaitAsync(ct);
            if (await CanConnectAsync(source, ct)) return source;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            _logger.LogInformation(e, "Explorer connection for learner {Learner} failed; looking the sandbox up again", learnerId);
        }
        await ForgetAsync(learnerId);
        var fresh = _sources.GetOrAdd(learnerId, id => new Lazy<Task<NpgsqlDataSource>>(() => CreateAsync(id, CancellationToken.None)));
        return await fresh.Value.WaitAsync(ct);
    }

    private async Task<NpgsqlDataSource> CreateAsync(Guid learnerId, CancellationToken ct)
    {
        if (await _learners.FindAsync(learnerId, ct) is null) throw new InvalidOperationException($"No learner {learnerId}.");
        var o = _options.Value;
        // The app's own connections: registered, so the watchdog gives the builds the explorer's limits (never a learner).
        return await _connections.CreateAppDataSourceAsync(learnerId, o.ApplicationName, cs =>
        {
            // The role's connection limit is small and the learner's own session needs one.
            cs.MaxPoolSize = Math.Max(1, o.MaxConnectionsPerLearner);
            cs.ConnectionIdleLifetime = 30;
            // Time limits are statement_timeout on each connection, set by the explorer.
            cs.CommandTimeout = 0;
            cs.Timeout = 15;
        }, ct);
    }

    private static async Task<bool> CanConnectAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        return true;
    }

    private async Task ForgetAsync(Guid learnerId)
    {
        if (_sources.TryRemove(learnerId, out var lazy) && lazy.IsValueCreated)
        {
            try
            {
                await (await lazy.Value).DisposeAsync();
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // it never connected
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sources.Keys.ToList()) await ForgetAsync(id);
    }
}
