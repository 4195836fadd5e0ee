using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Workbook.Telemetry;

namespace ImmersiveLab.Web.Components.Workbook;

/// <summary>
/// Measures a cell component's Runs on the server: from the Run event received (<see cref="Start"/>) to the render that
/// shows the answer (the first after <see cref="Answered"/>; the batch carrying it is sent as that render ends), and
/// traces on to the OnAfterRender of that render, which Blazor Server calls once the browser acknowledged the batch.
/// The component reports each render (<see cref="Rendering"/>, from its markup) and each OnAfterRender
/// (<see cref="AfterRender"/>); Blazor calls OnAfterRender once per render, in order, so the two counts pair them up.
/// A cell renders when its state changes, which may be before the Run returns to it: each render says which result it
/// showed, so an answer already on the page when <see cref="Answered"/> comes is recorded at the render that showed it.
/// Without <see cref="RunTelemetry"/> (component tests) it does nothing.
/// </summary>
public sealed class CellRunTimer(RunTelemetry? telemetry) : IDisposable
{
    private RunMeasurement? _current;
    private long _renders;
    private long _afterRenders;
    private long _answerRender;
    private CellRunResult? _shown;
    private long _shownAt;

    /// <summary>Answered, and no render showed the answer yet: the component must render once more.</summary>
    public bool AwaitingRender => _current is { AwaitingRender: true };

    public void Start(string labId, SqlCell cell)
    {
        _current?.Dispose();
        _current = telemetry?.Start(labId, cell);
    }

    /// <summary>The editor's text arrived from the browser (a round trip before the run can start).</summary>
    public void EditorRead() => _current?.Note("immersivelab.run.editor_read");

    public void Answered(CellRunResult result)
    {
        if (_current is null) return;
        _current.Answered(result);
        if (!ReferenceEquals(_shown, result))
        {
            _answerRender = _renders + 1;
            return;
        }
        _answerRender = _shownAt;
        _current.AnswerRendered();
        if (_afterRenders < _answerRender) return;
        _current.Acknowledged();
        _current = null;
    }

    public void Threw(Exception exception)
    {
        if (_current is null) return;
        _current.Threw(exception);
        _answerRender = _renders + 1;
    }

    /// <summary>The component is rendering (call from its markup) and shows <paramref name="shown"/> as its finished result.</summary>
    public void Rendering(CellRunResult? shown = null)
    {
        _renders++;
        if (!ReferenceEquals(shown, _shown))
        {
            _shown = shown;
            _shownAt = _renders;
        }
        if (_current is { AwaitingRender: true } measurement && _renders >= _answerRender) measurement.AnswerRendered();
    }

    /// <summary>From OnAfterRender.</summary>
    public void AfterRender()
    {
        _afterRenders++;
        if (_current is not { Recorded: true } measurement || _afterRenders < _answerRender) return;
        measurement.Acknowledged();
        _current = null;
    }

    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
    }
}
