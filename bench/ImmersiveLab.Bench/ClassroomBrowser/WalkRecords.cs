namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>One Run click: <see cref="Outcome"/> is answered, timeout, dead (the page died waiting), or skipped.</summary>
public sealed record CellRecord(
    string Learner, string Lab, int Step, string CellId, bool Exercise, string Outcome, double Ms,
    string? Result, string? Error, double? RunnerMs, bool Queued, string? ExerciseStatus, TimeSpan At, bool Replaced = false)
{
    public bool Answered => Outcome == "answered";
    public bool Unanswered => Outcome.StartsWith("timeout", StringComparison.Ordinal) || Outcome is "missing" or "no-run-button";
}

/// <summary>
/// One step opening: <see cref="How"/> is goto (a lab's first page), next (the Next button) or reload. <see cref="Ms"/>
/// is timed in the page, from the click on Next or from a loaded page's navigation start; <see cref="Parts"/> says,
/// on the same clock, when the editors, the setup cells and the galleries were done.
/// </summary>
public sealed record StepRecord(string Learner, string Lab, int Step, string How, string Outcome, double Ms, string? Missing, StepReadiness Parts, TimeSpan At);

/// <summary>Everything one learner's walk produced.</summary>
public sealed class LearnerRecord(string name)
{
    public string Name { get; } = name;
    public JoinTimes? Join { get; set; }
    public double? JoinMs => Join?.WallMs;
    public string? JoinError { get; set; }
    public List<CellRecord> Cells { get; } = [];
    public List<StepRecord> Steps { get; } = [];
    /// <summary>Times this learner's page showed Blazor's error bar.</summary>
    public int DeadPages { get; set; }
    /// <summary>Times a block, the page body or an editor of this learner's page showed its failure in place.</summary>
    public int FailedInPlace { get; set; }
    public int Reloads { get; set; }
    /// <summary>Why the learner stopped before the end (too many reloads, a browser error), or null.</summary>
    public string? StoppedBecause { get; set; }
    /// <summary>When this learner had the last lab's first page open (all of the class there: the memory milestone).</summary>
    public TimeSpan? OnLastLabAt { get; set; }
    public bool Finished { get; set; }
}
