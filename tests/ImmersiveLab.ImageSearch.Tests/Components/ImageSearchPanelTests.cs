using Bunit;
using ImmersiveLab.ImageSearch.Components;
using ImmersiveLab.ImageSearch.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using SkiaSharp;

namespace ImmersiveLab.ImageSearch.Tests.Components;

[Collection(nameof(ImageSearchCollection))]
public sealed class ImageSearchPanelTests(ImageSearchFixture fx)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Picking_a_sample_shows_its_steps_and_two_lists_headed_by_itself_with_copyable_sql()
    {
        await using var ctx = ComponentContext.Create(fx, await fx.NewLearnerAsync());
        var cut = ctx.Render<ImageSearchPanel>(p => p.Add(c => c.K, 4));
        cut.WaitForAssertion(() => Assert.Equal(51, cut.FindAll("[data-testid=sample-picker] option").Count), Wait);

        cut.Find("[data-testid=sample-picker]").Change("23");

        cut.WaitForAssertion(() => Assert.Equal(8, cut.FindAll("[data-testid=hit]").Count), Wait);
        Assert.NotEmpty(cut.FindAll("[data-testid=conversion-steps]"));
        foreach (var list in new[] { "results-signature", "results-embedding" })
        {
            var hits = cut.FindAll($"[data-testid={list}] [data-testid=hit]");
            Assert.Equal(4, hits.Count);
            Assert.Equal("23", hits[0].GetAttribute("data-id"));
            Assert.Equal("0.0000", hits[0].QuerySelector("[data-testid=hit-distance]")!.TextContent);
            var thumb = ComponentContext.Resolve(fx, hits[0].QuerySelector("img")!.GetAttribute("src")!);
            Assert.Equal(fx.Samples[22].Bytes, thumb!.Bytes);
            var sql = cut.Find($"[data-testid={list}] [data-testid=search-sql]").TextContent;
            Assert.Contains("lab.sample_images", sql);
            Assert.Contains("LIMIT 4;", sql);
        }
        // The 1280 numbers are shortened on screen.
        Assert.Contains("more …]'::vector(1280)", cut.Find("[data-testid=results-embedding] [data-testid=search-sql]").TextContent);
    }

    [Fact]
    public async Task An_uploaded_file_is_searched_and_a_bad_one_is_refused_with_its_message()
    {
        await using var ctx = ComponentContext.Create(fx, await fx.NewLearnerAsync());
        var cut = ctx.Render<ImageSearchPanel>(p => p.Add(c => c.K, 3));
        var sample = fx.Samples[40];

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(sample.Bytes, sample.FileName));
        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("[data-testid=hit]").Count), Wait);
        Assert.Equal(sample.FileName, cut.Find("[data-testid=query-file]").TextContent);
        Assert.Equal("41", cut.Find("[data-testid=results-signature] [data-testid=hit]").GetAttribute("data-id"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "cat.png"));
        cut.WaitForAssertion(() => Assert.Contains("SVG images are not accepted", cut.Find("[data-testid=search-error]").TextContent), Wait);
        Assert.Empty(cut.FindAll("[data-testid=hit]"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestImages.SolidPng(1, 1, SKColors.Black), "dot.png"));
        cut.WaitForAssertion(() => Assert.Contains("1×1", cut.Find("[data-testid=search-error]").TextContent), Wait);
    }

    [Fact]
    public async Task The_lab_blocks_show_a_sample_walk_through_and_a_search_of_k()
    {
        await using var ctx = ComponentContext.Create(fx, await fx.NewLearnerAsync());

        var steps = ctx.Render<ImageStepsBlock>(p => p.Add(c => c.Sample, "dahlia.jpg"));
        steps.WaitForAssertion(() => Assert.NotEmpty(steps.FindAll("[data-testid=step-pattern] img")), Wait);
        Assert.EndsWith("dahlia.jpg", steps.Find("[data-testid=query-file]").TextContent);

        var missing = ctx.Render<ImageStepsBlock>(p => p.Add(c => c.Sample, "nope.jpg"));
        missing.WaitForAssertion(() => Assert.Contains("nope.jpg", missing.Find("[data-testid=image-steps-error]").TextContent), Wait);

        var search = ctx.Render<ImageSearchBlock>(p => p.Add(c => c.K, 2));
        search.WaitForAssertion(() => Assert.Equal(51, search.FindAll("[data-testid=sample-picker] option").Count), Wait);
        search.Find("[data-testid=sample-picker]").Change("7");
        search.WaitForAssertion(() => Assert.Equal(4, search.FindAll("[data-testid=hit]").Count), Wait);
    }
}

[Collection(nameof(ImageSearchCollection))]
public sealed class ImageSearchLanguageTests(ImageSearchFixture fx)
{
    [Fact]
    public async Task Under_a_chinese_ui_the_panel_and_its_lists_speak_chinese()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        try
        {
            await using var ctx = ComponentContext.Create(fx, await fx.NewLearnerAsync());
            var cut = ctx.Render<ImageSearchPanel>(p => p.Add(c => c.K, 2));
            cut.WaitForAssertion(() => Assert.Equal(51, cut.FindAll("[data-testid=sample-picker] option").Count), TimeSpan.FromSeconds(20));
            Assert.Contains("…或选一张示例图片", cut.Markup);

            cut.Find("[data-testid=sample-picker]").Change("5");
            cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("[data-testid=hit]").Count), TimeSpan.FromSeconds(20));
            Assert.Contains("按签名（imgsmlr）", cut.Find("[data-testid=results-signature]").TextContent);
            cut.WaitForAssertion(() => Assert.Contains("签名：16 个数", cut.Find("[data-testid=step-signature]").TextContent), TimeSpan.FromSeconds(20));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task A_too_large_upload_is_refused_in_english_under_an_english_ui()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");
        try
        {
            await using var ctx = ComponentContext.Create(fx, await fx.NewLearnerAsync());
            var cut = ctx.Render<ImageSearchPanel>(p => p.Add(c => c.K, 2));

            cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestImages.LargeGradientPng(6300, 6300), "big.png"));

            cut.WaitForAssertion(() => Assert.StartsWith(
                "The image has 39.7 megapixels; uploads may have up to 24 megapixels.",
                cut.Find("[data-testid=search-error]").TextContent.Trim()), TimeSpan.FromSeconds(20));
            Assert.Contains("Drop an image here", cut.Markup);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task A_too_large_upload_is_refused_in_chinese_under_a_chinese_ui()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        try
        {
            await using var ctx = ComponentContext.Create(fx, await fx.NewLearnerAsync());
            var cut = ctx.Render<ImageSearchPanel>(p => p.Add(c => c.K, 2));

            cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestImages.LargeGradientPng(6300, 6300), "big.png"));

            cut.WaitForAssertion(() => Assert.Equal(
                "这张图片有 39.7 百万像素，超过了上限 24 百万像素。解码它需要太多内存，所以在解码之前就被拒绝了。请先把图片缩小。",
                cut.Find("[data-testid=search-error]").TextContent.Trim()), TimeSpan.FromSeconds(20));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }
}
