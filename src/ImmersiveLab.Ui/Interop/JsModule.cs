using Microsoft.JSInterop;

namespace ImmersiveLab.Ui.Interop;

/// <summary>
/// An ES module imported on first use and shared by its owner's calls (owners are scoped: one per circuit). A failed
/// import is not kept, so the next call tries again (a network blip does not disable a feature for the whole visit).
/// Disposing releases the module; when the page is already gone there is nothing to release.
/// </summary>
public sealed class JsModule(IJSRuntime js, string path) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    public string Path { get; } = path;

    public async Task<IJSObjectReference> GetAsync()
    {
        var import = _module ??= js.InvokeAsync<IJSObjectReference>("import", Path).AsTask();
        try
        {
            return await import;
        }
        catch
        {
            if (ReferenceEquals(_module, import)) _module = null;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not { IsCompletedSuccessfully: true } module) return;
        _module = null;
        try
        {
            await module.Result.DisposeAsync();
        }
        catch (Exception e) when (JsFailure.IsInterop(e))
        {
            // the page is gone with it
        }
    }
}
