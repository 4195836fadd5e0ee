using System.Diagnostics;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.Bench.Classroom;

/// <summary>
/// A learner working through lab 5: runs its cells in the lab's order (from a random starting cell), pausing to
/// read each result, through the product's <see cref="SqlRunner"/> as the workbook does.
/// </summary>
public sealed class SimulatedLearner(int number, LearnerRef learner, SqlRunner runner)
{
    public int Number { get; } = number;
    public LearnerRef Learner { get; } = learner;

    /// <summary>Runs until <paramref name="stopStarting"/> (no new run starts after it) or <paramref name="maxRuns"/>.
    /// <paramref name="abort"/> cancels a run in flight (only if the lab's own limits failed to end it).</summary>
    public async Task<List<RunSample>> WorkAsync(
        IReadOnlyList<LabQuery> cells, int maxRuns, TimeSpan think, Random random, CancellationToken stopStarting, CancellationToken abort)
    {
        var samples = new List<RunSample>();
        var next = random.Next(cells.Count);
        for (var i = 0; i < maxRuns && !stopStarting.IsCancellationRequested; i++)
        {
            if (!await PauseAsync(think * (0.5 + random.NextDouble()), stopStarting)) break;
            var cell = cells[next++ % cells.Count];
            var probe = new QueueWaitProbe();
            var clock = Stopwatch.StartNew();
            var result = await runner.RunAsync(Learner, cell.Sql, abort, probe);
            clock.Stop();
            samples.Add(new RunSample(cell.Id, Number, clock.Elapsed, probe.Queued, probe.FirstPosition, ErrorOf(result)));
        }
        return samples;
    }

    /// <summary>Runs the cells once, in order, stopping at the first failure (which it throws).</summary>
    public async Task RunInOrderAsync(IEnumerable<LabQuery> cells, CancellationToken ct)
    {
        foreach (var cell in cells)
            if (ErrorOf(await runner.RunAsync(Learner, cell.Sql, ct)) is { } error)
                throw new InvalidOperationException($"Learner {Number}, cell {cell.Id}: {error}");
    }

    public static string? ErrorOf(CellRunResult result) =>
        result.Succeeded ? null
        : result.Error?.Message ?? result.Statements.FirstOrDefault(s => s.Error is not null)?.Error?.Message ?? "cancelled";

    private static async Task<bool> PauseAsync(TimeSpan pause, CancellationToken ct)
    {
        try
        {
            await Task.Delay(pause, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
