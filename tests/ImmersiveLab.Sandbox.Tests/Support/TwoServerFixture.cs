using ImmersiveLab.Database.Hosts;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.TestSupport;

namespace ImmersiveLab.Sandbox.Tests.Support;

/// <summary>
/// The sandbox services on a primary cluster with a second cluster configured as sandbox server "second", and a
/// server "offline" that never answers (a closed loopback port).
/// </summary>
public sealed class TwoServerFixture : SandboxFixture
{
    public const string SecondKey = "second";
    public const string OfflineKey = "offline";
    private readonly int _closedPort = ClosedPort();

    public ExtraCluster Second { get; } = new();

    public override Dictionary<string, string?> Configuration(string dataDirectory)
    {
        var c = base.Configuration(dataDirectory);
        c["Database:SandboxServers:0:Key"] = SecondKey;
        c["Database:SandboxServers:0:ConnectionString"] = Second.ConnectionString;
        c["Database:SandboxServers:1:Key"] = OfflineKey;
        c["Database:SandboxServers:1:ConnectionString"] = $"Host=127.0.0.1;Port={_closedPort};Username=nobody;Password=none;Timeout=3";
        return c;
    }

    public override async Task InitializeAsync()
    {
        await Second.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Second.DisposeAsync();
    }

    public SandboxHost Host(string key) => Server.Host(key);

    /// <summary>The port the server with this key listens on.</summary>
    public int PortOf(string key) => Host(key).Status!.Port;

    public async Task<object?> ScalarOnAsync(string key, string sql, params object[] args)
    {
        await using var cmd = Host(key).Admin.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.AddWithValue(a);
        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>Whether the learner's database and role exist on that server.</summary>
    public async Task<(bool Database, bool Role)> ObjectsOnAsync(string key, LearnerRef learner)
    {
        var (db, role) = Provisioning.SandboxNames.For(learner.Id);
        return ((long)(await ScalarOnAsync(key, "SELECT count(*) FROM pg_database WHERE datname = $1", db))! == 1,
                (long)(await ScalarOnAsync(key, "SELECT count(*) FROM pg_roles WHERE rolname = $1", role))! == 1);
    }

    /// <summary>Drops every sandbox, so that a test starts from empty servers.</summary>
    public async Task DropAllSandboxesAsync()
    {
        foreach (var s in await Provisioner.ListAsync(null, CancellationToken.None))
            await Provisioner.DropAsync(s.LearnerId, CancellationToken.None);
    }

    /// <summary>A new learner whose sandbox was placed on <paramref name="key"/> (learners placed elsewhere on the way keep theirs).</summary>
    public async Task<LearnerRef> LearnerOnAsync(string key)
    {
        for (var i = 0; i < 10; i++)
        {
            var learner = await NewLearnerAsync("on");
            if ((await Provisioner.EnsureAsync(learner, CancellationToken.None)).ServerKey == key) return learner;
        }
        throw new InvalidOperationException($"No sandbox was placed on {key} in 10 tries.");
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

[CollectionDefinition(nameof(TwoServerCollection))]
public sealed class TwoServerCollection : ICollectionFixture<TwoServerFixture>;
