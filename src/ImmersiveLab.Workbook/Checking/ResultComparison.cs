namespace ImmersiveLab.Workbook;

/// <summary>The outcome of comparing a learner's result with the expected one; <see cref="Difference"/> is for the learner.</summary>
public sealed record ResultComparison(bool IsMatch, string Difference)
{
    public static ResultComparison Match { get; } = new(true, "");

    public static ResultComparison Mismatch(string difference) => new(false, difference);
}
