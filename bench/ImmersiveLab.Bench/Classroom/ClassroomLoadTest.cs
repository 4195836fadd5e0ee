using System.Diagnostics;
using System.Globalization;
using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Maintenance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Bench.Classroom;

/// <summary>
/// Issue 8 ("Classroom") capacity: a class of learners runs lab 5 at once against a real embedded cluster, through
/// the product's services (sandboxes from the template, SqlRunner with admission and role limits, the watchdog
/// running). Scenario 1 is the class alone; scenario 2 adds one learner with a runaway query. Goal: the others' p95
/// latency with the runaway is at most 3× the class-alone p95. Traffic is loopback only.
/// </summary>
public static class ClassroomLoadTest
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ClassroomLoadOptions options;
        try
        {
            options = ClassroomLoadOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        if (options.Walk.Count > 0) return await ClassroomWalkTest.RunAsync(options);
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Run from inside the repository (ImmersiveLab.sln not found).");
        var queries = Lab5Queries.Load(root);
        var o = Console.Out;

        var clock = Stopwatch.StartNew();
        var settings = new Dictionary<string, string?>();
        if (options.Slots is { } slots) settings["Sandbox:MaxConcurrentRuns"] = slots.ToString(CultureInfo.InvariantCulture);
        await using var cluster = await BenchCluster.StartAsync(null, Path.Combine(root, "sample-images"), settings);
        var services = cluster.Services;
        var limits = services.GetRequiredService<IOptions<SandboxOptions>>().Value;
        var admission = services.GetRequiredService<RunAdmission>();
        var watchdog = services.GetRequiredService<Watchdog>();
        await watchdog.StartAsync(CancellationToken.None);
        o.WriteLine($"cluster with the 50 sample images up in {clock.Elapsed.TotalSeconds:0.0} s; {Environment.ProcessorCount} cores; " +
                    $"admission slots {admission.Capacity}, statement_timeout {limits.StatementTimeout.TotalSeconds:0} s, " +
                    $"client deadline {limits.ClientDeadline.TotalSeconds:0} s, watchdog {limits.WatchdogHardLimit.TotalSeconds:0} s every {limits.WatchdogInterval.TotalSeconds:0} s");
        try
        {
            var runner = services.GetRequiredService<SqlRunner>();
            clock.Restart();
            var learners = await ProvisionAsync(services, runner, options.Learners + 1, queries.Setup);
            o.WriteLine($"{learners.Count} learners: sandboxes + lab 5 setup ({string.Join(", ", queries.Setup.Select(q => q.Id))}) in {clock.Elapsed.TotalSeconds:0.0} s");
            var runaway = new RunawayLearner(learners[^1].Learner, runner);
            var normal = learners.Take(options.Learners).ToList();

            await PrintUncontendedAsync(normal[0], queries.Workload, o);
            var alone = await RunScenarioAsync($"1. {options.Learners} learners", normal, null, queries.Workload, options);
            ScenarioReport.Print(alone, o);
            var withRunaway = await RunScenarioAsync($"2. {options.Learners} learners + 1 runaway", normal, runaway, queries.Workload, options);
            ScenarioReport.Print(withRunaway, o);
            ScenarioReport.PrintComparison(alone, withRunaway, o);
            return 0;
        }
        finally
        {
            await watchdog.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<List<SimulatedLearner>> ProvisionAsync(IServiceProvider services, SqlRunner runner, int count, IReadOnlyList<LabQuery> setup)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var directory = services.GetRequiredService<LearnerDirectory>();
        var learners = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            new SimulatedLearner(i, await directory.GetOrCreateAsync($"classroom-{i:00}", null, timeout.Token), runner)));
        // The first run creates the sandbox (role, database from the template); then the lab's setup solutions.
        await Task.WhenAll(learners.Select(l => l.RunInOrderAsync(setup, timeout.Token)));
        return [.. learners];
    }

    /// <summary>Each cell three times by one learner alone: what a run costs without contention (median shown).</summary>
    private static async Task PrintUncontendedAsync(SimulatedLearner learner, IReadOnlyList<LabQuery> cells, TextWriter o)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        o.WriteLine("uncontended (one learner, median of 3):");
        foreach (var cell in cells)
        {
            var times = new List<TimeSpan>();
            for (var i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                await learner.RunInOrderAsync([cell], timeout.Token);
                times.Add(clock.Elapsed);
            }
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {cell.Id,-24} {LatencySummary.Of(times).P50,6:0} ms{(cell.Writes ? "  (writes)" : "")}"));
        }
    }

    private static async Task<ScenarioResult> RunScenarioAsync(
        string name, IReadOnlyList<SimulatedLearner> learners, RunawayLearner? runaway, IReadOnlyList<LabQuery> cells, ClassroomLoadOptions options)
    {
        Console.WriteLine($"running {name} for {options.Duration.TotalSeconds:0} s …");
        using var stopStarting = new CancellationTokenSource(options.Duration);
        // A backstop only: the lab's own limits (client deadline, watchdog) end every run long before this.
        using var abort = new CancellationTokenSource(options.Duration + TimeSpan.FromMinutes(3));
        using var stopRunaway = CancellationTokenSource.CreateLinkedTokenSource(abort.Token);
        var runawayTask = runaway is null
            ? Task.FromResult(new List<RunSample>())
            : Task.Run(() => runaway.RunAwayAsync(options.RunawayDisablesTimeout, options.MaxRunsPerLearner, stopRunaway.Token));
        var clock = Stopwatch.StartNew();
        var perLearner = await Task.WhenAll(learners.Select(l => Task.Run(() => l.WorkAsync(
            cells, options.MaxRunsPerLearner, options.Think, new Random(options.Seed * 1000 + l.Number), stopStarting.Token, abort.Token))));
        var elapsed = clock.Elapsed;
        await stopRunaway.CancelAsync();
        var runawaySamples = await runawayTask;
        await Task.Delay(TimeSpan.FromSeconds(2)); // let the cancelled runaway backend go before the next scenario
        return new ScenarioResult(name, perLearner.SelectMany(s => s).ToList(), runawaySamples, elapsed);
    }
}
