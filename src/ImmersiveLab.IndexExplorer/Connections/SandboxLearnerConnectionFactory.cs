using System.Collections.Concurrent;
using ImmersiveLab.Database;
using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.IndexExplorer.Connections;

/// <summary>
/// Connects to the learner's sandbox as the learner's role, through the sandbox project: the provisioner ensures
/// the sandbox exists and names its database and role. One small pooled data source per learner, dropped when the
/// sandbox is reset or dropped (its password changes).
/// <para>Interim: the Sandbox project keeps its session credentials internal (SessionConnector), so the role's
/// password is read from the metadata row the provisioner wrote. Switch to the Sandbox's public connection API
/// when it has one.</para>
/// </summary>
public sealed class SandboxLearnerConnectionFactory : ILearnerConnectionFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<NpgsqlDataSource>>> _sources = new();
    private readonly LabServer _server;
    private readonly LearnerDirectory _learners;
    private readonly SandboxProvisioner _provisioner;
    private readonly IOptions<IndexExplorerOptions> _options;
    private readonly IOptions<SandboxOptions> _sandboxOptions;
    private readonly ILogger<SandboxLearnerConnectionFactory> _logger;

    public SandboxLearnerConnectionFactory(LabServer server, LearnerDirectory learners, SandboxProvisioner provisioner, SandboxEvents events,
        IOptions<IndexExplorerOptions> options, IOptions<SandboxOptions> sandboxOptions, ILogger<SandboxLearnerConnectionFactory> logger)
    {
        _sandboxOptions = sandboxOptions;
        _server = server;
        _learners = learners;
        _provisioner = provisioner;
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
        var learner = await _learners.FindAsync(learnerId, ct) ?? throw new InvalidOperationException($"No learner {learnerId}.");
        var sandbox = await _provisioner.EnsureAsync(learner, ct);
        await using var cmd = _server.Metadata.CreateCommand("SELECT role_password FROM sandboxes WHERE learner_id = $1");
        cmd.Parameters.AddWithValue(learnerId);
        var password = (string?)await cmd.ExecuteScalarAsync(ct) ?? throw new InvalidOperationException($"No sandbox for learner {learnerId}.");

        var o = _options.Value;
        var cs = new NpgsqlConnectionStringBuilder(_server.ConnectionStringFor(sandbox.DatabaseName, sandbox.RoleName, password, o.ApplicationName))
        {
            // The role's connection limit is small and the learner's own session needs one.
            MaxPoolSize = Math.Max(1, o.MaxConnectionsPerLearner),
            ConnectionIdleLifetime = 30,
            // Time limits are statement_timeout on each connection, set by the explorer.
            CommandTimeout = 0,
            Timeout = 15,
            Options = StartupOptions(_sandboxOptions.Value),
        };
        var builder = new NpgsqlDataSourceBuilder(cs.ConnectionString);
        builder.UseVector();
        return builder.Build();
    }

    /// <summary>
    /// The role's limits as startup options, which outrank ALTER ROLE … SET (a learner may run that on their own role),
    /// as the learner's session does. statement_timeout is set per connection by the explorer.
    /// </summary>
    internal static string StartupOptions(SandboxOptions o)
    {
        static string Ms(TimeSpan t) => ((long)t.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        static string Memory(string v) => System.Text.RegularExpressions.Regex.IsMatch(v, "^[0-9]+(kB|MB|GB)$")
            ? v : throw new InvalidOperationException($"Not a memory setting: {v}");
        return string.Join(' ',
            $"-c lock_timeout={Ms(o.LockTimeout)}",
            $"-c idle_in_transaction_session_timeout={Ms(o.IdleInTransactionTimeout)}",
            $"-c work_mem={Memory(o.WorkMem)}",
            $"-c maintenance_work_mem={Memory(o.MaintenanceWorkMem)}");
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
