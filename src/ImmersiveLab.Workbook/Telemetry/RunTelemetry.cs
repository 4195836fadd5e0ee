using System.Diagnostics;
using ImmersiveLab.Labs;

namespace ImmersiveLab.Workbook.Telemetry;

/// <summary>
/// Starts the measurement of a learner's Run (singleton): the component that received the Run calls <see cref="Start"/>
/// in its handler, <see cref="RunMeasurement.Answered"/> when the answer is there,
/// <see cref="RunMeasurement.AnswerRendered"/> when it renders it (the Run's duration on the server) and
/// <see cref="RunMeasurement.Acknowledged"/> from the OnAfterRender of that render (in Blazor Server, after the browser
/// acknowledged the batch: the end of the Run's trace).
/// </summary>
public sealed class RunTelemetry(WorkbookMetrics metrics, ILabCatalog catalog, TimeProvider time)
{
    public RunMeasurement Start(string labId, SqlCell cell)
    {
        var labels = RunLabels.For(catalog, labId, cell);
        return new RunMeasurement(metrics, cell, labels, time, StartRunSpan(labels));
    }

    /// <summary>
    /// A Run is a trace of its own: its span has no parent, whatever is current (a browser event's span, or, for a
    /// keyboard shortcut that arrives over JS interop, the long-lived connection's), and links to it instead.
    /// </summary>
    private static Activity? StartRunSpan(RunLabels labels)
    {
        if (!WorkbookTelemetry.Source.HasListeners()) return null;
        var current = Activity.Current;
        Activity.Current = null;
        var links = current is null ? null : new[] { new ActivityLink(current.Context) };
        var span = WorkbookTelemetry.Source.StartActivity(WorkbookTelemetry.RunSpan, ActivityKind.Internal, default(ActivityContext),
            tags: null, links: links);
        if (span is null)
        {
            Activity.Current = current;
            return null;
        }
        foreach (var tag in labels.Tags()) span.SetTag(tag.Key, tag.Value);
        return span;
    }
}
