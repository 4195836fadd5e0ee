namespace ImmersiveLab.Labs.Tests;

public class LabDocumentParserTests
{
    private const string Sample = """
        Intro **bold**.

        ## First step

        Text one.

        ```sql
        SELECT 1;
        ```

        Between.

        ```sql readonly explain id=demo
        SELECT 2;
        SELECT 3;
        ```

        ## Second `step`

        ```gallery image=bytes id=pics
        SELECT bytes FROM lab.sample_images
        ```

        ```sql setup
        CREATE TABLE t();
        ```

        ```sql exercise id=ex
        -- your SQL
        ```

        ```check for=ex
        SELECT true
        ```

        ```expect for=ex order=ordered
        SELECT 1
        ```

        ```hint for=ex
        Use **this**.
        ```

        ```hint for=ex
        Or that.
        ```

        ```solution for=ex
        SELECT 1;
        ```

        ```json
        {"a": 1}
        ```
        """;

    [Fact]
    public void Splits_intro_and_steps_at_level_two_headings()
    {
        var document = TestLabs.Parse(Sample);

        Assert.Equal(0, document.Intro.Number);
        Assert.Contains("<strong>bold</strong>", document.IntroHtml);
        Assert.Equal(2, document.Steps.Count);
        Assert.Equal((1, "First step", 3), (document.Steps[0].Number, document.Steps[0].Title, document.Steps[0].Line));
        Assert.Equal((2, "Second step", 18), (document.Steps[1].Number, document.Steps[1].Title, document.Steps[1].Line));
        Assert.Equal("first-step", document.Steps[0].Anchor);
    }

    [Fact]
    public void Keeps_blocks_in_order_with_their_lines()
    {
        var step = TestLabs.Parse(Sample).Steps[0];

        Assert.Collection(step.Blocks,
            b => Assert.Equal((typeof(MarkdownBlock), 5), (b.GetType(), b.Line)),
            b => Assert.Equal((typeof(SqlCell), 7), (b.GetType(), b.Line)),
            b => Assert.Equal((typeof(MarkdownBlock), 11), (b.GetType(), b.Line)),
            b => Assert.Equal((typeof(SqlCell), 13), (b.GetType(), b.Line)));
    }

    [Fact]
    public void Reads_cell_kinds_ids_flags_and_sql()
    {
        var document = TestLabs.Parse(Sample);
        var cells = document.Cells.ToList();

        Assert.Equal(["s1-c1", "demo", "setup-default", "ex"], cells.Select(c => c.Kind == SqlCellKind.Setup ? "setup-default" : c.Id));
        Assert.Equal("s2-c2", cells[2].Id); // the gallery is c1 of step 2
        Assert.Equal([SqlCellKind.Runnable, SqlCellKind.ReadOnly, SqlCellKind.Setup, SqlCellKind.Exercise], cells.Select(c => c.Kind));
        Assert.True(cells[1].Explain);
        Assert.False(cells[0].Explain);
        Assert.Equal("SELECT 2;\nSELECT 3;", cells[1].Sql);
        Assert.Equal(new LabSourceLocation(TestLabs.File, 13), cells[1].Source);
        Assert.False(cells[1].IsEditable);
        Assert.True(cells[0].IsEditable);
    }

    [Fact]
    public void Gathers_an_exercise_from_its_check_expect_hints_and_solution()
    {
        var exercise = TestLabs.Parse(Sample).FindCell("ex")!.Exercise!;

        Assert.Equal([new ExerciseCheck("SELECT true", 32)], exercise.Checks);
        Assert.Equal(new ExpectedResult("SELECT 1", ResultOrder.Ordered, 36), exercise.Expect);
        Assert.Equal(2, exercise.Hints.Count);
        Assert.Contains("<strong>this</strong>", exercise.Hints[0].Html);
        Assert.Equal(44, exercise.Hints[1].Line);
        Assert.Equal("SELECT 1;", exercise.SolutionSql);
        Assert.True(exercise.IsCheckable);
    }

    [Fact]
    public void Gathers_wrong_answers_and_variants_with_why_and_line()
    {
        var document = TestLabs.Parse("## S\n" + TestLabs.Fence("sql exercise id=e", "") + TestLabs.Fence("check for=e", "SELECT true")
            + TestLabs.Fence("wrong for=e why=\"invented numbers\"", "INSERT INTO t VALUES (1);")
            + TestLabs.Fence("variant for=e why=\"defaults spelled out\"", "SELECT 2;")
            + TestLabs.Fence("wrong for=e why=nothing", "SELECT 0;") + TestLabs.Fence("variant for=e", "SELECT 3;"));

        var exercise = document.FindCell("e")!.Exercise!;
        Assert.Equal([new ExerciseAnswer("INSERT INTO t VALUES (1);", "invented numbers", 8), new ExerciseAnswer("SELECT 0;", "nothing", 14)], exercise.WrongAnswers);
        Assert.Equal([new ExerciseAnswer("SELECT 2;", "defaults spelled out", 11), new ExerciseAnswer("SELECT 3;", "", 17)], exercise.Variants);
        Assert.DoesNotContain(document.Steps[0].Blocks.OfType<MarkdownBlock>(), b => b.Html.Contains("INSERT"));
    }

