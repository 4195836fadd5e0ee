using System.Globalization;

namespace ImmersiveLab.Bench.Classroom;

/// <summary>Prints a scenario's latency distribution, per cell, its errors and the queue waits admission reported.</summary>
public static class ScenarioReport
{
    private const int FirstErrorsShown = 5;

    public static void Print(ScenarioResult r, TextWriter o)
    {
        var latency = r.Latency;
        var wait = r.QueueWait;
        o.WriteLine();
        o.WriteLine($"== {r.Name} ==");
        o.WriteLine(Invariant($"runs {r.Class.Count} in {r.Elapsed.TotalSeconds:0.0} s ({r.RunsPerSecond:0.0} runs/s), errors {r.Errors.Count}"));
        o.WriteLine(Invariant($"latency ms    p50 {latency.P50,8:0}  p95 {latency.P95,8:0}  p99 {latency.P99,8:0}  max {latency.Max,8:0}"));
        o.WriteLine(Invariant($"queue wait ms p50 {wait.P50,8:0}  p95 {wait.P95,8:0}  p99 {wait.P99,8:0}  max {wait.Max,8:0}"));
        o.WriteLine(Invariant($"runs that queued {r.Queued} ({100.0 * r.Queued / Math.Max(1, r.Class.Count):0}%), deepest first position {r.MaxQueuePosition}"));
        o.WriteLine($"{"cell",-24} {"runs",6} {"p50 ms",8} {"p95 ms",8} {"errors",7}");
        foreach (var cell in r.Class.GroupBy(s => s.QueryId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var s = LatencySummary.Of(cell.Select(x => x.Latency));
            o.WriteLine(Invariant($"{cell.Key,-24} {s.Runs,6} {s.P50,8:0} {s.P95,8:0} {cell.Count(x => x.Error is not null),7}"));
        }
        foreach (var e in r.Errors.Take(FirstErrorsShown))
            o.WriteLine($"  error (learner {e.Learner}, {e.QueryId}): {e.Error}");
        if (r.Runaway.Count > 0)
        {
            o.WriteLine(Invariant($"runaway learner: {r.Runaway.Count} runs, median {LatencySummary.Of(r.Runaway.Select(x => x.Latency)).P50 / 1000:0.0} s each; how they ended:"));
            foreach (var g in r.Runaway.GroupBy(x => x.Error ?? "(finished)"))
                o.WriteLine($"  {g.Count()} × {g.Key}");
        }
    }

    /// <summary>The goal of the issue: one runaway query must not raise the others' p95 by more than 3×.</summary>
    public static void PrintComparison(ScenarioResult alone, ScenarioResult withRunaway, TextWriter o)
    {
        var p95Ratio = withRunaway.Latency.P95 / alone.Latency.P95;
        var p50Ratio = withRunaway.Latency.P50 / alone.Latency.P50;
        o.WriteLine();
        o.WriteLine("== runaway learner's effect on the others ==");
        o.WriteLine(Invariant($"p50 {alone.Latency.P50:0} → {withRunaway.Latency.P50:0} ms (×{p50Ratio:0.00}); p95 {alone.Latency.P95:0} → {withRunaway.Latency.P95:0} ms (×{p95Ratio:0.00})"));
        o.WriteLine(Invariant($"throughput {alone.RunsPerSecond:0.0} → {withRunaway.RunsPerSecond:0.0} runs/s"));
        o.WriteLine(p95Ratio <= 3 ? "goal met: p95 ratio ≤ 3" : "GOAL MISSED: p95 ratio > 3");
        o.WriteLine();
        o.WriteLine("| scenario | runs | runs/s | p50 ms | p95 ms | p99 ms | max ms | errors | queued runs | queue wait p95 ms |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in new[] { alone, withRunaway })
            o.WriteLine(Invariant($"| {r.Name} | {r.Class.Count} | {r.RunsPerSecond:0.0} | {r.Latency.P50:0} | {r.Latency.P95:0} | {r.Latency.P99:0} | {r.Latency.Max:0} | {r.Errors.Count} | {r.Queued} | {r.QueueWait.P95:0} |"));
        o.WriteLine(Invariant($"p95 ratio (others with the runaway ÷ class alone): {p95Ratio:0.00}"));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
