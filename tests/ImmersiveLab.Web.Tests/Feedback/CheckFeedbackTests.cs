using System.Globalization;
using Bunit;
using ImmersiveLab.Labs;
using ImmersiveLab.Web.Components.Workbook;
using ImmersiveLab.Workbook;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ImmersiveLab.Web.Tests.Feedback;

/// <summary>The check outcome and the side-by-side difference, rendered in the learner's language.</summary>
public sealed class CheckFeedbackTests
{
    /// <summary>A bUnit context whose renders run in <paramref name="language"/> (the culture flows with the test's async context).</summary>
    private static BunitContext InLanguage(string language)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language);
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        return ctx;
    }

    private static ExerciseCheckResult Failed(IReadOnlyList<CheckOutcome> checks, ExpectOutcome? expect = null) =>
        new("ex", CheckStatus.Failed, checks, expect, "");

    [Fact]
    public async Task The_first_failing_part_is_shown_with_the_labs_message()
    {
        var check = Failed([
            new CheckOutcome(1, "", 1, true, null),
            new CheckOutcome(2, "", 2, false, CheckText.Of("Check_False")) { Says = "5 rows expected, your table has 3." },
            new CheckOutcome(3, "", 3, false, CheckText.Of("Check_False")) { Says = "Not shown yet." },
        ]);

        await using var ctx = InLanguage("en");
        var markup = ctx.Render<CheckFeedback>(p => p.Add(c => c.Check, check)).Markup;

        Assert.Contains("5 rows expected, your table has 3.", markup);
        Assert.Contains("Check 2", markup);
        Assert.DoesNotContain("Not shown yet.", markup);
    }

    [Fact]
    public async Task A_part_without_a_message_fails_in_chinese_for_a_chinese_learner()
    {
        var check = Failed([new CheckOutcome(1, "", 1, false, CheckText.Of("Check_False"))]);

        await using var ctx = InLanguage("zh");
        var text = ctx.Render<CheckFeedback>(p => p.Add(c => c.Check, check)).Find("[data-testid=check-part]").TextContent;

        Assert.Contains("还没有完成：检查的结果是 false。", text);
        Assert.DoesNotContain("returned false", text);
    }

    [Fact]
    public async Task A_not_checked_run_says_why_in_the_learners_language()
    {
        var check = ExerciseCheckResult.NotChecked("ex", CheckText.Of("Check_TransactionFailed"));

        string zh, en;
        await using (var ctx = InLanguage("zh")) zh = ctx.Render<CheckFeedback>(p => p.Add(c => c.Check, check)).Markup;
        await using (var ctx = InLanguage("en")) en = ctx.Render<CheckFeedback>(p => p.Add(c => c.Check, check)).Markup;

        Assert.Contains("你的事务已失败", zh);
        Assert.Contains("Your transaction has failed", en);
    }

    [Fact]
    public async Task A_wrong_result_shows_the_first_differing_rows_side_by_side_with_the_cells_marked()
    {
        var comparison = ResultComparer.Compare(
            QueryResult.Of(["id", "name"], ["1", "rose"], ["2", "tulip"], ["3", "lily"]),
            QueryResult.Of(["id", "label"], ["1", "rose"], ["2", "daisy"], ["3", "lily"]), ResultOrder.Ordered);
        var check = Failed([], new ExpectOutcome(ResultOrder.Ordered, 1, false, CheckText.Of("Expect_Differs", comparison.Text)) { Comparison = comparison });

        await using var ctx = InLanguage("en");
        var cut = ctx.Render<CheckFeedback>(p => p.Add(c => c.Check, check));

        Assert.Contains("Expected", cut.Find("[data-testid=diff-expected-head]").TextContent);
        Assert.Contains("Your result", cut.Find("[data-testid=diff-yours-head]").TextContent);
        var first = cut.FindAll("[data-testid=diff-row]")[0];
        var marked = first.QuerySelectorAll("[data-differs=true]").Select(c => (c.GetAttribute("data-side"), c.TextContent)).ToList();
        Assert.Equal([("expected", "tulip"), ("yours", "daisy")], marked);
        Assert.Contains("row 2: expected (2, tulip) but got (2, daisy)", cut.Markup);
    }

    [Fact]
    public async Task A_missing_row_shows_an_empty_side_and_how_many_more_differ()
    {
        var expected = QueryResult.Of(["n"], Enumerable.Range(1, 9).Select(i => (IReadOnlyList<string?>)[i.ToString()]).ToArray());
        var comparison = ResultComparer.Compare(expected, QueryResult.Of(["n"], ["1"], ["2"]), ResultOrder.Ordered);

        await using var ctx = InLanguage("zh");
        var cut = ctx.Render<ResultDiffView>(p => p.Add(c => c.Diff, comparison.Diff!));

        var rows = cut.FindAll("[data-testid=diff-row]");
        Assert.Equal(ResultDiff.MaxRows, rows.Count);
        Assert.Contains("（没有这一行）", rows[0].TextContent);
        Assert.Contains("3", rows[0].TextContent);
        Assert.Contains("另外还有 2 行不同", cut.Find("[data-testid=diff-more]").TextContent);
        Assert.Contains("预期结果", cut.Markup);
    }
}
