using System.Collections.Concurrent;
using Microsoft.Playwright;
using static ImmersiveLab.BrowserSupport.LabCellDriver;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>
/// Lab 1 in the browser: an <c>oid</c> column that names large objects holding photos shows the photos (read through
/// the learner's own role) in the gallery, the grid and the picture's dialog, while oids that are not large objects
/// stay numbers.
/// </summary>
[Collection(nameof(LabAppCollection))]
public sealed class LargeObjectPicturesJourneyTests(LabAppFixture app)
{
    private const string Lab = "large-objects";
    private const string CellId = "lo-throwaway";

    private const string PicturesSql = """
        CREATE TABLE IF NOT EXISTS journey_pictures (id int PRIMARY KEY, obj oid NOT NULL);
        INSERT INTO journey_pictures
        SELECT id, lo_from_bytea(0, bytes) FROM lab.sample_images WHERE category = 'flowers'
        ON CONFLICT (id) DO NOTHING;
        SELECT id, obj FROM journey_pictures ORDER BY id;
        """;

    [Fact]
    public async Task An_oid_column_of_large_objects_holding_photos_shows_the_photos()
    {
        var page = await app.NewPageAsync();
        var images = new ConcurrentDictionary<string, IResponse>();
        page.Response += (_, r) => { if (r.Url.Contains("/lab-results/images/")) images[new Uri(r.Url).PathAndQuery] = r; };

        await page.GotoAsync($"/labs/{Lab}/{StepOfCell(Lab, CellId)}");
        await TypeAndRunAsync(page, CellId, PicturesSql);

        var cards = Cell(page, CellId).GetByTestId("cell-results").Locator(".il-gallery .il-card");
        await Assertions.Expect(cards).ToHaveCountAsync(5, new() { Timeout = 60_000 });
        for (var i = 0; i < 5; i++)
        {
            var img = cards.Nth(i).Locator(".il-card-image img");
            await img.ScrollIntoViewIfNeededAsync();
            await page.WaitForFunctionAsync("el => el.complete && el.naturalWidth > 0", await img.ElementHandleAsync());
            var src = await img.GetAttributeAsync("src");
            Assert.StartsWith("/lab-results/images/", src);
            // A refusal is a placeholder SVG that decodes too: the endpoint must have served a real thumbnail.
            Assert.True(images.TryGetValue(src!, out var response), $"no response seen for {src}");
            Assert.Equal(200, response.Status);
            Assert.Equal("image/jpeg", response.Headers["content-type"]);
        }
        await app.ScreenshotAsync(page, "large-object-pictures.png");

        // The grid shows them as thumbnails too.
        var results = Cell(page, CellId).GetByTestId("cell-results");
        await results.Locator(".il-view-toggle").GetByText("Table").ClickAsync();
        var thumbs = results.Locator(".il-thumb img");
        await Assertions.Expect(thumbs).ToHaveCountAsync(5);

        // A click opens the picture itself, read from the large object, with its facts.
        await results.Locator(".il-thumb").First.ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        var full = dialog.Locator(".il-image-full img");
        await Assertions.Expect(full).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("el => el.complete && el.naturalWidth > 0", await full.ElementHandleAsync());
        Assert.True(images.TryGetValue((await full.GetAttributeAsync("src"))!, out var picture), "no response seen for the full picture");
        Assert.Equal(200, picture.Status);
        await Assertions.Expect(dialog.Locator(".il-image-facts")).ToContainTextAsync("large object");
        await Assertions.Expect(dialog.Locator(".il-image-facts")).ToContainTextAsync(" px");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        // Oids that are not large objects (catalog rows) are only numbers: no gallery, no image.
        await TypeAndRunAsync(page, CellId, "SELECT oid FROM pg_class ORDER BY oid LIMIT 3;");
        await Assertions.Expect(results.Locator(".il-result")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(results.Locator("img")).ToHaveCountAsync(0);
        await Assertions.Expect(results.Locator(".il-gallery")).ToHaveCountAsync(0);
    }
}
