using System.Diagnostics;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Learners;

namespace ImmersiveLab.Bench.Classroom;

/// <summary>
/// One learner whose query never ends on its own: a join with its conditions forgotten (50⁶ ≈ 1.6·10¹⁰ rows to
/// count), run again as soon as the lab stops it, as an impatient learner would.
/// </summary>
public sealed class RunawayLearner(LearnerRef learner, SqlRunner runner)
{
    public const string RunawaySql = """
        SELECT count(*)
        FROM lab.sample_images AS a, lab.sample_images AS b, lab.sample_images AS c,
             lab.sample_images AS d, lab.sample_images AS e, lab.sample_images AS f;
        """;

    /// <summary>With <paramref name="disableTimeout"/> the cell first runs SET statement_timeout = 0 (a learner may),
    /// so the client deadline and the watchdog have to stop it.</summary>
    /// <param name="stop">Cancelled once the class's runs are over: it also stops the run in flight.</param>
    public async Task<List<RunSample>> RunAwayAsync(bool disableTimeout, int maxRuns, CancellationToken stop)
    {
        var sql = (disableTimeout ? "SET statement_timeout = 0;\n" : "") + RunawaySql;
        var samples = new List<RunSample>();
        for (var i = 0; i < maxRuns && !stop.IsCancellationRequested; i++)
        {
            var clock = Stopwatch.StartNew();
            var result = await runner.RunAsync(learner, sql, stop);
            var error = stop.IsCancellationRequested ? "(stopped by the bench at the end of the scenario)" : SimulatedLearner.ErrorOf(result);
            samples.Add(new RunSample("runaway", -1, clock.Elapsed, TimeSpan.Zero, 0, error));
        }
        return samples;
    }
}
