using ImmersiveLab.Sandbox.Messages;

namespace ImmersiveLab.Workbook;

/// <summary>
/// The outcome of comparing a learner's result with the expected one: <see cref="Text"/> says what differs, for the
/// learner's language (<see cref="Difference"/> is its English rendering), and <see cref="Diff"/> shows the first
/// differing rows side by side (null when the columns differ in number).
/// </summary>
public sealed record ResultComparison(bool IsMatch, LabMessage? Text, ResultDiff? Diff = null)
{
    public static ResultComparison Match { get; } = new(true, null);

    public string Difference => Text?.English() ?? "";

    public static ResultComparison Mismatch(LabMessage difference, ResultDiff? diff = null) => new(false, difference, diff);
}
