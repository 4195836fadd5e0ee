using ImmersiveLab.Ui.Results.Export;
using static ImmersiveLab.Ui.Tests.Support.StatementResults;

namespace ImmersiveLab.Ui.Tests.Components;

public sealed class ExportMenuTests
{
    private static readonly StatementResult Result = Of("SELECT", [Col("id", "integer"), Col("t", "text")], [1, "a,b"]) with { Index = 1 };

    [Fact]
    public async Task Csv_and_json_are_downloaded_through_the_js_module()
    {
        await using var ctx = UiTestContext.Create();
        var (popovers, _) = ctx.RenderProviders();
        var module = ctx.Module();
        module.SetupVoid("downloadStream", _ => true).SetVoidResult();
        var cut = ctx.Render<ExportMenu>(p => p.Add(x => x.Result, Result));

        cut.Find("button").Click();
        popovers.WaitForElement(".il-export-csv").Click();
        cut.WaitForAssertion(() => module.VerifyInvoke("downloadStream"));
        var csv = module.VerifyInvoke("downloadStream");
        Assert.Equal("result-2.csv", csv.Arguments[0]);
        Assert.Equal("text/csv;charset=utf-8", csv.Arguments[1]);

        cut.Find("button").Click();
        popovers.WaitForElement(".il-export-json").Click();
        cut.WaitForAssertion(() => module.VerifyInvoke("downloadStream", calledTimes: 2));
        var calls = module.VerifyInvoke("downloadStream", calledTimes: 2);
        Assert.Equal("result-2.json", calls[1].Arguments[0]);
    }

    [Fact]
    public async Task Markdown_is_copied_to_the_clipboard()
    {
        await using var ctx = UiTestContext.Create();
        var (popovers, _) = ctx.RenderProviders();
        var module = ctx.Module();
        module.Setup<bool>("copyText", _ => true).SetResult(true);
        var cut = ctx.Render<ExportMenu>(p => p.Add(x => x.Result, Result));
        cut.Find("button").Click();
        popovers.WaitForElement(".il-export-markdown").Click();
        cut.WaitForAssertion(() => Assert.Equal(new ResultExporter().ToMarkdown(Result), module.VerifyInvoke("copyText").Arguments[0]));
    }
}
