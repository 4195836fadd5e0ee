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

    private Task<IJSObjectReference>? _module;

    /// <summary>
    /// Creates a Monaco editor inside <paramref name="host"/> and returns its handle (owned by the caller).
    /// <paramref name="assist"/>: the circuit's SQL assist bridge (null: no completion, hover or signature help).
    /// </summary>
    public async Task<IJSObjectReference> CreateEditorAsync<T>(ElementReference host, SqlEditorOptions options, DotNetObjectReference<T> owner,
        object? assist = null)
        where T : class
    {
        var module = await ModuleAsync();
        return await module.InvokeAsync<IJSObjectReference>("create", host, options, owner, assist);
    }

    private async Task<IJSObjectReference> ModuleAsync()
    {
        var import = _module ??= js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask();
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
