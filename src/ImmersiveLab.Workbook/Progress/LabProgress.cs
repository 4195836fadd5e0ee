namespace ImmersiveLab.Workbook;

/// <summary>A step the learner opened: when first and last, and the active time spent on it.</summary>
public sealed record StepVisit(int Step, DateTimeOffset FirstAt, DateTimeOffset LastAt, int SecondsSpent);

/// <summary>How often the learner ran a cell, and the error of the last run (null when it succeeded).</summary>
public sealed record CellRunRecord(string CellId, int Runs, DateTimeOffset LastRunAt, string? LastError);

/// <summary>
/// The latest check of an exercise. <see cref="PassedAt"/> is when it first passed and stays set afterwards:
/// a solved exercise stays solved (a sandbox reset or a later failed attempt does not take it away).
/// </summary>
public sealed record CheckRecord(string CellId, bool Passed, string? Message, DateTimeOffset CheckedAt, DateTimeOffset? PassedAt)
{
    public bool Solved => PassedAt is not null;
}

/// <summary>Where the learner was last: a lab and a step (0 is the introduction).</summary>
public sealed record LearnerPosition(string LabId, int Step, DateTimeOffset UpdatedAt);

/// <summary>Everything stored about one learner in one lab.</summary>
public sealed record LabProgress(
    string LabId,
    IReadOnlyList<StepVisit> Steps,
    IReadOnlyList<CellRunRecord> Cells,
    IReadOnlyList<CheckRecord> Checks)
{
    public static LabProgress Empty(string labId) => new(labId, [], [], []);

    public TimeSpan TimeSpent => TimeSpan.FromSeconds(Steps.Sum(s => (long)s.SecondsSpent));

    public bool Visited(int step) => Steps.Any(s => s.Step == step);

    public CellRunRecord? Cell(string cellId) => Cells.FirstOrDefault(c => c.CellId == cellId);

    public CheckRecord? Check(string cellId) => Checks.FirstOrDefault(c => c.CellId == cellId);

    public bool Solved(string cellId) => Check(cellId)?.Solved == true;
}
