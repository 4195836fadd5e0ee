using ImmersiveLab.Ui.Interop;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ImmersiveLab.Web.Components.Workbook.Editor;

/// <summary>
/// The editor's JS module (wwwroot/js/sql-editor.js), imported once per circuit and shared by the circuit's cells.
/// A failed import is not kept: the next editor tries again.
/// </summary>
public sealed class SqlEditorScript(IJSRuntime js) : IAsyncDisposable
{
    public const string ModulePath = "./js/sql-editor.js";

    private readonly JsModule _module = new(js, ModulePath);

    /// <summary>
    /// Creates a Monaco editor inside <paramref name="host"/> and returns its handle (owned by the caller).
    /// <paramref name="assist"/>: the circuit's SQL assist bridge (null: no completion, hover or signature help).
    /// </summary>
    public async Task<IJSObjectReference> CreateEditorAsync<T>(ElementReference host, SqlEditorOptions options, DotNetObjectReference<T> owner,
        object? assist = null)
        where T : class
    {
        var module = await _module.GetAsync();
        return await module.InvokeAsync<IJSObjectReference>("create", host, options, owner, assist);
    }

    public ValueTask DisposeAsync() => _module.DisposeAsync();
}