    [Fact]
    public void Attachment_blocks_do_not_appear_in_the_step_and_other_code_stays_markdown()
    {
        var step = TestLabs.Parse(Sample).Steps[1];

        Assert.Equal(4, step.Blocks.Count); // gallery, setup, exercise, json sample
        var sample = Assert.IsType<MarkdownBlock>(step.Blocks[^1]);
        Assert.Contains("language-json", sample.Html);
        Assert.DoesNotContain("SELECT true", string.Concat(step.Blocks.OfType<MarkdownBlock>().Select(b => b.Html)));
    }

    [Fact]
    public void Reads_special_blocks_with_options_and_body()
    {
        var gallery = Assert.Single(TestLabs.Parse(Sample).Steps[1].SpecialBlocks);

        Assert.Equal(SpecialBlockKind.Gallery, gallery.Kind);
        Assert.Equal("pics", gallery.Id);
        Assert.Equal("bytes", gallery.Option("image"));
        Assert.Equal(20, gallery.Line);
        Assert.Equal("SELECT bytes FROM lab.sample_images", gallery.Body);
    }

    [Fact]
    public void Splits_explain_compare_bodies_at_dashes()
    {
        var document = TestLabs.Parse("## S\n" + TestLabs.Fence("explain-compare label-a=\"no index\" label-b=hnsw", "SELECT 1\n---\nSELECT 2"));
        var block = Assert.Single(document.Steps[0].SpecialBlocks);

        Assert.Equal(["SELECT 1", "SELECT 2"], block.BodyParts());
        Assert.Equal("no index", block.Option("label-a"));
    }

    [Fact]
    public void Renders_pipe_tables_and_localised_alerts()
    {
        const string markdown = "| a | b |\n|---|---|\n| 1 | 2 |\n\n> [!TIP]\n> Try it.\n";

        var en = TestLabs.Parse(markdown).IntroHtml;
        var zh = TestLabs.Parse(markdown, "zh").IntroHtml;

        Assert.Contains("<table>", en);
        Assert.Contains("<td>2</td>", en);
        Assert.Contains("markdown-alert-tip", en);
        Assert.Contains(">Tip<", en);
        Assert.Contains(">提示<", zh);
        Assert.DoesNotContain("<svg", en);
    }

    [Fact]
    public void Removes_scripts_and_event_handlers_from_raw_html()
    {
        const string markdown = "Hello <script>alert(1)</script> <b onclick=\"steal()\">there</b>\n\n<div><script>bad()</script><kbd>Ctrl</kbd></div>\n\n[x](javascript:alert(1))\n";

        var html = TestLabs.Parse(markdown).IntroHtml;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(1)", html);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("<b>there</b>", html);
        Assert.Contains("<kbd>Ctrl</kbd>", html);
    }

    [Fact]
    public void Sanitises_hints_too()
    {
        var document = TestLabs.Parse("## S\n" + TestLabs.Fence("sql exercise id=e", "") + TestLabs.Fence("hint for=e", "<script>x()</script>\n\n**ok**"));

        var hint = Assert.Single(document.FindCell("e")!.Exercise!.Hints);
        Assert.DoesNotContain("script", hint.Html);
        Assert.Contains("<strong>ok</strong>", hint.Html);
    }

    [Fact]
    public void Rewrites_relative_image_urls_to_lab_assets_and_keeps_samples()
    {
        const string markdown = "![a](images/x.png) ![b](./images/y.png) ![c](/samples/animals/robin.jpg) <img src=\"images/raw.png\">\n";

        var html = TestLabs.Parse(markdown).IntroHtml;

        Assert.Contains("src=\"/labs/test-lab/assets/images/x.png\"", html);
        Assert.Contains("src=\"/labs/test-lab/assets/images/y.png\"", html);
        Assert.Contains("src=\"/samples/animals/robin.jpg\"", html);
        Assert.Contains("src=\"/labs/test-lab/assets/images/raw.png\"", html);
    }

    [Fact]
    public void Records_image_references_with_lines()
    {
        var document = TestLabs.Parse("Text\n\n![a](images/x.png)\n");

        Assert.Equal([new ImageReference("images/x.png", 3)], document.Images);
    }

    [Fact]
    public void Reports_cells_nested_in_lists()
    {
        var document = TestLabs.Parse("## S\n\n- item\n\n  ```sql\n  SELECT 1;\n  ```\n");

        var error = Assert.Single(document.SyntaxErrors);
        Assert.Equal(5, error.Line);
        Assert.Empty(document.Cells);
    }

    [Fact]
    public void Reads_escaped_quotes_from_the_raw_info_string()
    {
        var document = TestLabs.Parse("## S\n" + TestLabs.Fence("explain-compare label-a=\"say \\\"hi\\\"\" label-b=b", "SELECT 1\n---\nSELECT 2"));

        Assert.Equal("say \"hi\"", document.Steps[0].SpecialBlocks.Single().Option("label-a"));
    }
}
