using Bunit;
using ImmersiveLab.ImageSearch.Components;
using ImmersiveLab.ImageSearch.Tests.Support;
using ImmersiveLab.Imaging;
using MudBlazor;
using SkiaSharp;

namespace ImmersiveLab.ImageSearch.Tests.Components;

[Collection(nameof(ImageSearchCollection))]
public sealed class ImageConversionStepsTests(ImageSearchFixture fx)
{
    [Fact]
    public async Task Every_step_is_shown_with_a_picture_of_the_right_size_and_the_signature_and_labels()
    {
        var sample = fx.Samples.Single(s => s.FileName == "dahlia.jpg");
        var query = await fx.Search.PrepareAsync(sample.Bytes, sample.FileName, CancellationToken.None);
        var learner = await fx.NewLearnerAsync();
        await using var ctx = ComponentContext.Create(fx, learner);

        var cut = ctx.Render<ImageConversionSteps>(p => p.Add(c => c.Query, query));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=step-pattern] img")), TimeSpan.FromSeconds(10));

        var expected = new Dictionary<string, (int W, int H)>
        {
            ["step-decoded"] = (320, (int)Math.Round(320.0 * sample.Height / sample.Width)),
            ["step-thumbnail"] = (256, 256),
            ["step-grey"] = (256, 256),
            ["step-normalised"] = (256, 256),
            ["step-pattern"] = (384, 384),
        };
        foreach (var (step, (w, h)) in expected)
        {
            var entry = ComponentContext.Resolve(fx, cut.Find($"[data-testid={step}] img").GetAttribute("src")!);
            Assert.NotNull(entry);
            Assert.True(entry.ServedAsIs, $"{step} would be resampled");
            Assert.Equal(learner.Id, entry.LearnerId);
            Assert.Equal(ImageFormat.Png, ImageSniffer.Sniff(entry.Bytes));
            using var bitmap = SKBitmap.Decode(entry.Bytes);
            Assert.Equal((w, h), (bitmap.Width, bitmap.Height));
        }

        Assert.Equal(16, cut.FindAll("[data-testid=signature-bars] rect").Count);
        Assert.Equal(ImgsmlrText.Format(query.Analysis.Signature), cut.Find("[data-testid=signature-text]").TextContent);
        var labels = cut.FindAll("[data-testid=embedding-label]");
        Assert.Equal(5, labels.Count);
        Assert.Contains(query.Embedding!.TopClasses[0].Label, labels[0].TextContent);
        var strip = ComponentContext.Resolve(fx, cut.Find("[data-testid=embedding-strip]").GetAttribute("src")!);
        using (var stripBitmap = SKBitmap.Decode(strip!.Bytes)) Assert.Equal(1280, stripBitmap.Width);
        Assert.Empty(cut.FindAll("[data-testid=signature-nan]"));
        Assert.Contains("jpeg2pattern", cut.Markup);
    }

    [Fact]
    public async Task The_heat_map_outlines_the_levels_and_colours_the_pattern()
    {
        var sample = fx.Samples[20];
        var query = await fx.Search.PrepareAsync(sample.Bytes, sample.FileName, CancellationToken.None);
        var png = ImmersiveLab.ImageSearch.Rendering.StepImageRenderer.PatternHeatMap(query.Analysis.Pattern, cell: 6);
        using var bitmap = SKBitmap.Decode(png);

        // Level lines at x = n·6 for n = 1 … 32 are dark; the mean cell (0,0) is amber.
        foreach (var n in new[] { 1, 2, 4, 8, 16, 32 })
            Assert.Equal(new SKColor(33, 33, 33), bitmap.GetPixel(n * 6, 1));
        Assert.Equal(new SKColor(255, 179, 0), bitmap.GetPixel(2, 2));
        // A positive coefficient is red-ish, a negative one blue-ish (cell centres, away from the lines).
        var p = query.Analysis.Pattern;
        var (px, py) = Enumerable.Range(0, 4096).Select(k => (x: k / 64, y: k % 64)).First(c => c.x > 33 && c.y > 33 && p[c.x, c.y] > 0.01f);
        var (nx, ny) = Enumerable.Range(0, 4096).Select(k => (x: k / 64, y: k % 64)).First(c => c.x > 33 && c.y > 33 && p[c.x, c.y] < -0.01f);
        var red = bitmap.GetPixel(px * 6 + 3, py * 6 + 3);
        var blue = bitmap.GetPixel(nx * 6 + 3, ny * 6 + 3);
        Assert.True(red.Red > red.Blue, $"positive cell drawn as {red}");
        Assert.True(blue.Blue > blue.Red, $"negative cell drawn as {blue}");
    }

    [Fact]
    public async Task A_uniform_image_shows_why_its_signature_is_NaN()
    {
        var query = await fx.Search.PrepareAsync(TestImages.SolidPng(40, 40, SKColors.SteelBlue), "blue.png", CancellationToken.None);
        await using var ctx = ComponentContext.Create(fx, await fx.NewLearnerAsync());

        var cut = ctx.Render<ImageConversionSteps>(p => p.Add(c => c.Query, query));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=signature-nan]")), TimeSpan.FromSeconds(10));

        Assert.Contains("NaN", cut.Find("[data-testid=signature-nan]").TextContent);
        Assert.Contains("NaN", cut.Find("[data-testid=signature-text]").TextContent);
        var normalised = ComponentContext.Resolve(fx, cut.Find("[data-testid=step-normalised] img").GetAttribute("src")!);
        using var bitmap = SKBitmap.Decode(normalised!.Bytes);
        Assert.Equal(new SKColor(255, 0, 255), bitmap.GetPixel(10, 10)); // NaN drawn magenta
    }
}
