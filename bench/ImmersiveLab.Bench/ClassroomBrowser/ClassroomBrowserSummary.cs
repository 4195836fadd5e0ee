using ImmersiveLab.Bench.Classroom;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// The N joins, all at once: how long until the last learner was in (the bench's clock), and per join what the learner
/// waited (/join loaded, then Join pressed → the live page showing the class) and the server's part of it (the first
/// bytes of /join and of the class page after the post and its redirect), from the browser's Navigation Timing.
/// </summary>
public sealed record JoinSummary(
    int Learners, int Joined, IReadOnlyList<string> Failed, double WallSeconds,
    LatencySummary PerJoinMs, LatencySummary WaitedMs, LatencySummary ServerMs, LatencySummary SubmitToLiveMs)
{
    public static JoinSummary Of(IReadOnlyList<LearnerRecord> learners, TimeSpan wall)
    {
        var joins = learners.Where(l => l.Join is not null).Select(l => l.Join!).ToList();
        LatencySummary Of(Func<JoinTimes, double> part) => LatencySummary.Of(joins.Select(j => TimeSpan.FromMilliseconds(part(j))));
        return new JoinSummary(
            learners.Count, joins.Count, learners.Where(l => l.JoinError is not null).Select(l => $"{l.Name}: {l.JoinError}").ToList(),
            wall.TotalSeconds, Of(j => j.WallMs), Of(j => j.WaitedMs), Of(j => j.ServerMs), Of(j => j.SubmitToLiveMs));
    }
}

/// <summary>
/// The app's resident memory (and its PostgreSQL's proportional share) at the run's milestones, in MB. Growth per
/// learner is measured from just before the class joined (after the solo walk, so the app is warm).
/// </summary>
public sealed record MemorySummary(
    double AppIdleMb, double AppBeforeClassMb, double AppAfterJoinsMb, double? AppAllOnLastLabMb, double AppPeakMb, double AppAfterWalkMb,
    double AppAfterClassLeftMb, double PostgresBeforeClassMb, double PostgresPeakMb, int Learners)
{
    public double AppPerLearnerAtPeakMb => (AppPeakMb - AppBeforeClassMb) / Learners;
    public double? AppPerLearnerOnLastLabMb => AppAllOnLastLabMb is { } m ? (m - AppBeforeClassMb) / Learners : null;
    public double PostgresPerLearnerAtPeakMb => (PostgresPeakMb - PostgresBeforeClassMb) / Learners;
}

/// <summary>
/// Which of the goals this run met: no page dies (error bar or a circuit's unhandled exception in the log),
/// every cell answers, the class's p95 within 3× the solo p95; and, as the regression test holds too, nothing fails
/// in place (an error boundary's or the editor's fallback message).
/// </summary>
public sealed record Goals(bool NoDeadPage, bool NothingFailedInPlace, bool EveryCellAnswered, double P95Ratio, bool P95WithinThreeTimesSolo)
{
    public const double MaxP95Ratio = 3;
    public bool AllMet => NoDeadPage && NothingFailedInPlace && EveryCellAnswered && P95WithinThreeTimesSolo;

    public static Goals Of(PhaseSummary solo, PhaseSummary @class)
    {
        var ratio = @class.RunToAnswerMs.P95 / solo.RunToAnswerMs.P95;
        var dead = solo.DeadPages + solo.CircuitsDiedInAppLog + @class.DeadPages + @class.CircuitsDiedInAppLog;
        var failed = solo.FailedInPlace + solo.FailedInPlaceInAppLog + @class.FailedInPlace + @class.FailedInPlaceInAppLog;
        return new Goals(dead == 0, failed == 0, solo.Unanswered + @class.Unanswered == 0, ratio, ratio <= MaxP95Ratio);
    }
}

/// <summary>Everything one run of <c>classroom-browser</c> measured; written as JSON and printed as a table.</summary>
public sealed record ClassroomBrowserSummary(
    DateTimeOffset StartedAt,
    string Machine,
    ClassroomBrowserOptions Options,
    int Browsers,
    IReadOnlyList<string> Labs,
    int StepsPerWalk,
    int RunsPerWalk,
    int ExercisesPerWalk,
    string AppLog,
    string? Commit,
    PhaseSummary Solo,
    PhaseSummary Class,
    JoinSummary Joins,
    MemorySummary Memory,
    CpuUsage ClassWalkCpu,
    CpuUsage JoinsCpu,
    IReadOnlyDictionary<string, int> CircuitExceptions,
    IReadOnlyDictionary<string, int> ErrorsLoggedByCategory,
    string? DashboardLearnerCount,
    IReadOnlyList<CellLatency> Cells,
    IReadOnlyList<StepLatency> Steps,
    Goals Goals,
    ServerSide? SoloServer,
    ServerSide? ClassServer,
    ServerBound Bound,
    IReadOnlyDictionary<string, int> ClientScheduling,
    IReadOnlyList<LearnerRecord> Learners);
