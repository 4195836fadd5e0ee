using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.Sandbox.Quota;
using ImmersiveLab.Sandbox.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ImmersiveLab.Sandbox.Tests.Hostile;

/// <summary>
/// A cluster of its own for the attacks that touch the whole server (a full lock table, memory, disk), with limits small
/// enough to reach in a test: sandboxes of 24 MB, sessions closed after 4 s idle, a 10 s client deadline.
/// </summary>
public sealed class HostileLearnerFixture : SandboxFixture
{
    public const string MaxSandboxSize = "24MB";
    public static readonly TimeSpan IdleSessionTimeout = TimeSpan.FromSeconds(4);

    public override Dictionary<string, string?> Configuration(string dataDirectory)
    {
        var c = base.Configuration(dataDirectory);
        c["Sandbox:MaxSandboxSize"] = MaxSandboxSize;
        c["Sandbox:IdleSessionTimeout"] = "00:00:04";
        c["Sandbox:ClientDeadline"] = "00:00:10";
        return c;
    }

    public SandboxQuota Quota => Services.GetRequiredService<SandboxQuota>();
    public SandboxQuotaSweep QuotaSweep => Services.GetRequiredService<SandboxQuotaSweep>();
    public RunAdmission Admission => Services.GetRequiredService<RunAdmission>();

    /// <summary>Watchdog options as the app would have them, with second-scale limits.</summary>
    public SandboxOptions WatchdogOptions(Action<SandboxOptions>? tweak = null)
    {
        var o = new SandboxOptions
        {
            WatchdogHardLimit = TimeSpan.FromSeconds(1),
            WatchdogGrace = TimeSpan.FromSeconds(1),
            IdleSessionTimeout = IdleSessionTimeout,
            WatchdogApplicationLimits = new() { ["immersivelab-explorer"] = TimeSpan.FromMinutes(5) },
        };
        tweak?.Invoke(o);
        return o;
    }

    /// <summary>A new connection as the cluster's admin, not pooled (what fails first when the lock table is full).</summary>
    public async Task<NpgsqlConnection> NewAdminConnectionAsync()
    {
        var cs = new NpgsqlConnectionStringBuilder(Server.AdminConnectionString) { Pooling = false, Timeout = 10 };
        var conn = new NpgsqlConnection(cs.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    /// <summary>Runs SQL as the admin inside the learner's own database (test set-up only; the app never does this).</summary>
    public async Task AdminInSandboxAsync(LearnerRef learner, string sql)
    {
        var info = await Provisioner.EnsureAsync(learner, CancellationToken.None);
        var cs = new NpgsqlConnectionStringBuilder(Server.ConnectionStringFor(info.DatabaseName)) { Pooling = false };
        await using var conn = new NpgsqlConnection(cs.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql.Replace("{role}", info.RoleName), conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Polls until <paramref name="condition"/> holds, or fails after <paramref name="patience"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        var until = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"Not within {patience ?? TimeSpan.FromSeconds(30)}: {what}");
            await Task.Delay(100);
        }
    }
}

[CollectionDefinition(nameof(HostileLearnerCollection))]
public sealed class HostileLearnerCollection : ICollectionFixture<HostileLearnerFixture>;
