using ImmersiveLab.Ui.Results.Images;
using Microsoft.Extensions.DependencyInjection;
using static ImmersiveLab.Ui.Tests.Support.StatementResults;

namespace ImmersiveLab.Ui.Tests.Components;

public sealed class GalleryTests
{
    private static StatementResult TopSimilar(int n) => Of(
        "SELECT id, info, pattern <-> (SELECT pattern FROM lab.sample_images WHERE id = 1) AS distance, bytes FROM lab.sample_images ORDER BY distance LIMIT 20",
        [Col("id", "integer"), Col("info", "text"), Col("distance", "double precision"), Col("bytes", "bytea")],
        Enumerable.Range(0, n).Select(i => new object?[] { 100 - i, $"photo {i}", i * 0.5, TestImages.Png(8 + i, 8) }).ToArray());

    [Fact]
    public async Task Small_image_results_open_as_cards_image_first_then_the_other_columns_in_result_order()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var result = TopSimilar(20);
        var cut = ctx.Render<ResultView>(p => p.Add(x => x.Result, result).Add(x => x.LearnerId, UiTestContext.Learner));

        var cards = cut.FindAll(".il-card");
        Assert.Equal(20, cards.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i.ToString()), cards.Select(c => c.GetAttribute("data-row")));
        var first = cards[0];
        // The image comes first, then id, info, distance: in result order, the image column not repeated.
        Assert.NotNull(first.FirstElementChild!.QuerySelector("img"));
        Assert.Equal(["id", "info", "distance"], first.QuerySelectorAll(".il-card-field").Select(f => f.GetAttribute("data-column")));
        Assert.Equal(["100", "99", "98"], cards.Take(3).Select(c => c.QuerySelector("[data-column=id] .il-number")!.TextContent));
        Assert.Equal("width:0%", first.QuerySelector("[data-column=distance] .il-distance-bar")!.GetAttribute("style"));
        Assert.Equal("width:100%", cards[19].QuerySelector("[data-column=distance] .il-distance-bar")!.GetAttribute("style"));
        // Each card's image is its own row's bytes.
        var issuer = ctx.Services.GetRequiredService<ThumbnailUrlIssuer>();
        var token = cards[5].QuerySelector("img")!.GetAttribute("src")!.Split('/')[3].Split('?')[0];
        Assert.True(issuer.TryResolve(token, out var ticket));
        Assert.Same(result.Rows[5][3], ((ImageSource.Bytes)ticket.Source).Data);
        Assert.EndsWith("?w=320", cards[5].QuerySelector("img")!.GetAttribute("src"));
    }

    [Fact]
    public async Task The_toggle_switches_between_table_and_gallery()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var cut = ctx.Render<ResultView>(p => p.Add(x => x.Result, TopSimilar(3)).Add(x => x.LearnerId, UiTestContext.Learner)
            .Add(x => x.InitialMode, ResultViewMode.Table));
        Assert.Empty(cut.FindAll(".il-card"));
        Assert.Equal(3, cut.FindAll("tr.il-row").Count);

        cut.FindAll(".il-view-toggle .mud-toggle-item").Single(b => b.TextContent.Contains("Gallery")).Click();
        Assert.Equal(3, cut.FindAll(".il-card").Count);
        Assert.Empty(cut.FindAll("tr.il-row"));
    }

    [Fact]
    public async Task Results_without_images_have_no_gallery()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var cut = ctx.Render<ResultView>(p => p.Add(x => x.Result, Of("SELECT 1", [Col("id", "integer")], [1]))
            .Add(x => x.LearnerId, UiTestContext.Learner));
        Assert.Empty(cut.FindAll(".il-view-toggle"));
        Assert.Empty(cut.FindAll(".il-card"));
    }

    [Fact]
    public async Task Big_image_results_start_as_a_table()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var cut = ctx.Render<ResultView>(p => p.Add(x => x.Result, TopSimilar(49)).Add(x => x.LearnerId, UiTestContext.Learner));
        Assert.Empty(cut.FindAll(".il-card"));
        Assert.NotEmpty(cut.FindAll(".il-view-toggle"));
    }
}
