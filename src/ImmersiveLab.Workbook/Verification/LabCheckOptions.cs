namespace ImmersiveLab.Workbook;

/// <summary>What <c>imlab labs check</c> runs besides the format check and the walk of each lab from start to end.</summary>
public sealed record LabCheckOptions
{
    public static LabCheckOptions Default { get; } = new();

    /// <summary>Warn when an exercise's checks already pass, in the walk, before its solution ran.</summary>
    public bool CheckBeforeSolution { get; init; } = true;

    /// <summary>
    /// Also run every step alone in a fresh sandbox (opened with its setup cells), and prove for every exercise that
    /// the untouched exercise and each <c>wrong</c> answer are rejected, each <c>variant</c> and the solution accepted.
    /// </summary>
    public bool EachStep { get; init; }

    /// <summary>Labs checked at the same time, each in sandboxes of its own (1: one after the other).</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Only this step (1-based), alone, with its proofs: no walk from the start. Needs <see cref="EachStep"/>.</summary>
    public int? Step { get; init; }
}
