using System.Net;
using System.Net.Sockets;
using ImmersiveLab.Database.Hosts;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ImmersiveLab.Database.Tests;

/// <summary>A primary cluster with a second cluster, an unreachable server and a disabled one as sandbox servers.</summary>
public sealed class SandboxServersTests
{
    [Fact]
    public async Task Every_reachable_server_is_prepared_and_the_others_are_marked_unavailable_until_they_answer()
    {
        await using var second = new ExtraCluster();
        await second.StartAsync();
        using var dir = new TempDirectory();
        var fixture = new LabServerFixture();
        await using var services = fixture.BuildServices(dir.Path, s => s.Configure<LabDatabaseOptions>(o =>
        {
            o.SandboxServers.Add(new SandboxServerOptions { Key = "second", ConnectionString = second.ConnectionString, MaxSandboxes = 30 });
            o.SandboxServers.Add(new SandboxServerOptions { Key = "offline", ConnectionString = $"Host=127.0.0.1;Port={ClosedPort()};Username=x;Password=y" });
            o.SandboxServers.Add(new SandboxServerOptions { Key = "off", ConnectionString = "Host=192.0.2.1;Username=x;Password=y", Enabled = false });
        }));
        var server = services.GetRequiredService<LabServer>();
        await server.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal(["default", "second", "offline", "off"], server.Hosts.Select(h => h.Key));
            Assert.Same(server.Primary, server.Host("default"));
            Assert.True(server.Primary.IsAvailable);

            var s = server.Host("second");
            Assert.True(s.IsAvailable);
            Assert.Equal(30, s.MaxSandboxes);
            Assert.Equal(second.Port, s.Status!.Port);
            Assert.Equal($"127.0.0.1:{second.Port}", s.Endpoint);
            // The template is there, closed to connections, and PUBLIC may not connect to the shared databases.
            Assert.Equal(true, await ScalarAsync(s.Admin, "SELECT datistemplate AND NOT datallowconn FROM pg_database WHERE datname = 'lab_template'"));
            Assert.Equal(false, await ScalarAsync(s.Admin, "SELECT has_database_privilege('public', 'postgres', 'CONNECT')"));
            Assert.Equal(false, await ScalarAsync(s.Admin, "SELECT has_database_privilege('public', 'template1', 'CONNECT')"));
            // The metadata database lives on the primary only.
            Assert.Equal(0L, await ScalarAsync(s.Admin, "SELECT count(*) FROM pg_database WHERE datname = 'immersivelab'"));

            Assert.False(server.Host("offline").IsAvailable);
            Assert.NotNull(server.Host("offline").UnavailableReason);
            Assert.False(server.Host("off").IsAvailable);
            Assert.Contains("disabled", server.Host("off").UnavailableReason);
            Assert.Null(server.FindHost("nowhere"));
            Assert.Throws<LabDatabaseException>(() => server.Host("nowhere"));

            // The second server goes away: a probe marks it unavailable; when it is back, a retry brings it back.
            Assert.True(await server.ProbeAsync(s, CancellationToken.None));
            await second.StopAsync();
            Assert.False(await server.ProbeAsync(s, CancellationToken.None));
            Assert.False(s.IsAvailable);
            Assert.Equal(0, await server.RetryUnavailableHostsAsync(CancellationToken.None));
            await second.StartAsync();
            Assert.Equal(1, await server.RetryUnavailableHostsAsync(CancellationToken.None));
            Assert.True(s.IsAvailable);
            Assert.False(server.Host("offline").IsAvailable);
            Assert.False(server.Host("off").IsAvailable);
            Assert.Equal(1, await ScalarAsync(s.Admin, "SELECT 1"));
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlDataSource ds, string sql)
    {
        await using var cmd = ds.CreateCommand(sql);
        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>A loopback port nothing listens on.</summary>
    internal static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
