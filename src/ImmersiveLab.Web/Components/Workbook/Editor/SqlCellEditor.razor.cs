using ImmersiveLab.Ui.Interop;
using ImmersiveLab.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace ImmersiveLab.Web.Components.Workbook.Editor;

/// <summary>
/// Owns the JS editor's lifecycle, so no interleaving of renders, disposal and JS calls can fail the circuit: the
/// editor is created once after the first render; a disposal while it is being created is honoured when the creation
/// returns; calls made before it exists are remembered (text, focus) or dropped (error marks); calls after disposal or
/// after the circuit is gone are dropped. A script failure shows a plain text box instead of the editor.
/// </summary>
public sealed partial class SqlCellEditor
{
    private const int MinLines = 2;
    private const int MaxLines = 30;

    [Inject] private SqlEditorScript Script { get; set; } = default!;
    [Inject] private SqlEditorAssist Assist { get; set; } = default!;
    [Inject] private ILogger<SqlCellEditor> Logger { get; set; } = default!;
    [Inject] private IStringLocalizer<UiStrings> L { get; set; } = default!;

    [Parameter, EditorRequired] public string CellId { get; set; } = "";
    [Parameter, EditorRequired] public string InitialValue { get; set; } = "";
    [Parameter] public bool ReadOnly { get; set; }
    /// <summary>Presenter mode: type that reads from the back of the room.</summary>
    [Parameter] public bool Large { get; set; }
    [Parameter] public string? AriaLabel { get; set; }
    /// <summary>Where the browser keeps text not yet saved (learner, lab and cell); null: none.</summary>
    [Parameter] public string? DraftKey { get; set; }
    [Parameter] public EventCallback OnRun { get; set; }
    [Parameter] public EventCallback OnRunAndNext { get; set; }
    [Parameter] public EventCallback OnEscape { get; set; }
    /// <summary>The learner's text, a moment after they stop typing.</summary>
    [Parameter] public EventCallback<string> OnChanged { get; set; }

    private ElementReference _host;
    private DotNetObjectReference<SqlCellEditor>? _self;
    private IJSObjectReference? _editor;
    private bool _starting;
    private bool _disposed;
    private string? _failure;
    private string _text = "";
    private bool _textChangedWhileStarting;
    private bool _focusWhenReady;
    private bool _appliedLarge;
    private int _initialHeight;

    /// <summary>For tests and the page's markup: starting, ready, failed or disposed.</summary>
    public string State => _disposed ? "disposed" : _failure is not null ? "failed" : _editor is not null ? "ready" : "starting";

