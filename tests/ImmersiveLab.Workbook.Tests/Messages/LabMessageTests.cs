using System.Globalization;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Sandbox.Messages;

namespace ImmersiveLab.Workbook.Tests.Messages;

/// <summary>Runner and checker messages are codes with arguments, rendered from resx in English (logs) or Chinese (learners).</summary>
public class LabMessageTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Fact]
    public void A_cut_renders_in_english_for_logs_and_in_chinese_for_a_chinese_learner()
    {
        var cut = new ResultCut(ResultLimit.RowsCounted, 100_000, 3);

        Assert.Equal("More than 100,000 rows: the statement was stopped; only the first 3 rows are kept.", cut.Describe());
        Assert.Equal("结果超过 100,000 行：语句已被停止，只保留了前 3 行。", cut.Message.Render(Chinese));
    }

    [Fact]
    public void A_session_reset_reason_nests_its_duration_in_the_same_language()
    {
        var reset = SandboxText.Of("Reset_Idle", SandboxText.Duration(TimeSpan.FromMinutes(20)));

        Assert.StartsWith("Your session was closed after 20 min without use", reset.English());
        Assert.StartsWith("你的会话闲置 20 分钟后被关闭", reset.Render(Chinese));
    }

    [Fact]
    public void A_checker_message_keeps_its_english_text_and_has_a_chinese_one()
    {
        var falseCheck = CheckText.Of("Check_False");

        Assert.Equal("Not yet: the check returned false.", falseCheck.English());
        Assert.Equal("还没有完成：检查的结果是 false。", falseCheck.Render(Chinese));
    }

    [Fact]
    public void A_comparison_says_what_differs_in_both_languages()
    {
        var comparison = ResultComparer.Compare(QueryResult.Of(["n"], ["1"], ["2"]), QueryResult.Of(["n"], ["1"]), ResultOrder.Ordered);

        Assert.Equal("expected 2 rows but got 1; missing from row 2: (2)", comparison.Difference);
        Assert.Equal("预期 2 行，实际是 1 行；从第 2 行起缺少：(2)", comparison.Text!.Render(Chinese));
    }

    [Fact]
    public void An_unknown_code_shows_the_code_rather_than_failing()
    {
        Assert.Equal("No_Such_Code", CheckText.Of("No_Such_Code").English());
    }
}
