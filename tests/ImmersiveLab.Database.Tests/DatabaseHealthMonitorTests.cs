using ImmersiveLab.Database.Cluster;
using ImmersiveLab.Database.Health;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Database.Tests;

/// <summary>The health monitor across real stops and restarts. Each test owns its cluster, because it stops and starts it.</summary>
public sealed class DatabaseHealthMonitorTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly TempDirectory _dir = new();
    private ServiceProvider _services = null!;

    private LabServer Server => _services.GetRequiredService<LabServer>();
    private EmbeddedCluster Cluster => _services.GetRequiredService<EmbeddedCluster>();
    private DatabaseHealthMonitor Monitor => _services.GetRequiredService<DatabaseHealthMonitor>();

    public async Task InitializeAsync()
    {
        _services = new LabServerFixture().BuildServices(_dir.Path);
        await Server.StartAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        await Server.StopAsync(Ct);
        await _services.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_stopped_server_is_reported_down_once_and_up_again_once_it_is_back()
    {
        var changes = new List<DatabaseHealth>();
        Monitor.Changed += h => { lock (changes) changes.Add(h); };
        var up = await Monitor.CheckAsync(Ct);
        Assert.True(up.IsUp);
        Assert.NotNull(up.ServerStartedUtc);

        await Cluster.StopAsync(Ct);
        var down = await Monitor.CheckAsync(Ct);
        Assert.False(down.IsUp);
        Assert.NotNull(down.Error);
        Assert.Same(down, Monitor.Current);
        Assert.False((await Monitor.CheckAsync(Ct)).IsUp); // still down: not raised again

        await Cluster.StartAsync(Ct);
        var back = await Monitor.CheckAsync(Ct);

        Assert.True(back.IsUp, back.Error);
        Assert.True(back.ServerStartedUtc > up.ServerStartedUtc);
        lock (changes) Assert.Equal([false, true], changes.Select(c => c.IsUp));
    }

    [Fact]
    public async Task After_a_restart_between_two_checks_the_apps_pooled_connections_work_again()
    {
        await Monitor.CheckAsync(Ct);
        await ScalarAsync(); // leaves an idle connection in the metadata pool

        await Cluster.RestartAsync(Ct);
        // A check or two: the first may itself land on a dead pooled admin connection.
        for (var i = 0; i < 3 && !(await Monitor.CheckAsync(Ct)).IsUp; i++) { }

        Assert.True(Monitor.Current.IsUp, Monitor.Current.Error);
        // Without the monitor clearing the pools, this would fail on the dead pooled connection (57P01).
        Assert.Equal(1, await ScalarAsync());
    }

    private async Task<object?> ScalarAsync()
    {
        await using var cmd = Server.Metadata.CreateCommand("SELECT 1");
        return await cmd.ExecuteScalarAsync(Ct);
    }
}
