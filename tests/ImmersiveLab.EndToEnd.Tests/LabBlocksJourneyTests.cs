using ImmersiveLab.Imaging;
using ImmersiveLab.Labs;
using ImmersiveLab.TestSupport;
using Microsoft.Playwright;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>Lab 4 in the browser: its image-steps block shows the sample's pictures, its image-search block finds a picked sample first.</summary>
[Collection(nameof(LabAppCollection))]
public sealed class LabBlocksJourneyTests(LabAppFixture app)
{
    private static readonly Lab PictureToNumbers =
        LabCellDriver.RepositoryLabs.Labs.Single(l => l.Id == "picture-to-numbers");

    private static (int Step, SpecialBlock Block) Find(SpecialBlockKind kind, string language) =>
        PictureToNumbers.Document(language).Steps.SelectMany(s => s.SpecialBlocks.Where(b => b.Kind == kind).Select(b => (s.Number, b))).First();

    /// <summary>The picture has loaded (lazy pictures load once scrolled into view, as a learner's scrolling would).</summary>
    private static async Task AssertLoadedAsync(IPage page, ILocator img)
    {
        await img.ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("el => el.complete && el.naturalWidth > 0", await img.ElementHandleAsync());
    }

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh")]
    public async Task The_image_steps_show_their_pictures_and_the_image_search_finds_the_picked_sample_first(string locale, string language)
    {
        var page = await app.NewPageAsync(locale);

        var (stepsStep, steps) = Find(SpecialBlockKind.ImageSteps, language);
        await page.GotoAsync($"/labs/{PictureToNumbers.Id}/{stepsStep}");
        var block = page.GetByTestId("image-steps-block");
        await Assertions.Expect(block.GetByTestId("query-file")).ToContainTextAsync(steps.Option("sample")!, new() { Timeout = 60_000 });
        foreach (var step in new[] { "step-decoded", "step-thumbnail", "step-grey", "step-normalised", "step-pattern" })
            await AssertLoadedAsync(page, block.GetByTestId(step).Locator("img"));
        await Assertions.Expect(block.GetByTestId("signature-bars").Locator("rect")).ToHaveCountAsync(16);
        if (language == "en") await app.ScreenshotAsync(page, "lab-image-steps.png");

        var (searchStep, search) = Find(SpecialBlockKind.ImageSearch, language);
        var k = int.Parse(search.Option("k")!);
        await page.GotoAsync($"/labs/{PictureToNumbers.Id}/{searchStep}");
        var panel = page.GetByTestId("image-search-block");
        var samples = SampleImageCatalog.Load(RepoPaths.SampleImages).ToList();
        var picker = panel.GetByTestId("sample-picker");
        await Assertions.Expect(picker.Locator("option")).ToHaveCountAsync(samples.Count + 1, new() { Timeout = 60_000 });
        var robin = samples.FindIndex(s => s.FileName == "robin.jpg") + 1;
        await picker.SelectOptionAsync(robin.ToString());

        foreach (var list in new[] { "results-signature", "results-embedding" })
        {
            var hits = panel.GetByTestId(list).GetByTestId("hit");
            await Assertions.Expect(hits).ToHaveCountAsync(k, new() { Timeout = 60_000 });
            await Assertions.Expect(hits.First).ToHaveAttributeAsync("data-id", robin.ToString());
            await Assertions.Expect(hits.First.GetByTestId("hit-distance")).ToHaveTextAsync("0.0000");
            await AssertLoadedAsync(page, hits.First.Locator("img"));
        }
    }

    [Fact]
    public async Task The_recall_chart_block_of_lab_6_prepares_indexes_sweeps_and_draws_the_chart()
    {
        var lab = LabCellDriver.RepositoryLabs.Labs.Single(l => l.Id == "hnsw-ivfflat");
        var step = lab.Document("en").Steps.First(s => s.SpecialBlocks.Any(b => b.Kind == SpecialBlockKind.RecallChart)).Number;
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/labs/{lab.Id}/{step}");

        var block = page.GetByTestId("recall-chart-block");
        var run = block.GetByTestId("recall-chart-run");
        await Assertions.Expect(run).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await run.ClickAsync();

        // The lab's own dataset (or the learner's newest), its HNSW and IVFFlat indexes, a sweep: one chart.
        var chart = block.GetByTestId("recall-chart");
        await Assertions.Expect(chart).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(block.GetByTestId("explorer-error")).ToHaveCountAsync(0);
        var points = int.Parse((await chart.GetAttributeAsync("data-points"))!);
        Assert.True(points >= 10, $"{points} points: expected one per ef_search and probes value plus the exact scan");
        await Assertions.Expect(run).ToBeEnabledAsync();
    }
}
