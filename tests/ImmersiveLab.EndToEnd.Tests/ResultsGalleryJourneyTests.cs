using System.Collections.Concurrent;
using System.Globalization;
using ImmersiveLab.Labs;
using Microsoft.Playwright;
using static ImmersiveLab.BrowserSupport.LabCellDriver;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>Lab 5 in the browser: the 20 sample images most like the fire truck, as gallery cards nearest first.</summary>
[Collection(nameof(LabAppCollection))]
public sealed class ResultsGalleryJourneyTests(LabAppFixture app)
{
    private const string Lab = "similar-images";
    private const string CellId = "two-phase";

    /// <summary>The seed's similarity query: the 20 nearest signatures, with the picture's bytes.</summary>
    public const string Top20Sql = """
        SELECT bytes, file_name,
               signature <-> (SELECT signature FROM lab.sample_images WHERE file_name = 'fire-truck.png') AS distance
        FROM lab.sample_images
        ORDER BY distance
        LIMIT 20;
        """;

    private static int StepOf(string cellId) => LabCellDriver.StepOfCell(Lab, cellId);

    [Fact]
    public async Task The_top_20_similarity_query_shows_20_cards_nearest_first_with_thumbnails_from_the_endpoint()
    {
        var page = await app.NewPageAsync();
        var thumbnails = new ConcurrentDictionary<string, IResponse>();
        page.Response += (_, r) => { if (r.Url.Contains("/lab-results/images/")) thumbnails[new Uri(r.Url).PathAndQuery] = r; };

        await page.GotoAsync($"/labs/{Lab}/{StepOf(CellId)}");
        await TypeAndRunAsync(page, CellId, Top20Sql);

        var cards = Cell(page, CellId).GetByTestId("cell-results").Locator(".il-gallery .il-card");
        await Assertions.Expect(cards).ToHaveCountAsync(20, new() { Timeout = 60_000 });

        var distances = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var card = cards.Nth(i);
            await Assertions.Expect(card).ToHaveAttributeAsync("data-row", i.ToString(CultureInfo.InvariantCulture));
            var text = await card.Locator(".il-card-field[data-column=distance] .il-number").InnerTextAsync();
            distances.Add(double.Parse(text, CultureInfo.InvariantCulture));

            // Thumbnails load lazily: bring each card into view, then wait until the browser decoded it.
            var img = card.Locator(".il-card-image img");
            await img.ScrollIntoViewIfNeededAsync();
            await page.WaitForFunctionAsync("el => el.complete && el.naturalWidth > 0", await img.ElementHandleAsync());
            var src = await img.GetAttributeAsync("src");
            Assert.StartsWith("/lab-results/images/", src);
            // A refusal is a placeholder SVG that decodes too: the endpoint must have served a real JPEG.
            Assert.True(thumbnails.TryGetValue(src!, out var response), $"no response seen for {src}");
            Assert.Equal(200, response.Status);
            Assert.Equal("image/jpeg", response.Headers["content-type"]);
        }

        Assert.Equal(0, distances[0]); // the fire truck itself
        for (var i = 1; i < distances.Count; i++)
            Assert.True(distances[i - 1] <= distances[i], $"card {i} (distance {distances[i]}) comes after a farther card ({distances[i - 1]})");
        Assert.True(distances[^1] > 0);
        await app.ScreenshotAsync(page, "results-gallery-top20.png");
    }
}
