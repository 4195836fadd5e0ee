using ImmersiveLab.Database;
using ImmersiveLab.Database.Cluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImmersiveLab.TestSupport;

/// <summary>
/// A plain PostgreSQL cluster with pgvector in its own temporary directory, for a test to configure as a sandbox server
/// (Database:SandboxServers) of a lab whose primary is another cluster. It can be stopped and started again on the same port.
/// </summary>
public sealed class ExtraCluster : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EmbeddedCluster _cluster;

    public ExtraCluster()
    {
        var options = new LabDatabaseOptions { DataDirectory = _dir.Path };
        foreach (var (name, value) in LabServerFixture.SmallClusterSettings) options.EmbeddedSettings[name] = value;
        _cluster = new EmbeddedCluster(options, NullLogger<EmbeddedCluster>.Instance);
    }

    /// <summary>The admin connection string (superuser), valid across restarts.</summary>
    public string ConnectionString { get; private set; } = "";
    public int Port => _cluster.Port;

    public async Task StartAsync(CancellationToken ct = default) => ConnectionString = await _cluster.StartAsync(ct);

    public Task StopAsync(CancellationToken ct = default) => _cluster.StopAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAsync(CancellationToken.None);
        _dir.Dispose();
    }
}
