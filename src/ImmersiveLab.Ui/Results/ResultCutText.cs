using System.Globalization;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Ui.Results;

/// <summary>
/// Why a statement's rows were cut, in the learner's language (Chinese when the UI culture is zh, else English), from
/// the limit and numbers the runner reports (<see cref="ResultCut"/>).
/// </summary>
public static class ResultCutText
{
    public static bool IsChinese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh";

    /// <summary>"Showing the first N of M rows: why."</summary>
    public static string Summary(StatementResult result, CultureInfo culture)
    {
        var shown = result.Rows.Count.ToString("N0", CultureInfo.InvariantCulture);
        var reason = result.Cut is { } cut ? Reason(cut, culture) : result.TruncationReason;
        if (IsChinese(culture))
        {
            var of = result.TotalRows is { } t ? $"共 {t.ToString("N0", CultureInfo.InvariantCulture)} 行中的前 {shown} 行" : $"更多行中的前 {shown} 行";
            return $"显示{of}{(reason is null ? "。" : "：" + reason)}";
        }
        var total = result.TotalRows is { } all ? all.ToString("N0", CultureInfo.InvariantCulture) : "more";
        return $"Showing the first {shown} of {total} rows{(reason is null ? "." : ": " + reason)}";
    }

    public static string Reason(ResultCut cut, CultureInfo culture) => IsChinese(culture) ? Chinese(cut) : cut.Describe();

    private static string Chinese(ResultCut cut)
    {
        var limit = cut.LimitValue.ToString("N0", CultureInfo.InvariantCulture);
        var size = ResultCut.Megabytes(cut.LimitValue);
        var kept = cut.KeptRows == 0 ? "这条语句的结果一行也没有保留" : $"只保留了前 {cut.KeptRows.ToString("N0", CultureInfo.InvariantCulture)} 行";
        return cut.Limit switch
        {
            ResultLimit.Rows => $"只保留前 {limit} 行。",
            ResultLimit.RowsCounted => $"结果超过 {limit} 行：语句已被停止，{kept}。",
            ResultLimit.StatementBytes => $"结果超过了 {size}（一条语句的上限），{kept}。",
            ResultLimit.CellBytes => $"这个单元格的结果合计超过了 {size}（运行一次单元格的上限），{kept}。请一次少运行几条查询，或让查询返回更少的数据。",
            ResultLimit.LearnerBytes => $"你屏幕上的结果（所有标签页合计）超过了 {size}（每位学员的上限），{kept}。离开这一步或关闭其他标签页即可腾出空间。",
            ResultLimit.ValueBytes => $"有一行超过了 {size}（单个值的上限）：COPY 在这一行停止，只保留了这一行的开头（共保留 {cut.KeptRows.ToString("N0", CultureInfo.InvariantCulture)} 行）。",
            _ => "结果被截断了。",
        };
    }
}
