using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Workbook.Telemetry;

namespace ImmersiveLab.Web.Components.Workbook;

/// <summary>
/// Measures a cell component's Runs on the server: from the Run event received (<see cref="Start"/>) to the end of the
/// first render that shows the answer. Blazor calls OnAfterRender once per render, in order, after the browser
/// acknowledged the batch that carried it; so the component reports each render (<see cref="Rendering"/>, from its
/// markup) and each OnAfterRender (<see cref="AfterRender"/>), and the measurement ends at the OnAfterRender that matches
/// the first render after <see cref="Answered"/>. Without <see cref="RunTelemetry"/> (component tests) it does nothing.
/// </summary>
public sealed class CellRunTimer(RunTelemetry? telemetry) : IDisposable
{
    private RunMeasurement? _current;
    private long _renders;
    private long _afterRenders;
    private long _answerRender;

    public void Start(string labId, SqlCell cell)
    {
        _current?.Dispose();
        _current = telemetry?.Start(labId, cell);
    }

    public void Answered(CellRunResult result)
    {
        if (_current is null) return;
        _current.Answered(result);
        _answerRender = _renders + 1;
    }

    public void Threw(Exception exception)
    {
        if (_current is null) return;
        _current.Threw(exception);
        _answerRender = _renders + 1;
    }

    /// <summary>The component is rendering (call from its markup).</summary>
    public void Rendering() => _renders++;

    /// <summary>From OnAfterRender.</summary>
    public void AfterRender()
    {
        _afterRenders++;
        if (_current is not { AwaitingRender: true } measurement || _afterRenders < _answerRender) return;
        measurement.Rendered();
        _current = null;
    }

    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
    }
}
