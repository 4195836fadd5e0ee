using ImmersiveLab.Database.Cluster;
using ImmersiveLab.Database.Hosts;
using ImmersiveLab.Database.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ImmersiveLab.Database;

/// <summary>
/// The PostgreSQL servers the lab runs on. The primary (key "default": the embedded cluster, or ConnectionStrings:Admin)
/// holds the metadata database and sandboxes; Database:SandboxServers adds servers for sandboxes only. Starting
/// ensures the metadata database and, on every server, the template. A sandbox server that cannot be prepared is
/// marked unavailable (the primary must start) and tried again by <see cref="RetryUnavailableHostsAsync"/>.
/// </summary>
public sealed class LabServer(
    IOptions<LabDatabaseOptions> options,
    EmbeddedCluster embedded,
    MetadataMigrator migrator,
    SandboxHostPreparer preparer,
    ILogger<LabServer> logger) : IAsyncDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _startLock = new(1, 1);
    private IReadOnlyList<SandboxHost>? _hosts;
    private NpgsqlDataSource? _metadata;

    public LabDatabaseOptions Options => options.Value;
    /// <summary>The primary server's status.</summary>
    public ServerStatus? Status { get; private set; }
    public bool IsStarted => _metadata is not null;

    /// <summary>Every configured server, the primary first, then Database:SandboxServers in their order.</summary>
    public IReadOnlyList<SandboxHost> Hosts => _hosts ?? throw NotStarted();

    public SandboxHost Primary => Hosts[0];

    /// <summary>The server with this key, or null when none is configured (e.g. it was removed from the configuration).</summary>
    public SandboxHost? FindHost(string key) => Hosts.FirstOrDefault(h => h.Key == key);

    public SandboxHost Host(string key) =>
        FindHost(key) ?? throw new LabDatabaseException($"No database server with the key '{key}' is configured (Database:SandboxServers).");

    /// <summary>Admin connection to the primary's "postgres" maintenance database (or the configured one).</summary>
    public NpgsqlDataSource Admin => Primary.Admin;

    /// <summary>The app's own data: learners, progress, classes, and which server holds each sandbox.</summary>
    public NpgsqlDataSource Metadata => _metadata ?? throw NotStarted();

    public string AdminConnectionString => Primary.AdminConnectionString;

    public async Task StartAsync(CancellationToken ct)
    {
        await _startLock.WaitAsync(ct);
        try
        {
            if (_metadata is not null) return;
            var o = Options;
            var mode = string.IsNullOrWhiteSpace(o.AdminConnectionString) ? ServerMode.Embedded : ServerMode.External;
            var hosts = CreateHosts(o);
            var primary = hosts[0];
            try
            {
                primary.Attach(mode == ServerMode.Embedded ? await embedded.StartAsync(ct) : o.AdminConnectionString!);
                if (mode == ServerMode.Embedded) primary.MarkLocal(embedded.PgData);
                var metadata = await PreparePrimaryAsync(primary, mode, ct);
                foreach (var host in hosts.Skip(1).Where(h => h.Enabled)) await TryPrepareAsync(host, ct);
                foreach (var host in hosts.Skip(1).Where(h => !h.Enabled))
                    logger.LogInformation("Sandbox server {Server} is disabled in the configuration", host.Key);
                Status = primary.Status;
                _hosts = hosts;
                _metadata = metadata;
            }
            catch
            {
                foreach (var h in hosts) await h.DisposeAsync();
                throw;
            }
            logger.LogInformation("PostgreSQL ready: {Version}, pgvector {Vector} ({Mode}); {Available} of {Count} sandbox servers available",
                Status!.ServerVersion, Status.PgvectorVersion, mode, hosts.Count(h => h.IsAvailable), hosts.Count);
        }
        finally
        {
            _startLock.Release();
        }
    }

    /// <summary>Tries every enabled server that is not available again (the maintenance loop calls this). Returns how many came back.</summary>
    public async Task<int> RetryUnavailableHostsAsync(CancellationToken ct)
    {
        if (_hosts is not { } hosts) return 0;
        var back = 0;
        foreach (var host in hosts.Where(h => h.Enabled && !h.IsAvailable && !h.IsPrimary))
        {
            await _startLock.WaitAsync(ct);
            try
            {
                if (!host.IsAvailable && await TryPrepareAsync(host, ct)) back++;
            }
            finally
            {
                _startLock.Release();
            }
        }
        return back;
    }

    /// <summary>
    /// After a connection to <paramref name="host"/> failed: is the server still answering its admin? A sandbox server
    /// that does not is marked unavailable (no new sandboxes, its learners are told) until a retry succeeds. The
    /// primary is never marked: without it nothing works, and its errors speak for themselves.
    /// </summary>
    public async Task<bool> ProbeAsync(SandboxHost host, CancellationToken ct)
    {
        if (host.IsPrimary) return true;
        if (!host.IsAvailable) return false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ProbeTimeout);
        host.ClearIdleConnections();
        try
        {
            await using var cmd = host.Admin.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(timeout.Token);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            host.MarkUnavailable(e.Message);
            logger.LogError("Sandbox server {Server} ({Endpoint}) stopped answering: {Reason}. No new sandboxes go there until it is back",
                host.Key, host.Endpoint, e.Message);
            return false;
        }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_metadata is not null) await _metadata.DisposeAsync();
        foreach (var host in _hosts ?? []) await host.DisposeAsync();
        _metadata = null;
        _hosts = null;
        NpgsqlConnection.ClearAllPools();
        if (Options.StopEmbeddedOnShutdown) await embedded.StopAsync(ct);
    }

    /// <summary>A connection string for another database on the primary server, as the admin or as another role.</summary>
    public string ConnectionStringFor(string database, string? user = null, string? password = null, string? applicationName = null) =>
        Primary.ConnectionStringFor(database, user, password, applicationName);

    /// <summary>A data source for one database of the primary server with pgvector types mapped.</summary>
    public NpgsqlDataSource CreateDataSource(string database, string? applicationName = null, string? user = null, string? password = null) =>
        Primary.CreateDataSource(database, applicationName, user, password);

    /// <summary>Drops the pooled idle connections of the app's data sources. After a server restart every pooled
    /// connection is dead, and Npgsql finds that out only one failed command at a time.</summary>
    public void ClearPools()
    {
        foreach (var host in _hosts ?? []) host.ClearIdleConnections();
        _metadata?.Clear();
    }

    public ValueTask DisposeAsync() => new(StopAsync(CancellationToken.None));

    private static List<SandboxHost> CreateHosts(LabDatabaseOptions o) =>
    [
        new SandboxHost(SandboxHost.DefaultKey, null, o.PrimaryMaxSandboxes, enabled: true),
        .. o.SandboxServers.Select(s => new SandboxHost(s.Key, s.ConnectionString, s.MaxSandboxes, s.Enabled)),
    ];

    private async Task<NpgsqlDataSource> PreparePrimaryAsync(SandboxHost primary, ServerMode mode, CancellationToken ct)
    {
        await preparer.CheckVersionsAsync(primary, ct);
        await EnsureDatabaseAsync(primary.Admin, Options.MetadataDatabase, ct);
        var metadata = primary.CreateDataSource(Options.MetadataDatabase, "immersivelab-metadata");
        try
        {
            await migrator.MigrateAsync(metadata, ct);
            await preparer.PrepareAsync(primary, ct);
            primary.MarkAvailable(await preparer.ReadStatusAsync(primary, mode,
                mode == ServerMode.Embedded ? embedded.DataRoot : null, mode == ServerMode.Embedded ? embedded.LogFile : null, ct));
            return metadata;
        }
        catch
        {
            await metadata.DisposeAsync();
            throw;
        }
    }

    private async Task<bool> TryPrepareAsync(SandboxHost host, CancellationToken ct)
    {
        try
        {
            host.Attach();
            host.ClearIdleConnections();
            await preparer.CheckVersionsAsync(host, ct);
            await preparer.PrepareAsync(host, ct);
            host.MarkAvailable(await preparer.ReadStatusAsync(host, ServerMode.External, null, null, ct));
            logger.LogInformation("Sandbox server {Server} ({Endpoint}) ready: {Version}", host.Key, host.Endpoint, host.Status!.ServerVersion);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or LabDatabaseException or TimeoutException or System.Net.Sockets.SocketException or ArgumentException
                                      && !ct.IsCancellationRequested)
        {
            host.MarkUnavailable(e.Message);
            logger.LogError("Sandbox server {Server} ({Endpoint}) is unavailable: {Reason}. No sandboxes are placed there; it is tried again later",
                host.Key, host.Endpoint, e.Message);
            return false;
        }
    }

    private static async Task EnsureDatabaseAsync(NpgsqlDataSource admin, string name, CancellationToken ct)
    {
        await using var exists = admin.CreateCommand("SELECT 1 FROM pg_database WHERE datname = $1");
        exists.Parameters.AddWithValue(name);
        if (await exists.ExecuteScalarAsync(ct) is not null) return;
        try
        {
            await using var create = admin.CreateCommand($"CREATE DATABASE {Quote(name)} TEMPLATE template0 ENCODING 'UTF8'");
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // another instance created it at the same moment
        }
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static InvalidOperationException NotStarted() => new("The lab's PostgreSQL server has not been started yet.");
}
