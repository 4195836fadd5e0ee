using Bunit;
using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Sql;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Execution;
using ImmersiveLab.Ui.Results.Images;
using ImmersiveLab.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Web.Tests.Workbook;

/// <summary>The image-steps, image-search and recall-chart blocks of the repository's labs, live on the lab page for the page's learner.</summary>
[Collection(nameof(WorkbookUiCollection))]
public sealed class LabBlocksTests(WorkbookUiFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private (string LabId, int Step, SpecialBlock Block) FindBlock(SpecialBlockKind kind, string language, string? labId = null)
    {
        var labs = fixture.Get<ILabCatalog>();
        var found = labs.Labs
            .Where(l => labId is null || l.Id == labId)
            .SelectMany(l => l.Document(language).Steps.SelectMany(s => s.SpecialBlocks.Where(b => b.Kind == kind).Select(b => (l.Id, s.Number, b))))
            .First();
        return found;
    }

    private async Task<(BunitContext Ctx, IRenderedComponent<LabPage> Page, Guid Learner)> OpenAsync(string labId, int step)
    {
        var learner = await fixture.NewLearnerAsync();
        var ctx = fixture.CreateContext(learner);
        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, labId).Add(x => x.StepNumber, step));
        page.WaitForElement("[data-testid=workbook-toolbar]", Patience);
        return (ctx, page, learner.Id);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public async Task An_image_steps_block_shows_its_samples_pictures_issued_for_the_learner(string language)
    {
        await WorkbookUiFixture.InLanguageAsync(language, async () =>
        {
            var (labId, step, block) = FindBlock(SpecialBlockKind.ImageSteps, language);
            var (ctx, page, learner) = await OpenAsync(labId, step);
            await using var _ = ctx;

            page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=step-pattern] img")), Patience);
            Assert.EndsWith("/" + block.Option("sample"), page.Find("[data-testid=query-file]").TextContent.Trim());
            Assert.Empty(page.FindAll("[data-kind=ImageSteps] pre.sql-source"));
            var issuer = ctx.Services.GetRequiredService<ThumbnailUrlIssuer>();
            foreach (var img in page.FindAll("[data-testid=image-steps-block] figure img"))
            {
                var token = img.GetAttribute("src")!.Split('/')[^2];
                Assert.True(issuer.TryResolve(token, out var ticket), img.GetAttribute("src"));
                Assert.Equal(learner, ticket.LearnerId);
            }
        });
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public async Task An_image_search_block_searches_with_its_k_and_finds_a_picked_sample_first(string language)
    {
        await WorkbookUiFixture.InLanguageAsync(language, async () =>
        {
            var (labId, step, block) = FindBlock(SpecialBlockKind.ImageSearch, language);
            var k = int.Parse(block.Option("k")!);
            var (ctx, page, _) = await OpenAsync(labId, step);
            await using var __ = ctx;

            var search = "[data-testid=image-search-block]";
            page.WaitForAssertion(() => Assert.True(page.FindAll($"{search} [data-testid=sample-picker] option").Count > 10), Patience);
            Assert.Equal(k.ToString(), page.Find($"{search} [data-testid=search-k]").GetAttribute("value"));

            await page.InvokeAsync(() => page.Find($"{search} [data-testid=sample-picker]").Change("12"));

            page.WaitForAssertion(() => Assert.Equal(2 * k, page.FindAll($"{search} [data-testid=hit]").Count), Patience);
            foreach (var list in new[] { "results-signature", "results-embedding" })
                Assert.Equal("12", page.Find($"{search} [data-testid={list}] [data-testid=hit]").GetAttribute("data-id"));
        });
    }

    [Fact]
    public async Task A_recall_chart_block_uses_the_learners_dataset_builds_the_missing_indexes_and_draws_the_chart()
    {
        var (labId, step, block) = FindBlock(SpecialBlockKind.RecallChart, "en");
        var learner = await fixture.NewLearnerAsync();
        // A small dataset of the learner's own (the block takes the newest generated one), so the test measures the
        // block, not how fast a loaded machine sweeps the lab's 10 000 vectors; generation has its own tests.
        await fixture.Get<DatasetGenerator>().GenerateAsync(learner.Id, new DatasetSpec
        {
            TableName = "mine", Shape = DatasetShape.Clustered, Rows = 1500, Dimensions = 16, Clusters = 8, Queries = 10,
        }, new SqlTranscript(), null, CancellationToken.None);
        await using var ctx = fixture.CreateContext(learner);
        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, labId).Add(x => x.StepNumber, step));

        var chart = "[data-testid=recall-chart-block]";
        page.WaitForAssertion(() => Assert.False(page.Find($"{chart} [data-testid=recall-chart-run]").HasAttribute("disabled")), Patience);
        Assert.Equal(block.Option("dataset"), page.Find(chart).GetAttribute("data-dataset"));
        Assert.Contains("mine", page.Find(chart).TextContent);

        await page.InvokeAsync(() => page.Find($"{chart} [data-testid=recall-chart-run]").Click());

        // The chart, or the error that stopped it (shown in the failure message).
        page.WaitForAssertion(() => Assert.True(page.FindAll($"{chart} [data-testid=recall-chart], {chart} [data-testid=explorer-error]").Count > 0,
            "The block shows neither a chart nor an error: " + page.Find(chart).TextContent), TimeSpan.FromMinutes(3));
        Assert.Equal("", string.Join(" | ", page.FindAll($"{chart} [data-testid=explorer-error]").Select(e => e.TextContent)));
        Assert.NotEmpty(page.FindAll($"{chart} [data-testid=recall-chart]"));
        var indexes = await fixture.Get<SqlRunner>().RunAsync(learner,
            "SELECT string_agg(m, ',' ORDER BY m) FROM (SELECT substring(indexdef from 'USING (\\w+)') AS m FROM pg_indexes " +
            "WHERE schemaname = 'public' AND tablename = 'mine' AND indexdef ~ '(hnsw|ivfflat)') AS s",
            CancellationToken.None);
        Assert.Equal("hnsw,ivfflat", indexes.Statements[0].Rows[0][0]);
    }
}
