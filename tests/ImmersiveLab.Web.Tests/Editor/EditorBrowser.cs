using Microsoft.JSInterop;

namespace ImmersiveLab.Web.Tests.Editor;

/// <summary>
/// The browser side of the editor as the component sees it: importing sql-editor.js gives a module whose
/// <c>create</c> answers when the test says so (<see cref="Created"/>), so a test can interleave renders, disposal
/// and calls with a creation in flight. Other JS calls (MudBlazor's) answer with defaults.
/// </summary>
public sealed class EditorBrowser : IJSRuntime
{
    private readonly TaskCompletionSource<IJSObjectReference> _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<object?[]> CreateCalls { get; } = [];

    public void Created(IJSObjectReference editor) => _created.SetResult(editor);

    public void CreationFailed(Exception e) => _created.SetException(e);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
    {
        if (identifier == "import" && args?[0] is string path && path.EndsWith("sql-editor.js", StringComparison.Ordinal))
            return ValueTask.FromResult((TValue)(object)new Module(this));
        return ValueTask.FromResult(default(TValue)!);
    }

    private sealed class Module(EditorBrowser browser) : IJSObjectReference
    {
        public async ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args)
        {
            if (identifier != "create") throw new JSException($"sql-editor.js has no '{identifier}'");
            browser.CreateCalls.Add(args ?? []);
            return (TValue)await browser._created.Task;
        }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
