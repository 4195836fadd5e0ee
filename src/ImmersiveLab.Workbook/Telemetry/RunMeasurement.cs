using System.Diagnostics;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Workbook.Telemetry;

/// <summary>
/// One Run being measured on the server: from the event received (<see cref="RunTelemetry.Start"/>) to the render batch
/// that carries its answer (<see cref="AnswerRendered"/>: built and handed to the connection), recorded once in
/// immersivelab.run.duration. The trace goes on until the browser acknowledged that batch (<see cref="Acknowledged"/>),
/// so a slow Run shows whether the server or the browser took the time. A Run whose component went away first is not
/// recorded (<see cref="Dispose"/> ends its spans). Not thread-safe: a component calls it from its own dispatcher.
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

    /// <summary>Answered, and the render that shows the answer not built yet.</summary>
    public bool AwaitingRender => Outcome is not null && !Recorded && !_ended;

    /// <summary>The Run's duration was recorded (its answer was rendered).</summary>
    public bool Recorded { get; private set; }

    /// <summary>Something worth seeing in the Run's trace (e.g. the editor's text arrived from the browser).</summary>
    public void Note(string what) => _run?.AddEvent(new ActivityEvent(what));

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

    /// <summary>The component rendered the answer: the batch that carries it goes to the browser now. Records the Run.</summary>
    public void AnswerRendered()
    {
        if (!AwaitingRender) return;
        Recorded = true;
        _metrics.RunCompleted(Labels, Outcome!, _time.GetElapsedTime(_started));
        _render?.AddEvent(new ActivityEvent("immersivelab.run.answer_sent"));
    }

    /// <summary>The browser acknowledged the render with the answer: the trace ends.</summary>
    public void Acknowledged()
    {
        if (!Recorded) return;
        Dispose();
    }

    /// <summary>Ends the spans (without recording when the answer was never rendered).</summary>
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
