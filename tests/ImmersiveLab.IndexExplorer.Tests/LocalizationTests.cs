using System.Globalization;
using System.Xml.Linq;
using Bunit;
using ImmersiveLab.IndexExplorer.Components;
using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Recall;
using ImmersiveLab.IndexExplorer.Tests.Support;
using ImmersiveLab.IndexExplorer.Workspace;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.IndexExplorer.Tests;

/// <summary>The explorer speaks the UI's language: Chinese under a zh culture, English otherwise.</summary>
[Collection(nameof(ExplorerCollection))]
public sealed class LocalizationTests(ExplorerFixture fx)
{
    private static async Task InCultureAsync(string culture, Func<Task> body)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { await body(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous; }
    }

    private BunitContext Context()
    {
        var ctx = ExplorerUiContext.Create();
        ctx.Services.AddTransient(_ => fx.Get<ExplorerWorkspace>());
        return ctx;
    }

    [Theory]
    [InlineData("zh", "1 · 数据集", "请先生成或选择一个数据集。", "5 · 执行过的 SQL", "生成")]
    [InlineData("en", "1 · Dataset", "Generate or choose a dataset first.", "5 · The SQL", "Generate")]
    public async Task The_explorer_page_is_in_the_ui_language(string culture, string dataset, string needDataset, string transcript, string generate)
    {
        var learner = await fx.NewLearnerIdAsync();
        await InCultureAsync(culture, async () =>
        {
            await using var ctx = Context();
            var cut = ctx.Render<IndexExplorer.Components.IndexExplorer>(p => p.Add(c => c.LearnerId, learner));
            cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=index-explorer]").GetAttribute("data-ready")), TimeSpan.FromSeconds(30));

            Assert.Contains(dataset, cut.Find("[data-testid=dataset-panel]").TextContent);
            Assert.Contains(needDataset, cut.Find("[data-testid=index-panel]").TextContent);
            Assert.Contains(needDataset, cut.Find("[data-testid=sweep-panel]").TextContent);
            Assert.Contains(transcript, cut.Find("[data-testid=sql-transcript]").TextContent);
            Assert.Equal(generate, cut.Find("[data-testid=generate]").TextContent.Trim());
        });
    }

    [Fact]
    public async Task Chart_table_and_validation_messages_are_in_chinese_under_zh()
    {
        await InCultureAsync("zh-CN", async () =>
        {
            await using var ctx = Context();
            var point = new SweepPoint
            {
                IndexName = "i", Series = "HNSW l2 m=16 ef_c=64", Kind = Indexes.IndexKind.Hnsw, Parameter = "hnsw.ef_search", Value = 40, K = 10,
                Recall = 0.9, MinRecall = 0.8, Latency = new LatencyStats(1, 2, 1, 5), MeanRows = 10, UsedIndex = null,
            };
            var result = new SweepResult("items", 10, 7, [], [point], TimeSpan.FromSeconds(1));

            var chart = ctx.Render<RecallChart>(p => p.Add(c => c.Result, result));
            Assert.Contains("7 个查询向量的平均 recall@10", chart.Markup);
            var table = ctx.Render<SweepTable>(p => p.Add(c => c.Result, result));
            Assert.Contains("系列", table.Find("thead").TextContent);
            Assert.Contains("这里规划器用的是 不用索引，而不是 i。", table.Markup);

            var problems = DatasetSpecValidator.Validate(new DatasetSpec { TableName = "select", Rows = 0 }, new IndexExplorerOptions());
            Assert.Contains("表名：“select”是 SQL 保留字。", problems);
            Assert.Contains("行数：1 到 100,000。", problems);
        });
    }

    [Fact]
    public void Every_english_text_has_a_chinese_one_and_no_other()
    {
        static HashSet<string> Keys(string file) => XDocument.Load(Path.Combine(RepoPaths.Root, "src", "ImmersiveLab.IndexExplorer", "Resources", file))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        var en = Keys("ExplorerStrings.resx");
        Assert.True(en.Count > 100);
        Assert.Equal(en.Order(), Keys("ExplorerStrings.zh.resx").Order());
    }
}
