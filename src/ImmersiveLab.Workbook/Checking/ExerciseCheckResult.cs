using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Messages;

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

/// <summary>
/// One <c>check</c> block's outcome; <see cref="Text"/> says why it failed (null when it passed), for the learner's
/// language, and <see cref="Message"/> is its English rendering.
/// </summary>
public sealed record CheckOutcome(int Number, string Sql, int Line, bool Passed, LabMessage? Text)
{
    /// <summary>The lab's message for this part (its <c>says="…"</c>, in the lab file's language, filled with the learner's
    /// data), when the check ran and answered false: what the learner reads instead of <see cref="Text"/>.</summary>
    public string? Says { get; init; }

    public string Message => Says ?? Text?.English() ?? "";
}

/// <summary>The <c>expect</c> block's outcome: the comparison of the learner's last result with the expected one.</summary>
public sealed record ExpectOutcome(ResultOrder Order, int Line, bool Passed, LabMessage? Text)
{
    public string Message => Text?.English() ?? "";

    /// <summary>The comparison that failed, when both results were there to compare.</summary>
    public ResultComparison? Comparison { get; init; }
}

/// <summary>
/// What checking an exercise after a run found. <see cref="Message"/> is one line in English (logs, CLI);
/// <see cref="Text"/> is the message of a result that was solved or not checked, for the learner's language (a failed
/// one is told by its failing <see cref="Checks"/> and <see cref="Expect"/>).
/// </summary>
public sealed record ExerciseCheckResult(
    string CellId,
    CheckStatus Status,
    IReadOnlyList<CheckOutcome> Checks,
    ExpectOutcome? Expect,
    string Message)
{
    public bool Passed => Status == CheckStatus.Passed;

    public LabMessage? Text { get; init; }

    public static ExerciseCheckResult NotChecked(string cellId, LabMessage message) =>
        new(cellId, CheckStatus.NotChecked, [], null, message.English()) { Text = message };
}
