using AngleSharp.Dom;
using ImmersiveLab.Ui.Results.Images;
using Microsoft.Extensions.DependencyInjection;
using Pgvector;
using static ImmersiveLab.Ui.Tests.Support.StatementResults;

namespace ImmersiveLab.Ui.Tests.Components;

public sealed class ResultViewTests
{
    private static IRenderedComponent<ResultView> Render(BunitContext ctx, StatementResult result, ResultViewMode mode = ResultViewMode.Table) =>
        ctx.Render<ResultView>(p => p
            .Add(x => x.Result, result)
            .Add(x => x.LearnerId, UiTestContext.Learner)
            .Add(x => x.InitialMode, mode));

    private static IElement Cell(IRenderedComponent<ResultView> cut, int row, string column)
    {
        var headers = cut.FindAll("th.il-col").Select(h => h.QuerySelector(".il-col-name")?.TextContent).ToList();
        var index = headers.IndexOf(column);
        Assert.True(index >= 0, $"column {column} not in [{string.Join(", ", headers)}]");
        var tr = cut.FindAll("tr.il-row")[row];
        return tr.QuerySelectorAll("td.il-td")[index];
    }

    [Fact]
    public async Task Null_is_shown_distinctly_from_empty_text_and_the_word_null()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var cut = Render(ctx, Of("SELECT t FROM x", [Col("t", "text")], [null], [""], ["NULL"]));
        Assert.NotNull(Cell(cut, 0, "t").QuerySelector(".il-null"));
        Assert.Null(Cell(cut, 1, "t").QuerySelector(".il-null"));
        Assert.Equal("", Cell(cut, 1, "t").QuerySelector(".il-text")!.TextContent);
        Assert.Null(Cell(cut, 2, "t").QuerySelector(".il-null"));
        Assert.Equal("NULL", Cell(cut, 2, "t").QuerySelector(".il-text")!.TextContent);
    }

    [Fact]
    public async Task Numbers_are_right_aligned_text_is_not()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var cut = Render(ctx, Of("SELECT id, name FROM x", [Col("id", "integer"), Col("name", "text")], [1, "a"], [20, "b"]));
        Assert.Contains("il-td-numeric", Cell(cut, 0, "id").ClassList);
        Assert.DoesNotContain("il-td-numeric", Cell(cut, 0, "name").ClassList);
        Assert.Equal("20", Cell(cut, 1, "id").QuerySelector(".il-number")!.TextContent);
    }

    [Fact]
    public async Task Huge_text_is_collapsed_until_expanded()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var huge = string.Concat(Enumerable.Repeat("lorem ipsum ", 10_000));
        var cut = Render(ctx, Of("SELECT doc FROM x", [Col("doc", "text")], [huge]));
        var cell = Cell(cut, 0, "doc");
        var preview = cell.QuerySelector(".il-preview")!.TextContent;
        Assert.True(preview.Length <= 81, $"preview is {preview.Length} chars");
        Assert.EndsWith("…", preview);
        Assert.Null(cell.QuerySelector("pre"));
        Assert.Contains("120,000 chars", cell.QuerySelector(".il-link")!.TextContent);

        cell.QuerySelector(".il-link")!.Click();
        Assert.Equal(huge, Cell(cut, 0, "doc").QuerySelector("pre.il-expanded-text")!.TextContent);
    }

    [Fact]
    public async Task Json_is_one_line_collapsed_and_pretty_when_expanded()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var cut = Render(ctx, Of("SELECT j FROM x", [Col("j", "jsonb")], ["{\"a\": {\"b\": [1, 2]}}"]));
        Cell(cut, 0, "j").QuerySelector(".il-link")!.Click();
        var pretty = Cell(cut, 0, "j").QuerySelector("pre")!.TextContent;
        Assert.Contains("\n", pretty);
        Assert.Contains("\"b\": [", pretty);
    }

    [Fact]
    public async Task Raster_images_become_learner_bound_thumbnail_links()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var png = TestImages.Png();
        var cut = Render(ctx, Of("SELECT img FROM x", [Col("img", "bytea")], [png]));
        var img = Cell(cut, 0, "img").QuerySelector("img")!;
        var src = img.GetAttribute("src")!;
        Assert.Matches(@"^/lab-results/images/[A-Za-z0-9_-]{32}\?w=128$", src);

        var issuer = ctx.Services.GetRequiredService<ThumbnailUrlIssuer>();
        var token = src.Split('/')[3].Split('?')[0];
        Assert.True(issuer.TryResolve(token, out var ticket));
        Assert.Equal(UiTestContext.Learner, ticket.LearnerId);
        Assert.Same(png, Assert.IsType<ImageSource.Bytes>(ticket.Source).Data);
    }

    [Theory]
    [InlineData("svg", "SVG — not displayed")]
    [InlineData("html", "HTML/XML — not displayed")]
    [InlineData("random", null)]
    public async Task Hostile_or_unknown_bytes_are_never_rendered_as_images(string kind, string? hint)
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var bytes = kind switch { "svg" => TestImages.SvgWithScript(), "html" => TestImages.Html(), _ => new byte[] { 1, 2, 3, 250 } };
        var cut = Render(ctx, Of("SELECT f AS \"cat.png\" FROM x", [Col("cat.png", "bytea")], [bytes]));
        Assert.Empty(cut.FindAll("img"));
        Assert.DoesNotContain("<svg xmlns=\"http://www.w3.org/2000/svg\" onload", cut.Markup);
        Assert.DoesNotContain("<script>", cut.Markup);
        var cell = Cell(cut, 0, "cat.png");
        Assert.Equal(HexPreview.Size(bytes.Length), cell.QuerySelector(".il-bytes-length")!.TextContent);
        Assert.StartsWith(bytes[0].ToString("x2"), cell.QuerySelector(".il-hex")!.TextContent);
        Assert.Equal(hint, cell.QuerySelector(".il-bytes-hint")?.TextContent);
    }

    [Fact]
    public async Task Vectors_show_dimensions_first_values_and_a_strip_of_the_whole_vector()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var values = Enumerable.Range(0, 1280).Select(i => i == 5 ? -1f : 0.25f).ToArray();
        var cut = Render(ctx, Of("SELECT embedding FROM x", [Col("embedding", "vector")],
            [new Vector(values)], [new Vector(new float[] { 1, 2, 3 })]));

        var big = Cell(cut, 0, "embedding");
        Assert.Equal("1280d", big.QuerySelector(".il-vector-dims")!.TextContent);
        Assert.Equal("[0.25, 0.25, 0.25, 0.25, …]", big.QuerySelector(".il-vector-preview")!.TextContent);
        var rects = big.QuerySelectorAll("svg.il-vector-strip rect");
        Assert.Equal(60, rects.Length);
        // Bucket 0 holds dimensions 0..21, including the -1 spike: blue at full strength.
        Assert.Equal("rgba(25,118,210,1)", rects[0].GetAttribute("fill"));
        Assert.StartsWith("rgba(211,47,47,", rects[1].GetAttribute("fill"));

        var small = Cell(cut, 1, "embedding");
        Assert.Equal(3, small.QuerySelectorAll("svg.il-vector-strip rect").Length);
    }

    [Fact]
    public async Task Clicking_a_vector_opens_all_its_values()
    {
        await using var ctx = UiTestContext.Create();
        var (_, dialogs) = ctx.RenderProviders();
        var cut = Render(ctx, Of("SELECT v FROM x", [Col("v", "vector")], [new Vector(new float[] { 1.5f, -2, 3 })]));
        Cell(cut, 0, "v").QuerySelector("button.il-vector")!.Click();
        var values = dialogs.WaitForElement("pre.il-vector-values").TextContent;
        Assert.Equal("1: 1.5\n2: -2\n3: 3\n", values);
        Assert.Contains("L2 norm 3.90512", dialogs.Markup);
    }

    [Fact]
    public async Task Distance_columns_get_bars_scaled_to_the_result()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var cut = Render(ctx, Of("SELECT id, embedding <-> '[1,1]' AS d FROM items ORDER BY 2",
            [Col("id", "integer"), Col("d", "double precision")], [1, 0.5], [2, 1.0], [3, 2.0]));
        var widths = Enumerable.Range(0, 3).Select(r => Cell(cut, r, "d").QuerySelector(".il-distance-bar")!.GetAttribute("style")).ToList();
        Assert.Equal(["width:25%", "width:50%", "width:100%"], widths);
        Assert.Null(Cell(cut, 0, "id").QuerySelector(".il-distance-bar"));
    }

    [Fact]
    public async Task Copy_row_sends_the_row_as_tab_separated_text()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var module = ctx.Module();
        module.Setup<bool>("copyText", _ => true).SetResult(true);
        var cut = Render(ctx, Of("SELECT", [Col("id", "integer"), Col("name", "text"), Col("n", "text")], [7, "seven", null]));
        cut.Find("td.il-rownum button.il-copy").Click();
        var call = module.VerifyInvoke("copyText");
        Assert.Equal("7\tseven\tNULL", call.Arguments[0]);
    }

    [Fact]
    public async Task Copy_cell_sends_the_value()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var module = ctx.Module();
        module.Setup<bool>("copyText", _ => true).SetResult(true);
        var cut = Render(ctx, Of("SELECT", [Col("v", "vector")], [new Vector(new float[] { 1, 2.5f })]));
        Cell(cut, 0, "v").QuerySelector("button.il-copy")!.Click();
        Assert.Equal("[1,2.5]", module.VerifyInvoke("copyText").Arguments[0]);
    }

    [Fact]
    public async Task Error_shows_message_sqlstate_position_detail_and_hint()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var result = new StatementResult
        {
            Index = 0, Sql = "SELECT nope FROM t", StartLine = 3,
            Error = new SqlError("column \"nope\" does not exist", "42703", "some detail", "Perhaps you meant \"note\".", Line: 3, Column: 8),
        };
        var cut = Render(ctx, result);
        var alert = cut.Find(".il-error");
        Assert.Contains("42703", alert.TextContent);
        Assert.Contains("column \"nope\" does not exist", alert.TextContent);
        Assert.Equal("at line 3, column 8", alert.QuerySelector(".il-error-position")!.TextContent);
        Assert.Equal("DETAIL: some detail", alert.QuerySelector(".il-detail")!.TextContent);
        Assert.Equal("HINT: Perhaps you meant \"note\".", alert.QuerySelector(".il-hint")!.TextContent);
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public async Task Summary_notices_and_truncation_with_the_true_count()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var result = Of("SELECT i FROM generate_series(1, 5000) i", [Col("i", "integer")], [1], [2]) with
        {
            Truncated = true, TotalRows = 5000, TruncationReason = "the row limit is 1000",
            Notices = [new SqlNotice("WARNING", "there is no transaction in progress", null, null)],
            CommandTag = "SELECT 5000",
        };
        var cut = Render(ctx, result);
        Assert.Equal("SELECT 5000", cut.Find(".il-command-tag").TextContent);
        Assert.Equal("5,000 rows", cut.Find(".il-rows-affected").TextContent);
        Assert.Equal("3.4 ms", cut.Find(".il-elapsed").TextContent);
        Assert.Contains("there is no transaction in progress", cut.Find(".il-notice").TextContent);
        var truncation = cut.Find(".il-truncation").TextContent;
        Assert.Contains("first 2", truncation);
        Assert.Contains("of 5,000 rows", truncation);
        Assert.Contains("the row limit is 1000", truncation);
    }

    [Theory]
    [InlineData("en", "Showing the first 2 of 60 rows: The results of this cell passed 32 MB, the limit for one run of a cell; only the first 2 rows are kept. Run fewer or smaller queries at once.")]
    [InlineData("zh", "显示共 60 行中的前 2 行：这个单元格的结果合计超过了 32 MB（运行一次单元格的上限），只保留了前 2 行。请一次少运行几条查询，或让查询返回更少的数据。")]
    public async Task The_limit_that_cut_the_rows_is_named_in_the_learners_language(string language, string expected)
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var cutBy = new ResultCut(ResultLimit.CellBytes, 32L * 1024 * 1024, 2);
        var result = (Of("SELECT g, repeat('x', 600000) FROM generate_series(1, 60) g", [Col("g", "integer")], [1], [2]) with
        {
            TotalRows = 60, Truncated = true, Cut = cutBy, TruncationReason = cutBy.Describe(),
        });
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(language);
        try
        {
            var truncation = Render(ctx, result).Find(".il-truncation");
            Assert.Equal(expected, truncation.TextContent.Trim());
            Assert.Equal("CellBytes", truncation.GetAttribute("data-limit"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task Statements_without_rows_show_rows_affected()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var cut = Render(ctx, new StatementResult { Index = 0, Sql = "DELETE FROM t", StartLine = 1, CommandTag = "DELETE 3", RowsAffected = 3 });
        Assert.Equal("3 rows affected", cut.Find(".il-rows-affected").TextContent);
        Assert.Empty(cut.FindAll(".il-result-grid"));
    }

    [Fact]
    public async Task Large_objects_holding_images_are_thumbnails_other_oids_stay_numbers()
    {
        var blobs = new FakeBlobReader();
        blobs.Objects[(UiTestContext.Learner, 42)] = TestImages.Jpeg();
        blobs.Objects[(UiTestContext.Learner, 43)] = "just text"u8.ToArray();
        await using var ctx = UiTestContext.Create(blobs);
        ctx.RenderProviders();
        var cut = Render(ctx, Of("SELECT lo FROM x", [Col("lo", "oid")], [42u], [43u], [99u]));
        cut.WaitForAssertion(() => Assert.NotNull(Cell(cut, 0, "lo").QuerySelector("img")));
        Assert.Equal("lo 42", Cell(cut, 0, "lo").QuerySelector(".il-thumb-caption")!.TextContent);
        Assert.Equal("43", Cell(cut, 1, "lo").QuerySelector(".il-number")!.TextContent);
        Assert.Equal("99", Cell(cut, 2, "lo").QuerySelector(".il-number")!.TextContent);
        // Probing reads only the first bytes, and only as this learner.
        Assert.All(blobs.Reads, r => { Assert.Equal(UiTestContext.Learner, r.Learner); Assert.True(r.MaxBytes <= 16); });
    }

    [Fact]
    public async Task Clicking_a_thumbnail_opens_the_full_image_with_size_format_and_bytes()
    {
        await using var ctx = UiTestContext.Create();
        var (_, dialogs) = ctx.RenderProviders();
        var png = TestImages.Png(40, 30);
        var cut = Render(ctx, Of("SELECT img FROM x", [Col("img", "bytea")], [png]));
        Cell(cut, 0, "img").QuerySelector("button.il-thumb")!.Click();
        var facts = dialogs.WaitForElement(".il-image-facts").TextContent;
        Assert.Contains("PNG", facts);
        Assert.Contains("40 × 30 px", facts);
        Assert.Contains($"{png.Length:N0} bytes", facts);
        Assert.EndsWith("/full", dialogs.Find(".il-image-full img").GetAttribute("src"));
    }

    [Fact]
    public async Task Clicking_a_corrupt_image_explains_instead_of_showing_it()
    {
        await using var ctx = UiTestContext.Create();
        var (_, dialogs) = ctx.RenderProviders();
        var cut = Render(ctx, Of("SELECT img FROM x", [Col("img", "bytea")], [TestImages.TruncatedPng()]));
        Cell(cut, 0, "img").QuerySelector("button.il-thumb")!.Click();
        Assert.Contains("truncated or corrupt", dialogs.WaitForElement(".il-image-problem").TextContent);
        Assert.Empty(dialogs.FindAll(".il-image-full"));
    }

    [Fact]
    public async Task Sorting_a_column_reorders_rows_on_the_client_with_nulls_last()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var cut = Render(ctx, Of("SELECT n FROM x", [Col("n", "integer")], [3], [null], [10], [1]));
        string Order() => string.Join(",", cut.FindAll("tr.il-row").Select(tr => tr.QuerySelectorAll("td.il-td")[0].TextContent.Trim()));
        Assert.Equal("3,NULL,10,1", Order());
        cut.FindAll("th.il-col").First().QuerySelector(".sortable-column-header")!.Click();
        cut.WaitForAssertion(() => Assert.Equal("1,3,10,NULL", Order()));
    }

    [Fact]
    public async Task Large_results_are_virtualized_small_ones_are_not()
    {
        await using var ctx = UiTestContext.Create();
        ctx.RenderProviders();
        var rows = Enumerable.Range(0, 1000).Select(i => new object?[] { i }).ToArray();
        var cut = Render(ctx, Of("SELECT i FROM x", [Col("i", "integer")], rows));
        Assert.True(cut.FindAll("tr.il-row").Count < 1000, "a 1000-row result should not render every row");
        var small = Render(ctx, Of("SELECT i FROM x", [Col("i", "integer")], rows[..20]));
        Assert.Equal(20, small.FindAll("tr.il-row").Count);
    }
}
