using System.Text;
using Microsoft.JSInterop;

namespace ImmersiveLab.Ui.Results.Export;

/// <summary>Clipboard and file download through the library's small JS module (scoped: one per circuit).</summary>
public sealed class ResultsJsInterop(IJSRuntime js) : IAsyncDisposable
{
    public const string ModulePath = "./_content/ImmersiveLab.Ui/results.js";

    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> Module => _module ??= js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask();

    public async Task<bool> CopyTextAsync(string text)
    {
        var module = await Module;
        return await module.InvokeAsync<bool>("copyText", text);
    }

    /// <summary>Streams the text to the browser (not as one big interop message) and saves it as a file.</summary>
    public async Task DownloadTextAsync(string fileName, string contentType, string text)
    {
        var module = await Module;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        using var streamRef = new DotNetStreamReference(stream);
        await module.InvokeVoidAsync("downloadStream", fileName, contentType, streamRef);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is { IsCompletedSuccessfully: true })
        {
            try { await _module.Result.DisposeAsync(); }
            catch (JSDisconnectedException) { }
        }
    }
}
