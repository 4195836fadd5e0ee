using ImmersiveLab.Labs;

namespace ImmersiveLab.Workbook;

public enum CheckStatus
{
    /// <summary>Every check returned true and the expected result matched.</summary>
    Passed,

    /// <summary>A check did not return true, or the result differs from the expected one.</summary>
    Failed,

    /// <summary>The learner's cell did not run to the end (an error, a cancel), so nothing was checked.</summary>
    NotChecked,
}

/// <summary>One <c>check</c> block's outcome; <see cref="Message"/> says why it failed (empty when it passed).</summary>
public sealed record CheckOutcome(int Number, string Sql, int Line, bool Passed, string Message);

/// <summary>The <c>expect</c> block's outcome: the comparison of the learner's last result with the expected one.</summary>
public sealed record ExpectOutcome(ResultOrder Order, int Line, bool Passed, string Message);

/// <summary>What checking an exercise after a run found. <see cref="Message"/> is one line for the learner.</summary>
public sealed record ExerciseCheckResult(
    string CellId,
    CheckStatus Status,
    IReadOnlyList<CheckOutcome> Checks,
    ExpectOutcome? Expect,
    string Message)
{
    public bool Passed => Status == CheckStatus.Passed;

    public static ExerciseCheckResult NotChecked(string cellId, string message) => new(cellId, CheckStatus.NotChecked, [], null, message);
}
