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

    public async Task CopyAsync(string text) => await (await Module).InvokeVoidAsync("copyText", text);

    public async ValueTask DisposeAsync()
    {
        if (_module is null) return;
        try
        {
            await (await _module).DisposeAsync();
        }
        catch (Exception e) when (e is JSDisconnectedException or JSException or TaskCanceledException or ObjectDisposedException)
        {
            // the circuit is gone
        }
    }
}
