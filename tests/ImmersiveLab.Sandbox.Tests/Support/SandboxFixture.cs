using ImmersiveLab.Database;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.LargeObjects;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Sandbox.Sessions;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ImmersiveLab.Sandbox.Tests.Support;

/// <summary>A real cluster with the sandbox services and short limits, so that limit tests finish quickly.</summary>
public class SandboxFixture : SandboxServerFixture
{
    public const string TempFileLimit = "16MB";

    public override Dictionary<string, string?> Configuration(string dataDirectory)
    {
        var c = base.Configuration(dataDirectory);
        c["Database:EmbeddedSettings:temp_file_limit"] = TempFileLimit;
        c["Sandbox:StatementTimeout"] = "00:00:02";
        c["Sandbox:LockTimeout"] = "00:00:01";
        c["Sandbox:IdleInTransactionTimeout"] = "00:00:03";
        c["Sandbox:WorkMem"] = "4MB";
        c["Sandbox:MaintenanceWorkMem"] = "64MB";
        c["Sandbox:ClientDeadline"] = "00:00:04";
        c["Sandbox:MaxValueBytes"] = "65536";
        c["Sandbox:MaxResultBytes"] = "4194304";
        c["Sandbox:MaxCellResultBytes"] = "8388608";
        c["Sandbox:MaxLearnerResultBytes"] = "12582912";
        c["Sandbox:TruncatedPrefixBytes"] = "100";
        c["Sandbox:MaxStatementChars"] = "20000";
        return c;
    }

    public SqlRunner Runner => Services.GetRequiredService<SqlRunner>();
    public SandboxProvisioner Provisioner => Services.GetRequiredService<SandboxProvisioner>();
    public SessionRegistry Sessions => Services.GetRequiredService<SessionRegistry>();
    public LearnerDirectory Learners => Services.GetRequiredService<LearnerDirectory>();
    public LargeObjectStore LargeObjects => Services.GetRequiredService<LargeObjectStore>();
    public KeptResults KeptResults => Services.GetRequiredService<KeptResults>();
    public SandboxOptions Options => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SandboxOptions>>().Value;

    /// <summary>A runner on the same sessions and server whose limits differ from the fixture's as <paramref name="change"/> says.</summary>
    public SqlRunner RunnerWith(Action<SandboxOptions> change)
    {
        var options = new SandboxOptions();
        Services.GetRequiredService<IConfiguration>().GetSection(SandboxOptions.SectionName).Bind(options);
        change(options);
        return ActivatorUtilities.CreateInstance<SqlRunner>(Services, Microsoft.Extensions.Options.Options.Create(options));
    }

    public Task<CellRunResult> RunAsync(LearnerRef learner, string sql, CancellationToken ct = default) => Runner.RunAsync(learner, sql, ct);

    /// <summary>
    /// Runs one statement with time limits long enough for a loaded machine (the fixture's are 2 s and 4 s so that the
    /// time-limit tests finish quickly): for tests of the other limits (bytes, rows, temp files), which must not end
    /// on a timeout when the test projects share the cores. Returns that statement's result, error included.
    /// </summary>
    public async Task<StatementResult> RunUnhurriedAsync(LearnerRef learner, string statement)
    {
        var runner = RunnerWith(o => o.ClientDeadline = TimeSpan.FromMinutes(3));
        var cell = await runner.RunAsync(learner, $"SET statement_timeout = '2min'; {statement}", CancellationToken.None);
        Assert.True(cell.Statements.Count == 2 && cell.Statements[0].Error is null,
            $"the unhurried run did not get to its statement: {cell.Error?.Message ?? cell.Statements[0].Error?.Message}");
        return cell.Statements[1];
    }

    /// <summary>The learner's backends on the server right now (pid, state): their session, and any other connection as them.</summary>
    public async Task<List<(int Pid, string? State)>> BackendsOfAsync(LearnerRef learner)
    {
        var role = (await Provisioner.EnsureAsync(learner, CancellationToken.None)).RoleName;
        var found = new List<(int, string?)>();
        await using var cmd = Server.Admin.CreateCommand("SELECT pid, state FROM pg_stat_activity WHERE usename = $1");
        cmd.Parameters.AddWithValue(role);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) found.Add((r.GetInt32(0), r.IsDBNull(1) ? null : r.GetString(1)));
        return found;
    }

    /// <summary>Waits until the server has no process of the learner's left (a backend goes a moment after it ends).</summary>
    public Task UntilNoBackendsOfAsync(LearnerRef learner, string why) =>
        Poll.UntilAsync(async () => (await BackendsOfAsync(learner)).Count == 0, why);

    internal Task<SandboxCredentials> CredentialsAsync(LearnerRef learner) => Provisioner.EnsureCredentialsAsync(learner.Id, CancellationToken.None);

    /// <summary>A connection as the learner's role (what a learner could do with their password) to any database.</summary>
    internal async Task<NpgsqlConnection> ConnectAsAsync(LearnerRef learner, string database)
    {
        var c = await CredentialsAsync(learner);
        var cs = new NpgsqlConnectionStringBuilder(Server.ConnectionStringFor(database, c.Role, c.Password)) { Pooling = false };
        var conn = new NpgsqlConnection(cs.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    public async Task<object?> AdminScalarAsync(string sql, params object[] args)
    {
        await using var cmd = Server.Admin.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.AddWithValue(a);
        return await cmd.ExecuteScalarAsync();
    }

    public async Task<object?> MetadataScalarAsync(string sql, params object[] args)
    {
        await using var cmd = Server.Metadata.CreateCommand(sql);
        foreach (var a in args) cmd.Parameters.AddWithValue(a);
        return await cmd.ExecuteScalarAsync();
    }
}

[CollectionDefinition(nameof(SandboxCollection))]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>;
