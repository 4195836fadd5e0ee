using ImmersiveLab.Ui.Interop;
using Microsoft.JSInterop;

namespace ImmersiveLab.Web.Components.Workbook.Editor;

/// <summary>
/// The learner's on/off choice for the SQL assist, which the browser keeps (wwwroot/js/sql-assist.js, localStorage),
/// so it holds for every cell, page and visit. Scoped: one module import per circuit.
/// </summary>
public sealed class SqlAssistScript(IJSRuntime js, ILogger<SqlAssistScript> logger) : IAsyncDisposable
{
    public const string ModulePath = "./js/sql-assist.js";

    private readonly JsModule _module = new(js, ModulePath);

    /// <summary>Whether the help is on in this browser; null when the browser cannot say (page gone, script failed).</summary>
    public Task<bool?> IsEnabledAsync() => CallAsync("isEnabled");

    /// <summary>Stores the choice; returns what the browser now has, or null when it could not be stored.</summary>
    public Task<bool?> SetEnabledAsync(bool on) => CallAsync("setEnabled", on);

    private async Task<bool?> CallAsync(string function, params object?[] args)
    {
        try
        {
            var module = await _module.GetAsync();
            return await module.InvokeAsync<bool>(function, args);
        }
        catch (Exception e) when (JsFailure.IsInterop(e))
        {
            logger.LogDebug(e, "The SQL assist's {Function} failed in the browser", function);
            return null;
        }
    }

    public ValueTask DisposeAsync() => _module.DisposeAsync();
}
