using System.Globalization;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Messages;

namespace ImmersiveLab.Ui.Results;

/// <summary>
/// Why a statement's rows were cut, in the learner's language, from the limit and numbers the runner reports
/// (<see cref="ResultCut.Message"/>, worded in SandboxMessages.resx).
/// </summary>
public static class ResultCutText
{
    /// <summary>"Showing the first N of M rows: why."</summary>
    public static string Summary(StatementResult result, CultureInfo culture)
    {
        var showing = result.TotalRows is { } total
            ? SandboxText.Of("Cut_ShowingOfTotal", result.Rows.Count, total)
            : SandboxText.Of("Cut_ShowingOfMore", result.Rows.Count);
        var text = result.Cut is { } cut
            ? SandboxText.Of("Cut_ShowingWhy", showing, cut.Message)
            : result.TruncationReason is { } reason ? SandboxText.Of("Cut_ShowingWhy", showing, reason) : SandboxText.Of("Cut_ShowingEnd", showing);
        return text.Render(culture);
    }

    public static string Reason(ResultCut cut, CultureInfo culture) => cut.Message.Render(culture);
}
