using System.Diagnostics;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.Workbook;

namespace ImmersiveLab.Bench.Classroom;

/// <summary>One run of a walk: which step and cell, what the learner waited (queue and check included), and how it ended.</summary>
public sealed record WalkSample(string LabId, int Step, string Id, int Learner, TimeSpan Latency, TimeSpan Queued, string? Error, string? SqlState)
{
    /// <summary>Stopped by a limit: statement_timeout, the client deadline or the watchdog (57014), or a full queue (53300).</summary>
    public bool TimedOut => SqlState is "57014" or "53300";
}

/// <summary>What one learner took to get through one step: from the instructor's "next" to the answer of its last cell.</summary>
public sealed record StepTime(string LabId, int Step, int Learner, TimeSpan Elapsed, bool Completed);

/// <summary>
/// A learner walking labs step by step through the product's <see cref="SqlRunner"/> and <see cref="ExerciseChecker"/>,
/// as the workbook runs them: the step's setup cells and galleries when it opens, then each cell after a pause to read.
/// </summary>
public sealed class WalkingLearner(int number, LearnerRef learner, SqlRunner runner, ExerciseChecker checker)
{
    public int Number { get; } = number;
    public LearnerRef Learner { get; } = learner;

    public async Task<(StepTime Time, List<WalkSample> Samples)> WalkStepAsync(WalkStep step, TimeSpan think, Random random, CancellationToken ct)
    {
        var samples = new List<WalkSample>();
        var clock = Stopwatch.StartNew();
        var completed = true;
        foreach (var action in step.Actions)
        {
            if (!action.OnOpen) await Task.Delay(think * (0.5 + random.NextDouble()), ct);
            var probe = new QueueWaitProbe();
            var run = Stopwatch.StartNew();
            var (error, state) = await RunAsync(action, probe, ct);
            samples.Add(new WalkSample(step.LabId, step.Number, action.Id, Number, run.Elapsed, probe.Queued, error, state));
            if (error is not null && action.Kind != WalkActionKind.Explain) completed = false;
        }
        return (new StepTime(step.LabId, step.Number, Number, clock.Elapsed, completed), samples);
    }

    private async Task<(string? Error, string? SqlState)> RunAsync(WalkAction action, QueueWaitProbe probe, CancellationToken ct)
    {
        if (action.Kind == WalkActionKind.Explain)
        {
            var plan = await runner.ExplainAsync(Learner, action.Sql, ct, probe);
            return plan.Succeeded ? (null, null) : (plan.Error?.Message ?? "no plan", plan.Error?.SqlState);
        }
        var result = await runner.RunAsync(Learner, action.Sql, ct, probe);
        var failed = result.Error ?? result.Statements.FirstOrDefault(s => s.Error is not null)?.Error;
        if (action.ExpectedFailure is { } expected && failed?.SqlState == expected && !result.Cancelled) return (null, null);
        if (failed is not null || result.Cancelled) return (failed?.Message ?? "cancelled", failed?.SqlState);
        if (action.Exercise is { } exercise)
        {
            var check = await checker.CheckAsync(Learner, exercise, result, ct);
            if (!check.Passed) return ($"not solved: {check.Message}", null);
        }
        return (null, null);
    }
}
