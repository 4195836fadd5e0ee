using System.Diagnostics;
using System.Globalization;
using ImmersiveLab.Imaging;
using ImmersiveLab.Sandbox;
using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Sandbox.Maintenance;
using ImmersiveLab.Sandbox.Provisioning;
using ImmersiveLab.Workbook;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.Bench.Classroom;

/// <summary>
/// Issue 22, item 8 (heavy steps in a class): <c>classroom-load --walk gist-knn,hnsw-ivfflat</c>. One learner walks the
/// labs alone first (the baseline, and how large a sandbox grows, a fresh sandbox per lab); then N learners walk them
/// in lockstep, every learner starting each step at the same instant (the instructor's "next"), running the step's
/// setup and galleries, then every cell, gallery, explain-compare and exercise solution (checked) after a pause to
/// read, through the product's SqlRunner (admission, role limits, client deadline, the watchdog running). Reports per
/// step how long learners took and how many runs a limit stopped (the goal: none).
/// </summary>
public static class ClassroomWalkTest
{
    public static async Task<int> RunAsync(ClassroomLoadOptions options)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Run from inside the repository (ImmersiveLab.sln not found).");
        var steps = LabWalk.Load(root, options.Walk);
        var o = Console.Out;
        var clock = Stopwatch.StartNew();
        var settings = new Dictionary<string, string?>();
        if (options.Slots is { } slots) settings["Sandbox:MaxConcurrentRuns"] = slots.ToString(CultureInfo.InvariantCulture);
        await using var cluster = await BenchCluster.StartAsync(null, Path.Combine(root, "sample-images"), settings);
        var services = cluster.Services;
        var limits = services.GetRequiredService<IOptions<SandboxOptions>>().Value;
        var watchdog = services.GetRequiredService<Watchdog>();
        await watchdog.StartAsync(CancellationToken.None);
        o.WriteLine($"cluster up in {clock.Elapsed.TotalSeconds:0.0} s; {Environment.ProcessorCount} cores; admission slots {services.GetRequiredService<RunAdmission>().Capacity}, " +
                    $"statement_timeout {limits.StatementTimeout.TotalSeconds:0} s, client deadline {limits.ClientDeadline.TotalSeconds:0} s, " +
                    $"watchdog {limits.WatchdogHardLimit.TotalSeconds:0} s, queue timeout {limits.QueueTimeout.TotalSeconds:0} s; think {options.Think.TotalSeconds:0.0} s");
        try
        {
            var runner = services.GetRequiredService<SqlRunner>();
            var checker = new ExerciseChecker(runner, Options.Create(new WorkbookOptions()), NullLogger<ExerciseChecker>.Instance);
            var directory = services.GetRequiredService<LearnerDirectory>();
            var provisioner = services.GetRequiredService<SandboxProvisioner>();
            var sizes = new SandboxSizes(cluster.Server.Admin, provisioner, cluster.Server.Options.TemplateDatabase);
            using var timeout = new CancellationTokenSource(TimeSpan.FromHours(3));
            var ct = timeout.Token;

            clock.Restart();
            var solo = new WalkingLearner(options.Learners, await directory.GetOrCreateAsync("walk-solo", null, ct), runner, checker);
            var soloTimes = new List<StepTime>();
            var soloSamples = new List<WalkSample>();
            var labSizes = new List<(string Lab, long Max)>();
            foreach (var lab in steps.GroupBy(s => s.LabId))
            {
                await provisioner.ResetAsync(solo.Learner, ct); // a fresh sandbox per lab: each lab's own size
                var max = 0L;
                foreach (var step in lab)
                {
                    var (time, samples) = await solo.WalkStepAsync(step, TimeSpan.Zero, new Random(options.Seed), ct);
                    soloTimes.Add(time);
                    soloSamples.AddRange(samples);
                    max = Math.Max(max, await sizes.OfAsync(solo.Learner, ct));
                }
                labSizes.Add((lab.Key, max));
            }
            var template = await sizes.TemplateAsync(ct);
            o.WriteLine($"solo walk in {clock.Elapsed.TotalSeconds:0.0} s; errors: {soloSamples.Count(s => s.Error is not null)}");
            foreach (var e in soloSamples.Where(s => s.Error is not null).Take(5))
                o.WriteLine($"  error ({e.LabId} step {e.Step}, {e.Id}): {e.Error}");
            o.WriteLine($"largest sandbox during a walk of each lab (a fresh sandbox per lab; the template alone is {Mb(template)}):");
            foreach (var (lab, max) in labSizes) o.WriteLine($"  {lab,-20} {Mb(max)}");

            if (options.Learners == 0) return soloSamples.Any(s => s.Error is not null) ? 1 : 0;

            clock.Restart();
            var learners = await Task.WhenAll(Enumerable.Range(0, options.Learners).Select(async i =>
            {
                var learner = new WalkingLearner(i, await directory.GetOrCreateAsync($"walk-{i:00}", null, ct), runner, checker);
                await provisioner.EnsureAsync(learner.Learner, ct);
                return learner;
            }));
            o.WriteLine($"{learners.Length} sandboxes made in {clock.Elapsed.TotalSeconds:0.0} s; the class walks {steps.Count} steps in lockstep …");

            clock.Restart();
            var times = new List<StepTime>();
            var all = new List<WalkSample>();
            foreach (var step in steps)
            {
                var outcomes = await Task.WhenAll(learners.Select(l => Task.Run(() =>
                    l.WalkStepAsync(step, options.Think, new Random(options.Seed * 1000 + l.Number * 31 + step.Number), ct))));
                times.AddRange(outcomes.Select(x => x.Time));
                all.AddRange(outcomes.SelectMany(x => x.Samples));
                var stepTimes = LatencySummary.Of(outcomes.Select(x => x.Time.Elapsed));
                o.WriteLine(Invariant($"  {step.LabId} step {step.Number}: p95 {stepTimes.P95 / 1000:0.0} s, {outcomes.Sum(x => x.Samples.Count(s => s.Error is not null))} errors"));
            }
            var walk = clock.Elapsed;
            var classMax = await Task.WhenAll(learners.Select(l => sizes.OfAsync(l.Learner, ct)));
            WalkReport.Print(steps, soloTimes, times, all, walk, o);
            o.WriteLine($"largest sandbox after the class walk (all labs in one sandbox): {Mb(classMax.Max())}, median {Mb(classMax.Order().ElementAt(classMax.Length / 2))}");
            return all.Any(s => s.TimedOut) ? 1 : 0;
        }
        finally
        {
            await watchdog.StopAsync(CancellationToken.None);
        }
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " MB";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
