using System.Diagnostics;

namespace ImmersiveLab.Workbook.Telemetry;

/// <summary>The workbook's trace spans (a Run, its checks, its render) and the names of its meter and attributes.</summary>
public static class WorkbookTelemetry
{
    public const string MeterName = "ImmersiveLab.Workbook";
    public const string ActivitySourceName = "ImmersiveLab.Workbook";

    public static ActivitySource Source { get; } = new(ActivitySourceName);

    // Span names.
    public const string RunSpan = "immersivelab.run";
    public const string CheckSpan = "immersivelab.check";
    public const string RenderSpan = "immersivelab.run.render";

    // Attribute names (values from bounded sets: RunLabels).
    public const string LabTag = "immersivelab.lab.id";
    public const string StepTag = "immersivelab.lab.step";
    public const string CellKindTag = "immersivelab.cell.kind";
    public const string OutcomeTag = "immersivelab.outcome";
}
