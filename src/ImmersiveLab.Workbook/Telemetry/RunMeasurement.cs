using System.Diagnostics;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Workbook.Telemetry;

/// <summary>
/// One Run being measured: from the event received (<see cref="RunTelemetry.Start"/>) to the render that showed its
/// answer (<see cref="Rendered"/>). Recorded once; a Run whose component went away before rendering is not recorded
/// (<see cref="Dispose"/> ends its spans). Not thread-safe: a component calls it from its own dispatcher.
/// </summary>
public sealed class RunMeasurement : IDisposable
{
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";

    private readonly WorkbookMetrics _metrics;
    private readonly SqlCell _cell;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Activity? _run;
    private Activity? _render;
    private bool _ended;

    internal RunMeasurement(WorkbookMetrics metrics, SqlCell cell, RunLabels labels, TimeProvider time, Activity? run)
    {
        _metrics = metrics;
        _cell = cell;
        Labels = labels;
        _time = time;
        _run = run;
        _started = time.GetTimestamp();
    }

    public RunLabels Labels { get; }

    /// <summary>The outcome once answered (null before).</summary>
    public string? Outcome { get; private set; }

    /// <summary>Answered and waiting for the render that shows it.</summary>
    public bool AwaitingRender => Outcome is not null && !_ended;

    /// <summary>The answer is there (the component will render it): the render span starts. A demonstration cell
    /// that failed the way the lab means it to counts as ok.</summary>
    public void Answered(CellRunResult result) =>
        Answer(result.Cancelled ? Cancelled : IntendedOutcome.IsAsIntended(_cell, result) ? Ok : Error);

    /// <summary>The run ended with an exception the component shows as a message.</summary>
    public void Threw(Exception exception)
    {
        _run?.SetTag("error.type", exception.GetType().FullName);
        Answer(Failed);
    }

    /// <summary>The component rendered after the answer: records the Run's duration and ends its spans.</summary>
    public void Rendered()
    {
        if (!AwaitingRender) return;
        _ended = true;
        _metrics.RunCompleted(Labels, Outcome!, _time.GetElapsedTime(_started));
        Stop(_render);
        Stop(_run);
    }

    /// <summary>Ends the spans without recording (the component went away first).</summary>
    public void Dispose()
    {
        if (_ended) return;
        _ended = true;
        Stop(_render);
        Stop(_run);
    }

    private void Answer(string outcome)
    {
        if (Outcome is not null || _ended) return;
        Outcome = outcome;
        _run?.SetTag(WorkbookTelemetry.OutcomeTag, outcome);
        if (outcome is Error or Failed) _run?.SetStatus(ActivityStatusCode.Error);
        if (_run is not null)
            _render = WorkbookTelemetry.Source.StartActivity(WorkbookTelemetry.RenderSpan, ActivityKind.Internal, _run.Context);
    }

    /// <summary>Stops a span without changing what is current on the calling flow (Stop would make its parent current).</summary>
    private static void Stop(Activity? span)
    {
        if (span is null || span.IsStopped) return;
        var current = Activity.Current;
        span.Stop();
        Activity.Current = current;
    }
}
