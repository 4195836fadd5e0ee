using ImmersiveLab.Ui.Interop;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ImmersiveLab.ImageSearch.Components;

/// <summary>The panel's small JS module: drop and paste onto the upload zone, and copying SQL.</summary>
internal sealed class ImageSearchJs(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> Module => _module ??=
        js.InvokeAsync<IJSObjectReference>("import", "./_content/ImmersiveLab.ImageSearch/imageSearch.js").AsTask();

    public async Task<IJSObjectReference> AttachAsync(ElementReference zone, ElementReference input) =>
        await (await Module).InvokeAsync<IJSObjectReference>("attach", zone, input);

    /// <summary>Copies <paramref name="text"/>; false when the page is gone. A failing script throws <see cref="JSException"/>.</summary>
    public async Task<bool> CopyAsync(string text)
    {
        try
        {
            await (await Module).InvokeVoidAsync("copyText", text);
            return true;
        }
        catch (Exception e) when (JsFailure.PageIsGone(e))
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null) return;
        try
        {
            await (await _module).DisposeAsync();
        }
        catch (Exception e) when (JsFailure.IsInterop(e))
        {
            // the circuit is gone
        }
    }
}
