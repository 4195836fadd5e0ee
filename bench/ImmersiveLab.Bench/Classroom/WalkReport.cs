using System.Globalization;

namespace ImmersiveLab.Bench.Classroom;

/// <summary>The walk's table: per step, the learner's wait to get through it alone and in the class, and what failed.</summary>
public static class WalkReport
{
    public static void Print(IReadOnlyList<WalkStep> steps, IReadOnlyList<StepTime> solo, IReadOnlyList<StepTime> times,
        IReadOnlyList<WalkSample> samples, TimeSpan walk, TextWriter o)
    {
        o.WriteLine();
        o.WriteLine(Invariant($"== the class walk: {times.Select(t => t.Learner).Distinct().Count()} learners, {steps.Count} steps, {walk.TotalSeconds:0} s =="));
        o.WriteLine("| lab | step | runs | alone s | class p50 s | class p95 s | class max s | run p95 ms | queue wait p95 ms | errors | timeouts |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var step in steps)
        {
            bool Of(string lab, int number) => lab == step.LabId && number == step.Number;
            var alone = solo.FirstOrDefault(t => Of(t.LabId, t.Step))?.Elapsed.TotalSeconds ?? double.NaN;
            var stepTimes = LatencySummary.Of(times.Where(t => Of(t.LabId, t.Step)).Select(t => t.Elapsed));
            var runs = samples.Where(s => Of(s.LabId, s.Step)).ToList();
            var latency = LatencySummary.Of(runs.Select(s => s.Latency));
            var queued = LatencySummary.Of(runs.Select(s => s.Queued));
            o.WriteLine(Invariant($"| {step.LabId} | {step.Number} | {runs.Count} | {alone:0.0} | {stepTimes.P50 / 1000:0.0} | {stepTimes.P95 / 1000:0.0} | {stepTimes.Max / 1000:0.0} | {latency.P95:0} | {queued.P95:0} | {runs.Count(s => s.Error is not null)} | {runs.Count(s => s.TimedOut)} |"));
        }
        var all = LatencySummary.Of(samples.Select(s => s.Latency));
        o.WriteLine(Invariant($"all runs: {samples.Count}, p50 {all.P50:0} ms, p95 {all.P95:0} ms, max {all.Max:0} ms; errors {samples.Count(s => s.Error is not null)}, stopped by a limit {samples.Count(s => s.TimedOut)}"));
        foreach (var e in samples.Where(s => s.Error is not null).GroupBy(s => (s.LabId, s.Step, s.Id, s.Error)).Take(8))
            o.WriteLine($"  {e.Count()} × {e.Key.LabId} step {e.Key.Step} {e.Key.Id}: {e.Key.Error}");
        var slowest = samples.OrderByDescending(s => s.Latency).Take(5);
        o.WriteLine("slowest runs: " + string.Join("; ", slowest.Select(s => Invariant($"{s.LabId}/{s.Id} {s.Latency.TotalSeconds:0.0} s (queued {s.Queued.TotalSeconds:0.0} s)"))));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
