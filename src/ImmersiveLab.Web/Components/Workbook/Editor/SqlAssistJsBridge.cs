using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.SqlAssist;
using ImmersiveLab.SqlAssist.Completion;
using ImmersiveLab.SqlAssist.Hover;
using ImmersiveLab.SqlAssist.Signatures;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace ImmersiveLab.Web.Components.Workbook.Editor;

/// <summary>
/// What an editor's JavaScript calls (through a DotNetObjectReference) for one circuit: the learner and the UI language
/// are resolved per call, so a language switch applies at once. A call that fails or takes longer than
/// <see cref="CallTimeout"/> answers with nothing rather than an error, so the editor's providers never throw.
/// </summary>
public sealed class SqlAssistJsBridge(
    SqlAssistService service,
    ILearnerContext learner,
    Func<string> language,
    ILogger<SqlAssistJsBridge> logger)
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Whether the editor should register its providers at all (SqlAssist:Enabled).</summary>
    [JSInvokable]
    public bool IsEnabled() => service.Enabled;

    [JSInvokable]
    public Task<CompletionList> Complete(string text, int offset) =>
        Guard(async ct => await service.CompleteAsync(await learner.GetAsync(ct), text, offset, language(), ct), CompletionList.Empty(offset), "completion");

    [JSInvokable]
    public Task<HoverInfo?> Hover(string text, int offset) =>
        Guard(async ct => await service.HoverAsync(await learner.GetAsync(ct), text, offset, language(), ct), null, "hover");

    [JSInvokable]
    public Task<SignatureHelp?> SignatureHelp(string text, int offset) =>
        Guard(async ct => await service.SignatureHelpAsync(await learner.GetAsync(ct), text, offset, language(), ct), null, "signature help");

    private async Task<T> Guard<T>(Func<CancellationToken, Task<T>> call, T nothing, string what)
    {
        using var timeout = new CancellationTokenSource(CallTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            logger.LogDebug("SQL {What} took longer than {Timeout}", what, CallTimeout);
            return nothing;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "SQL {What} failed", what);
            return nothing;
        }
    }
}
