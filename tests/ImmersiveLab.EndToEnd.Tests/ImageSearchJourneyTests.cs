using ImmersiveLab.Imaging;
using ImmersiveLab.TestSupport;
using Microsoft.Playwright;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>Search by image in the browser: pick a sample, then upload a file; each time the image is its own nearest neighbour.</summary>
[Collection(nameof(LabAppCollection))]
public sealed class ImageSearchJourneyTests(LabAppFixture app)
{
    [Fact]
    public async Task Picking_and_uploading_an_image_shows_its_steps_and_two_lists_headed_by_itself()
    {
        var samples = SampleImageCatalog.Load(RepoPaths.SampleImages).ToList();
        var page = await app.NewPageAsync();
        await page.GotoAsync("/search");
        await Assertions.Expect(page.GetByTestId("nav-image-search")).ToHaveAttributeAsync("href", "/search");
        await Assertions.Expect(page.GetByTestId("image-search-title")).ToBeVisibleAsync();
        var picker = page.GetByTestId("sample-picker");
        await Assertions.Expect(picker.Locator("option")).ToHaveCountAsync(samples.Count + 1, new() { Timeout = 60_000 });

        // Pick a sample.
        var picked = samples.FindIndex(s => s.FileName == "dahlia.jpg") + 1;
        await picker.SelectOptionAsync(picked.ToString());
        await AssertResultsHeadedByAsync(page, picked);
        await Assertions.Expect(page.GetByTestId("embedding-label")).ToHaveCountAsync(5);
        await app.ScreenshotAsync(page, "image-search.png");

        // Upload a file: the same path as drop and paste.
        var uploaded = samples.FindIndex(s => s.FileName == "robin.jpg") + 1;
        await page.GetByTestId("image-input").SetInputFilesAsync(Path.Combine(RepoPaths.SampleImages, samples[uploaded - 1].RelativePath));
        await Assertions.Expect(page.GetByTestId("query-file")).ToHaveTextAsync("robin.jpg");
        await AssertResultsHeadedByAsync(page, uploaded);

        // Something that is not an image is refused with its reason.
        await page.GetByTestId("image-input").SetInputFilesAsync(new FilePayload
        {
            Name = "cat.jpg", MimeType = "image/jpeg", Buffer = "<!DOCTYPE html><html><script>alert(1)</script></html>"u8.ToArray(),
        });
        await Assertions.Expect(page.GetByTestId("search-error")).ToContainTextAsync("HTML");
    }

    private static async Task AssertResultsHeadedByAsync(IPage page, int id)
    {
        foreach (var list in new[] { "results-signature", "results-embedding" })
        {
            var first = page.GetByTestId(list).GetByTestId("hit").First;
            await Assertions.Expect(first).ToHaveAttributeAsync("data-id", id.ToString(), new() { Timeout = 60_000 });
            await Assertions.Expect(first.GetByTestId("hit-distance")).ToHaveTextAsync("0.0000");
            await Assertions.Expect(page.GetByTestId(list).GetByTestId("search-sql")).ToContainTextAsync("ORDER BY distance");
        }
        // Step pictures and thumbnails come from the image endpoint and decode in the browser.
        foreach (var step in new[] { "step-decoded", "step-pattern" })
        {
            var img = page.GetByTestId(step).Locator("img");
            await Assertions.Expect(img).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/lab-results/images/.+/full$"));
            await page.WaitForFunctionAsync("el => el.complete && el.naturalWidth > 0", await img.ElementHandleAsync());
        }
        var thumb = page.GetByTestId("results-signature").GetByTestId("hit").First.Locator("img");
        await page.WaitForFunctionAsync("el => el.complete && el.naturalWidth > 0", await thumb.ElementHandleAsync());
    }
}
