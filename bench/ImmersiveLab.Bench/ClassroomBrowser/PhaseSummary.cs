using ImmersiveLab.Bench.Classroom;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>A count per kind (run results, exercise verdicts, errors), most frequent first.</summary>
public sealed record Tally(string What, int Count);

/// <summary>What one phase (the solo learner, or the class) went through, summed over its learners.</summary>
public sealed record PhaseSummary(
    int Learners,
    int Finished,
    int DeadPages,
    int CircuitsDiedInAppLog,
    int FailedInPlace,
    int FailedInPlaceInAppLog,
    int Reloads,
    IReadOnlyList<string> Stopped,
    int Runs,
    int Answered,
    int Unanswered,
    int DiedWhileRunning,
    LatencySummary RunToAnswerMs,
    LatencySummary RunnerMs,
    int QueuedRuns,
    int ReplacedCells,
    IReadOnlyList<Tally> Results,
    IReadOnlyList<Tally> ExerciseVerdicts,
    int ExercisesSkipped,
    LatencySummary StepOpenMs,
    int StepsNeverUsable,
    IReadOnlyList<Tally> StepProblems,
    IReadOnlyList<Tally> Errors,
    double WallSeconds)
{
    private const int ErrorsKept = 8;

    public int ExercisesSolved => ExerciseVerdicts.FirstOrDefault(t => t.What == "solved")?.Count ?? 0;
    public int ExercisesNotSolved => ExerciseVerdicts.Where(t => t.What != "solved").Sum(t => t.Count);

    /// <param name="log">What the app's log gained during the phase: circuits that died, failures shown in place.</param>
    public static PhaseSummary Of(IReadOnlyList<LearnerRecord> learners, (int CircuitsDied, int FailedInPlace) log, TimeSpan wall)
    {
        var cells = learners.SelectMany(l => l.Cells).ToList();
        var answered = cells.Where(c => c.Answered).ToList();
        var steps = learners.SelectMany(l => l.Steps).ToList();
        return new PhaseSummary(
            learners.Count,
            learners.Count(l => l.Finished),
            learners.Sum(l => l.DeadPages),
            log.CircuitsDied,
            learners.Sum(l => l.FailedInPlace),
            log.FailedInPlace,
            learners.Sum(l => l.Reloads),
            learners.Where(l => l.StoppedBecause is not null).Select(l => $"{l.Name}: {l.StoppedBecause}").ToList(),
            cells.Count(c => c.Outcome != "skipped"),
            answered.Count,
            cells.Count(c => c.Unanswered),
            cells.Count(c => c.Outcome == "dead"),
            LatencySummary.Of(answered.Select(c => TimeSpan.FromMilliseconds(c.Ms))),
            LatencySummary.Of(answered.Where(c => c.RunnerMs is not null).Select(c => TimeSpan.FromMilliseconds(c.RunnerMs!.Value))),
            answered.Count(c => c.Queued),
            answered.Count(c => c.Replaced),
            Count(answered.Select(c => c.Result ?? "?")),
            Count(answered.Where(c => c.Exercise).Select(c => c.ExerciseStatus ?? "?")),
            cells.Count(c => c.Outcome == "skipped"),
            // Next → usable: what a learner waits after "everyone, next step" (a lab's first page and reloads apart).
            LatencySummary.Of(steps.Where(s => s.How == "next" && s.Outcome == "ready").Select(s => TimeSpan.FromMilliseconds(s.Ms))),
            steps.Count(s => s.Outcome == "timeout"),
            Count(steps.Where(s => s.Outcome != "ready").Select(s => $"{s.Lab}/{s.Step} {s.How}: {s.Outcome} {s.Missing}".TrimEnd())),
            Count(cells.Where(c => c.Error is not null && c.Result != "expected-failure").Select(c => $"{c.Lab}/{c.CellId}: {c.Error}")).Take(ErrorsKept).ToList(),
            wall.TotalSeconds);
    }

    private static List<Tally> Count(IEnumerable<string> values) =>
        values.GroupBy(v => v).Select(g => new Tally(g.Key, g.Count())).OrderByDescending(t => t.Count).ThenBy(t => t.What, StringComparer.Ordinal).ToList();
}
