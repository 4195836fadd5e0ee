using ImmersiveLab.Labs;

namespace ImmersiveLab.Workbook;

/// <summary>
/// What the workbook does when a step comes on screen in a circuit: records the visit (and the time spent before it),
/// lets go of the results of every cell not on the step, and runs the step's setup cells in order.
/// </summary>
public static class StepOpening
{
    /// <summary>Opens <paramref name="step"/> (0 is the introduction). Returns why a setup cell did not go as intended, or null.</summary>
    public static async Task<string?> OpenAsync(WorkbookSession session, string labId, LabDocument document, int step, CancellationToken ct)
    {
        await session.OpenStepAsync(labId, step, ct);
        var shown = (step == 0 ? document.Intro : document.Step(step))?.Cells.Select(c => c.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        session.ReleaseResultsExcept(labId, shown);
        if (document.Step(step) is not { } opened || !opened.Cells.Any(c => c.Kind == SqlCellKind.Setup)) return null;
        var runs = await session.RunSetupCellsAsync(labId, opened, ct);
        if (runs.Count == 0) return null;
        return IntendedOutcome.Deviation(opened.Cells.First(c => c.Id == runs[^1].CellId), runs[^1].Result);
    }
}
