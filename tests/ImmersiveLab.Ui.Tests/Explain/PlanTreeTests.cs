using ImmersiveLab.Ui.Explain;

namespace ImmersiveLab.Ui.Tests.Explain;

[Collection(nameof(PlanServerCollection))]
public sealed class PlanTreeTests(PlanServerFixture server)
{
    [Fact]
    public async Task The_knn_index_scan_and_its_order_by_are_highlighted()
    {
        await using var ctx = UiTestContext.Create();
        var plan = PlanParser.Parse(server.IndexPlanJson);
        var cut = ctx.Render<PlanTree>(p => p.Add(x => x.Plan, plan).Add(x => x.Expectation, PlanExpectation.AnyIndex));
        var knn = cut.Find("li.il-plan-knn");
        Assert.Equal("Index Scan", knn.GetAttribute("data-node-type"));
        Assert.Contains("il-plan-index", knn.ClassList);
        Assert.Equal("items_embedding_hnsw", knn.QuerySelector(".il-plan-index-name")!.TextContent);
        Assert.Contains("<->", knn.QuerySelector(".il-plan-orderby code")!.TextContent);
        // The scan's estimate is for a full run; the Limit stops it after 5 rows, which is not a misestimate.
        var rows = knn.QuerySelector(".il-plan-rows")!;
        Assert.Equal($"rows est {plan.Root.Children[0].PlanRows:N0} → actual 5", rows.TextContent);
        Assert.DoesNotContain("il-plan-misestimate", rows.ClassList);
        Assert.Contains("buffers hit", knn.QuerySelector(".il-plan-buffers")!.TextContent);
        Assert.NotNull(cut.Find(".il-finding-knnindexscan"));
        Assert.Empty(cut.FindAll(".il-plan-flagged"));
        Assert.Contains("execution", cut.Find(".il-plan-execution").TextContent);
    }

    [Fact]
    public async Task A_seq_scan_and_sort_is_flagged_where_the_lesson_expects_an_index()
    {
        await using var ctx = UiTestContext.Create();
        var cut = ctx.Render<PlanTree>(p => p.Add(x => x.Plan, PlanParser.Parse(server.SeqScanPlanJson)).Add(x => x.Expectation, new PlanExpectation("items")));
        var flagged = cut.Find("li.il-plan-flagged");
        Assert.Equal("Sort", flagged.GetAttribute("data-node-type"));
        Assert.NotNull(flagged.QuerySelector("li.il-plan-seqscan"));
        Assert.Contains("Seq Scan on items + Sort", cut.Find(".il-finding-seqscansortinsteadofindex").TextContent);
        Assert.Empty(cut.FindAll("li.il-plan-knn"));
    }

    [Fact]
    public async Task Two_plans_side_by_side_with_their_timings()
    {
        await using var ctx = UiTestContext.Create();
        var before = PlanParser.Parse(server.SeqScanPlanJson);
        var after = PlanParser.Parse(server.IndexPlanJson);
        var cut = ctx.Render<PlanCompare>(p => p.Add(x => x.Left, before).Add(x => x.Right, after)
            .Add(x => x.LeftLabel, "before CREATE INDEX").Add(x => x.RightLabel, "after"));
        var execution = cut.Find("tr.il-compare-execution").QuerySelectorAll("td");
        Assert.Equal(PlanTree.Ms(before.ExecutionTime!.Value), execution[0].TextContent);
        Assert.Equal(PlanTree.Ms(after.ExecutionTime!.Value), execution[1].TextContent);
        var indexes = cut.Find("tr.il-compare-index").QuerySelectorAll("td");
        Assert.Equal("none", indexes[0].TextContent);
        Assert.Equal("items_embedding_hnsw", indexes[1].TextContent);
        Assert.Equal(2, cut.FindAll(".il-plan").Count);
        Assert.Single(cut.FindAll("li.il-plan-knn"));
        Assert.Matches(@"^after is [\d.]+× (faster|slower) than before CREATE INDEX\.$|^after and before CREATE INDEX take about the same time\.$", cut.Instance.Verdict);
    }

    [Fact]
    public async Task Explain_from_a_result_then_compare_with_the_previous_plan()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var plans = new Queue<string>([server.IndexPlanJson, server.EfSearch200PlanJson]);
        var asked = new List<string>();
        var result = StatementResults.Of(PlanServerFixture.KnnQuery,
            [StatementResults.Col("id", "integer"), StatementResults.Col("distance", "double precision")], [1, 0.1]);
        var cut = ctx.Render<ResultView>(p => p
            .Add(x => x.Result, result)
            .Add(x => x.LearnerId, UiTestContext.Learner)
            .Add(x => x.ExplainSql, (sql, _) => { asked.Add(sql); return Task.FromResult(plans.Dequeue()); }));

        cut.Find(".il-explain-button").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("li.il-plan-knn")));
        Assert.Equal([PlanServerFixture.KnnQuery], asked);
        Assert.Empty(cut.FindAll(".il-compare-switch"));

        cut.Find(".il-explain-button").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".il-compare-switch input")));
        cut.Find(".il-compare-switch input").Change(true);
        Assert.Equal(2, cut.FindAll(".il-plan-compare .il-plan").Count);
    }

    [Fact]
    public async Task Explain_is_offered_only_for_queries_and_reports_bad_output()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        Func<string, CancellationToken, Task<string>> explain = (_, _) => Task.FromResult("not json");
        var update = ctx.Render<ResultView>(p => p
            .Add(x => x.Result, new StatementResult { Index = 0, Sql = "UPDATE t SET a = 1", StartLine = 1, CommandTag = "UPDATE 1", RowsAffected = 1 })
            .Add(x => x.LearnerId, UiTestContext.Learner).Add(x => x.ExplainSql, explain));
        Assert.Empty(update.FindAll(".il-explain-button"));

        var select = ctx.Render<ResultView>(p => p
            .Add(x => x.Result, StatementResults.Of("-- nearest\nWITH q AS (SELECT 1) SELECT * FROM q", [StatementResults.Col("x", "integer")], [1]))
            .Add(x => x.LearnerId, UiTestContext.Learner).Add(x => x.ExplainSql, explain));
        select.Find(".il-explain-button").Click();
        select.WaitForAssertion(() => Assert.Contains("not JSON", select.Find(".il-explain-error").TextContent));
    }
}
