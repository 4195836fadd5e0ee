using System.Diagnostics;
using ImmersiveLab.Labs;

namespace ImmersiveLab.Workbook.Telemetry;

/// <summary>
/// The labels of a Run, each from a bounded set: the lab's id only when the catalog has that lab (else "other"), the
/// step's number in that lab, the cell's kind. Never a learner, never SQL text: a metric series per label value lives
/// as long as the app, so a value a learner could choose would let them grow memory without bound.
/// </summary>
public sealed record RunLabels(string Lab, int Step, string CellKind)
{
    public const string OtherLab = "other";

    public static RunLabels For(ILabCatalog catalog, string labId, SqlCell cell)
    {
        if (catalog.Find(labId) is not { } lab) return new RunLabels(OtherLab, 0, KindOf(cell.Kind));
        var step = lab.Documents.Values
            .Select(d => d.Steps.FirstOrDefault(s => s.Cells.Any(c => c.Id == cell.Id))?.Number)
            .FirstOrDefault(n => n is not null) ?? 0;
        return new RunLabels(lab.Id, step, KindOf(cell.Kind));
    }

    public static string KindOf(SqlCellKind kind) => kind switch
    {
        SqlCellKind.Runnable => "runnable",
        SqlCellKind.ReadOnly => "readonly",
        SqlCellKind.Setup => "setup",
        SqlCellKind.Exercise => "exercise",
        _ => "other",
    };

    public TagList Tags(string? outcome = null)
    {
        var tags = new TagList
        {
            { WorkbookTelemetry.LabTag, Lab },
            { WorkbookTelemetry.StepTag, Step },
            { WorkbookTelemetry.CellKindTag, CellKind },
        };
        if (outcome is not null) tags.Add(WorkbookTelemetry.OutcomeTag, outcome);
        return tags;
    }
}
