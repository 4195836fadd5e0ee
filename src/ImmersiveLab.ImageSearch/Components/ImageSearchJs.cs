using ImmersiveLab.Ui.Interop;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ImmersiveLab.ImageSearch.Components;

/// <summary>The panel's small JS module: drop and paste onto the upload zone, and copying SQL.</summary>
internal sealed class ImageSearchJs(IJSRuntime js) : IAsyncDisposable
{
    private readonly JsModule _module = new(js, "./_content/ImmersiveLab.ImageSearch/imageSearch.js");

    public async Task<IJSObjectReference> AttachAsync(ElementReference zone, ElementReference input) =>
        await (await _module.GetAsync()).InvokeAsync<IJSObjectReference>("attach", zone, input);

    /// <summary>Copies <paramref name="text"/>; false when the page is gone. A failing script throws <see cref="JSException"/>.</summary>
    public async Task<bool> CopyAsync(string text)
    {
        try
        {
            await (await _module.GetAsync()).InvokeVoidAsync("copyText", text);
            return true;
        }
        catch (Exception e) when (JsFailure.PageIsGone(e))
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _module.DisposeAsync();
}
