namespace ImmersiveLab.Workbook;

/// <summary>Configuration section "Workbook".</summary>
public sealed class WorkbookOptions
{
    public const string SectionName = "Workbook";

    /// <summary>Longest learner edit kept per cell.</summary>
    public int MaxEditChars { get; set; } = 100_000;

    /// <summary>
    /// Time spent counts the gaps between a learner's actions (opening a step, running a cell, editing), each gap
    /// at most this long, so a tab left open overnight does not count as study time.
    /// </summary>
    public TimeSpan ActivityGapLimit { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one check (or the expected query) of an exercise may take.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
