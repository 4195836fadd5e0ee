using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Workbook;

/// <summary>
/// What the workbook knows about one cell in this circuit: its last run and check, whether it is running, and how
/// far the learner opened its help. Owned and changed by <see cref="WorkbookSession"/>; components only read it, and
/// re-render on <see cref="Changed"/>: a Run re-renders its own cell, not the others.
/// </summary>
public sealed class CellState
{
    internal CellState(string labId, string cellId)
    {
        LabId = labId;
        CellId = cellId;
    }

    public string LabId { get; }
    public string CellId { get; }

    /// <summary>Something this cell shows changed (its run started or ended, its wait, result, check, hints).</summary>
    public event Action? Changed;
    public bool IsRunning { get; internal set; }

    /// <summary>While running: why the run has not started yet (queued behind others, or reconnecting); null once it runs.</summary>
    public RunWait? Waiting { get; internal set; }
    public CellRunResult? LastRun { get; internal set; }
    public ExerciseCheckResult? LastCheck { get; internal set; }

    /// <summary>How many hints the learner has revealed (they come one at a time).</summary>
    public int HintsShown { get; internal set; }

    public bool SolutionShown { get; internal set; }

    internal CancellationTokenSource? Running { get; set; }

    /// <summary>The hold of <see cref="LastRun"/>'s bytes on the learner's result budget.</summary>
    internal IDisposable? Kept { get; set; }

    internal void NotifyChanged() => Changed?.Invoke();
}

/// <summary>One cell run: the runner's result and, for an exercise, what the check found.</summary>
public sealed record CellRun(string CellId, CellRunResult Result, ExerciseCheckResult? Check);

/// <summary>The outcome of "run all cells up to here": how many ran and, if one failed, which and why.</summary>
public sealed record RunAllOutcome(int Ran, int Total, string? FailedCellId, string? Failure)
{
    public bool Succeeded => FailedCellId is null && Ran == Total;
}