    protected override void OnInitialized()
    {
        _text = InitialValue;
        _appliedLarge = Large;
        var lines = Math.Clamp(_text.Count(c => c == '\n') + 1, MinLines, MaxLines);
        _initialHeight = lines * (Large ? 32 : 19) + 12;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_appliedLarge == Large) return;
        _appliedLarge = Large;
        await CallAsync("setLarge", Large);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender) await StartAsync();
    }

    private async Task StartAsync()
    {
        if (_disposed || _starting || _editor is not null) return;
        _starting = true;
        _textChangedWhileStarting = false;
        var options = new SqlEditorOptions(_text, ReadOnly, Large, AriaLabel, ReadOnly ? null : DraftKey);
        try
        {
            _self ??= DotNetObjectReference.Create(this);
            var editor = await Script.CreateEditorAsync(_host, options, _self, Assist.Reference);
            if (_disposed)
            {
                if (editor is not null) await ReleaseAsync(editor); // disposed while the editor was being created
                return;
            }
            _editor = editor;
            if (_textChangedWhileStarting) await CallAsync("setValue", _text);
            if (_appliedLarge != options.Large) await CallAsync("setLarge", _appliedLarge);
            if (_focusWhenReady) await CallAsync("focus");
            _focusWhenReady = false;
        }
        catch (Exception e) when (JsFailure.PageIsGone(e))
        {
            // The circuit or the page went away while the editor was being created: nothing to show it in.
        }
        catch (JSException e)
        {
            Logger.LogWarning(e, "The SQL editor of cell {Cell} could not start; a plain text box stands in", CellId);
            _failure = e.Message;
        }
        finally
        {
            _starting = false;
        }
        if (!_disposed) StateHasChanged();
    }

    private async Task RetryAsync()
    {
        _failure = null;
        StateHasChanged();
        await Task.Yield(); // let the editor's element come back before the script looks for it
        await StartAsync();
    }

    /// <summary>The text as the learner has it now (what they typed in the last moment included).</summary>
    public async Task<string> GetValueAsync()
    {
        if (_editor is null || _disposed) return _text;
        try
        {
            return _text = await _editor.InvokeAsync<string?>("getValue") ?? _text;
        }
        catch (Exception e) when (JsFailure.IsInterop(e))
        {
            return _text;
        }
    }

    public async Task SetValueAsync(string value)
    {
        _text = value;
        if (_failure is not null) StateHasChanged();
        else if (_editor is null) _textChangedWhileStarting = true;
        else await CallAsync("setValue", value);
    }

    public async Task FocusAsync()
    {
        if (_editor is null) _focusWhenReady = true;
        else await CallAsync("focus");
    }

    /// <summary>The server saved <paramref name="text"/>: the browser's draft of it can go.</summary>
    public Task MarkSavedAsync(string text) => CallAsync("saved", text);

    /// <summary>Marks the error's position (1-based line and column of the cell) and scrolls it into view.</summary>
    public Task ShowErrorAsync(int line, int? column, string message)
    {
        var mark = ErrorMark.Locate(_text, line, column);
        return CallAsync("showError", mark.Line, mark.StartColumn, mark.EndColumn, message);
    }

    public Task ClearErrorAsync() => CallAsync("clearError");

    /// <summary>Ctrl+Enter, Shift+Enter, Esc in the editor (with the text at that moment).</summary>
    [JSInvokable]
    public Task OnKey(string name, string text)
    {
        _text = text;
        var callback = name switch
        {
            "run" => OnRun,
            "run-next" => OnRunAndNext,
            "cancel" => OnEscape,
            _ => default,
        };
        // Not awaited: a run may take a while, and the script does not wait for it.
        if (callback.HasDelegate) _ = InvokeCallbackAsync(() => callback.InvokeAsync());
        return Task.CompletedTask;
    }

    /// <summary>The learner stopped typing (or is about to run): the text to keep.</summary>
    [JSInvokable]
    public Task OnTextChanged(string text)
    {
        _text = text;
        return InvokeCallbackAsync(() => OnChanged.InvokeAsync(text));
    }

    // The plain text box: every key updates the text a run uses; leaving the box saves it.
    private void OnFallbackInput(ChangeEventArgs e) => _text = e.Value as string ?? "";

    private Task OnFallbackChangedAsync(ChangeEventArgs e)
    {
        _text = e.Value as string ?? "";
        return OnChanged.InvokeAsync(_text);
    }

    /// <summary>A failure of the cell's own handlers goes to its error boundary, never out of the circuit.</summary>
    private async Task InvokeCallbackAsync(Func<Task> callback)
    {
        try
        {
            await callback();
        }
        catch (Exception e) when (!_disposed)
        {
            await DispatchExceptionAsync(e);
        }
        catch (Exception e)
        {
            Logger.LogDebug(e, "A handler of cell {Cell} failed after the cell was closed", CellId);
        }
    }

    private async Task CallAsync(string method, params object?[] args)
    {
        if (_editor is not { } editor || _disposed) return;
        try
        {
            await editor.InvokeVoidAsync(method, args);
        }
        catch (Exception e) when (JsFailure.PageIsGone(e))
        {
            // navigating away or disconnected: nothing to update
        }
        catch (JSException e)
        {
            Logger.LogWarning(e, "The SQL editor of cell {Cell} failed in {Method}", CellId, method);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        var editor = _editor;
        _editor = null;
        if (editor is not null) await ReleaseAsync(editor);
        _self?.Dispose();
    }

    /// <summary>Disposes the JS editor; what was typed but not yet reported is still saved (leaving within the save delay).</summary>
    private async Task ReleaseAsync(IJSObjectReference editor)
    {
        string? unreported = null;
        try
        {
            unreported = await editor.InvokeAsync<string?>("dispose");
            await editor.DisposeAsync();
        }
        catch (Exception e) when (JsFailure.IsInterop(e))
        {
            Logger.LogDebug("The SQL editor of cell {Cell} went with its page", CellId);
        }
        if (unreported is null || unreported == _text) return;
        _text = unreported;
        try
        {
            await OnChanged.InvokeAsync(unreported);
        }
        catch (Exception e)
        {
            // The page is closing; the browser's draft still has the text for the next visit.
            Logger.LogDebug(e, "The last edit of cell {Cell} was not saved on close", CellId);
        }
    }
}
