using Microsoft.JSInterop;

namespace ImmersiveLab.Web.Components.Workbook.Editor;

/// <summary>
/// The circuit's link from its SQL editors to the SQL assist (completion, hover, signature help): one
/// DotNetObjectReference to the circuit's <see cref="SqlAssistJsBridge"/>, shared by every editor of the page and
/// released with the circuit. Null when SqlAssist:Enabled is false or the host has no assist.
/// </summary>
public sealed class SqlEditorAssist(IServiceProvider services) : IDisposable
{
    private DotNetObjectReference<SqlAssistJsBridge>? _reference;
    private bool _resolved;
    private bool _disposed;

    public DotNetObjectReference<SqlAssistJsBridge>? Reference
    {
        get
        {
            if (_resolved || _disposed) return _reference;
            _resolved = true;
            if (services.GetService(typeof(SqlAssistJsBridge)) is SqlAssistJsBridge { } bridge && bridge.IsEnabled())
                _reference = DotNetObjectReference.Create(bridge);
            return _reference;
        }
    }

    /// <summary>Whether the server offers the help at all (each learner can still turn it off in their browser).</summary>
    public bool IsAvailable => Reference is not null;

    public void Dispose()
    {
        _disposed = true;
        _reference?.Dispose();
        _reference = null;
    }
}
