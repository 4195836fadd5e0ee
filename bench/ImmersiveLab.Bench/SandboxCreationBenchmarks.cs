using BenchmarkDotNet.Attributes;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Provisioning;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Bench;

/// <summary>
/// Sandbox creation (role + database from the template + grants + metadata row, then the first query through a new
/// session) against a bare CREATE DATABASE … TEMPLATE, and 50 learners joining at the same moment.
/// Target from the issue: a sandbox in under 1 s with the sample data.
/// </summary>
public class SandboxCreationBenchmarks
{
    private BenchCluster _cluster = null!;
    private readonly List<string> _bareDatabases = [];
    private readonly List<Guid> _learners = [];

    /// <summary>null: the server default (WAL_LOG on PostgreSQL 15); FILE_COPY copies files after a checkpoint.</summary>
    [Params(null, "FILE_COPY")]
    public string? Strategy { get; set; }

    [GlobalSetup]
    public void Setup() => _cluster = BenchCluster.StartAsync(Strategy).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [IterationCleanup]
    public void DropCreated()
    {
        foreach (var db in _bareDatabases) _cluster.ExecAsync($"DROP DATABASE IF EXISTS \"{db}\"").GetAwaiter().GetResult();
        _bareDatabases.Clear();
        var provisioner = _cluster.Services.GetRequiredService<SandboxProvisioner>();
        foreach (var id in _learners) provisioner.DropAsync(id, CancellationToken.None).GetAwaiter().GetResult();
        _learners.Clear();
    }

    [Benchmark(Baseline = true, Description = "bare CREATE DATABASE … TEMPLATE")]
    public async Task BareCreateDatabase()
    {
        var name = "bare_" + Guid.NewGuid().ToString("N")[..12];
        _bareDatabases.Add(name);
        var strategy = Strategy is null ? "" : $" STRATEGY {Strategy}";
        await _cluster.ExecAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"lab_template\"{strategy}");
    }

    [Benchmark(Description = "sandbox: create + first query")]
    public async Task CreateSandboxAndRunFirstQuery()
    {
        var learner = await NewLearnerAsync();
        await RunFirstQueryAsync(learner);
    }

    [Benchmark(Description = "50 learners join at once")]
    public async Task FiftyLearnersJoinAtOnce()
    {
        var learners = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => NewLearnerAsync()));
        await Task.WhenAll(learners.Select(RunFirstQueryAsync));
    }

    private async Task<LearnerRef> NewLearnerAsync()
    {
        var learner = await _cluster.Services.GetRequiredService<LearnerDirectory>()
            .GetOrCreateAsync("bench-" + Guid.NewGuid().ToString("N")[..12], null, CancellationToken.None);
        lock (_learners) _learners.Add(learner.Id);
        return learner;
    }

    private async Task RunFirstQueryAsync(LearnerRef learner)
    {
        var result = await _cluster.Services.GetRequiredService<SqlRunner>()
            .RunAsync(learner, "SELECT count(*) FROM lab.sample_images", CancellationToken.None);
        if (!result.Succeeded)
            throw new InvalidOperationException(result.Error?.Message ?? result.Statements[0].Error?.Message);
    }
}
