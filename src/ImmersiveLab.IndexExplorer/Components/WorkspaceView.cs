using ImmersiveLab.IndexExplorer.Workspace;
using Microsoft.AspNetCore.Components;

namespace ImmersiveLab.IndexExplorer.Components;

/// <summary>
/// A part of the explorer that renders the shared <see cref="ExplorerWorkspace"/>. Progress arrives from worker
/// threads many times a second: re-renders are marshalled to the circuit and thinned to about ten per second.
/// </summary>
public abstract class WorkspaceView : ComponentBase, IDisposable
{
    private ExplorerWorkspace? _subscribed;
    private long _lastRender;
    private int _pending;

    [Parameter, EditorRequired] public ExplorerWorkspace Workspace { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_subscribed, Workspace)) return;
        if (_subscribed is not null) _subscribed.Changed -= OnChanged;
        _subscribed = Workspace;
        Workspace.Changed += OnChanged;
    }

    private void OnChanged()
    {
        var now = Environment.TickCount64;
        if (Workspace.IsBusy && now - Interlocked.Read(ref _lastRender) < 100)
        {
            // Too soon: make sure one render follows shortly so the last value is shown.
            if (Interlocked.Exchange(ref _pending, 1) == 0)
                _ = Task.Delay(100).ContinueWith(_ => { Interlocked.Exchange(ref _pending, 0); Render(); }, TaskScheduler.Default);
            return;
        }
        Render();
    }

    private void Render()
    {
        Interlocked.Exchange(ref _lastRender, Environment.TickCount64);
        _ = InvokeAsync(StateHasChanged);
    }

    public virtual void Dispose()
    {
        if (_subscribed is not null) _subscribed.Changed -= OnChanged;
        GC.SuppressFinalize(this);
    }
}
