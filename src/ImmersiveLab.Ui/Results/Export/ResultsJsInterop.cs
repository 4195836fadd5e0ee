using System.Text;
using ImmersiveLab.Ui.Interop;
using Microsoft.JSInterop;

namespace ImmersiveLab.Ui.Results.Export;

/// <summary>
/// Clipboard and file download through the library's small JS module (scoped: one per circuit). When the page is gone
/// (navigation, a lost connection) the call quietly does nothing and returns false; a failing script throws
/// <see cref="JSException"/> for the caller to report.
/// </summary>
public sealed class ResultsJsInterop(IJSRuntime js) : IAsyncDisposable
{
    public const string ModulePath = "./_content/ImmersiveLab.Ui/results.js";

    private readonly JsModule _module = new(js, ModulePath);

    public async Task<bool> CopyTextAsync(string text)
    {
        try
        {
            var module = await _module.GetAsync();
            return await module.InvokeAsync<bool>("copyText", text);
        }
        catch (Exception e) when (JsFailure.PageIsGone(e))
        {
            return false;
        }
    }

    /// <summary>Streams the text to the browser (not as one big interop message) and saves it as a file.</summary>
    public async Task<bool> DownloadTextAsync(string fileName, string contentType, string text)
    {
        try
        {
            var module = await _module.GetAsync();
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            using var streamRef = new DotNetStreamReference(stream);
            await module.InvokeVoidAsync("downloadStream", fileName, contentType, streamRef);
            return true;
        }
        catch (Exception e) when (JsFailure.PageIsGone(e))
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _module.DisposeAsync();
}
