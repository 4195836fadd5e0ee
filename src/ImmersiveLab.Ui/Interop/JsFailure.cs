using Microsoft.JSInterop;

namespace ImmersiveLab.Ui.Interop;

/// <summary>
/// How a JS interop call can fail without anything being wrong with the page's own code: the circuit is gone
/// (the browser left, the connection dropped), the call was cancelled or timed out (navigation, a busy browser), or
/// the JS object was already released. Such failures are expected during navigation and reconnects and must never
/// end the circuit; callers drop the call. A <see cref="JSException"/> is different: the script itself failed.
/// </summary>
public static class JsFailure
{
    public static bool PageIsGone(Exception e) =>
        e is JSDisconnectedException or OperationCanceledException or ObjectDisposedException;

    /// <summary>Either kind: the page is gone, or the script failed.</summary>
    public static bool IsInterop(Exception e) => PageIsGone(e) || e is JSException;
}
