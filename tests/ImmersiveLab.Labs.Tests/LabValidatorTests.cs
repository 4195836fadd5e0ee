using static ImmersiveLab.Labs.Tests.TestLabs;

namespace ImmersiveLab.Labs.Tests;

public class LabValidatorTests
{
    private static LabFormatError SingleError(string markdown)
    {
        var errors = Validate(markdown);
        Assert.True(errors.Count == 1, "expected one error, got: " + string.Join(" | ", errors));
        Assert.Equal(TestLabs.File, errors[0].File);
        return errors[0];
    }

    [Fact]
    public void A_valid_document_has_no_errors()
    {
        Assert.Empty(Validate(ValidMarkdown));
    }

    [Fact]
    public void Reports_an_unknown_option_with_its_line()
    {
        var error = SingleError("## S\n\n" + Fence("sql readonly colour=red", "SELECT 1;"));

        Assert.Equal(3, error.Line);
        Assert.Contains("unknown option 'colour'", error.Message);
        Assert.Contains("readonly", error.Message); // lists what is allowed
    }

    [Theory]
    [InlineData("sql readonly=yes", "is a flag")]
    [InlineData("sql id", "needs a value")]
    [InlineData("sql id=Bad!", "not valid")]
    [InlineData("sql id=a id=b", "repeats option 'id'")]
    [InlineData("sql readonly setup", "not readonly and setup")]
    [InlineData("sql id=\"open", "unclosed quote")]
    public void Reports_bad_sql_options(string info, string expected)
    {
        var error = SingleError("## S\n" + Fence(info, "SELECT 1;"));

        Assert.Equal(2, error.Line);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_cell_meant_to_fail_names_its_sqlstate()
    {
        var error = SingleError("## S\n" + Fence("sql readonly fails=denied", "SELECT pg_read_file('/etc/passwd');"));
        Assert.Contains("SQLSTATE", error.Message);

        var doc = LabDocumentParser.Parse("## S\n" + Fence("sql readonly fails=42501 id=refused", "SELECT 1;"), "en", "en.md", "lab");
        Assert.Equal("42501", Assert.Single(doc.Cells).ExpectedFailure);
    }

    [Fact]
    public void A_cell_declares_the_index_its_plan_should_use()
    {
        var error = SingleError("## S\n" + Fence("sql expects-index=Items;drop", "SELECT 1;"));
        Assert.Contains("expects-index", error.Message);

        var doc = LabDocumentParser.Parse("## S\n" + Fence("sql id=a expects-index=items/items_v_hnsw", "SELECT 1;") + "\n"
            + Fence("sql id=b expects-index=items", "SELECT 1;") + "\n" + Fence("sql id=c", "SELECT 1;"), "en", "en.md", "lab");
        var cells = doc.Cells.ToList();
        Assert.Equal(new IndexExpectation("items", "items_v_hnsw"), cells[0].ExpectedIndex);
        Assert.Equal(new IndexExpectation("items", null), cells[1].ExpectedIndex);
        Assert.Null(cells[2].ExpectedIndex);
    }

    [Theory]
    [InlineData("recall-chart dataset=mars", "", "samples or generated")]
    [InlineData("image-search k=0", "", "1 to 100")]
    [InlineData("image-steps", "", "needs sample=")]
    [InlineData("explain-compare", "SELECT 1", "two queries")]
    [InlineData("gallery", "", "needs the SQL")]
    [InlineData("gallery size=big", "SELECT 1", "unknown option 'size'")]
    public void Reports_bad_special_blocks(string info, string body, string expected)
    {
        var error = SingleError("## S\n\n\n" + Fence(info, body));

        Assert.Equal(4, error.Line);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Reports_an_exercise_without_check_or_expect()
    {
        var error = SingleError("## S\n" + Fence("sql exercise id=ex", "") + Fence("solution for=ex", "SELECT 1;") + Wrongs("ex"));

        Assert.Equal(2, error.Line);
        Assert.Contains("no `check` or `expect`", error.Message);
    }

    [Fact]
    public void Reports_an_exercise_without_solution()
    {
        var error = SingleError("## S\n" + Fence("sql exercise id=ex", "") + Fence("check for=ex", "SELECT true") + Wrongs("ex"));

        Assert.Equal(2, error.Line);
        Assert.Contains("no `solution`", error.Message);
    }

    [Fact]
    public void Reports_an_exercise_with_fewer_than_two_wrong_answers()
    {
        var error = SingleError("## S\n" + Fence("sql exercise id=ex", "") + Fence("check for=ex", "SELECT true")
            + Fence("solution for=ex", "SELECT 1;") + Fence("wrong for=ex why=\"does nothing\"", "SELECT 0;"));

        Assert.Equal(2, error.Line);
        Assert.Contains("1 `wrong` block(s) but needs at least 2", error.Message);
    }

    [Fact]
    public void A_wrong_answer_says_why_and_names_an_exercise()
    {
        var errors = Validate(ValidMarkdown + Fence("wrong for=ex", "SELECT 3;") + Fence("wrong for=first why=x", "SELECT 4;")
            + Fence("variant for=ex why=\"\"", "SELECT 5;") + Fence("wrong why=x", "SELECT 6;"));

        Assert.Collection(errors,
            e => Assert.Contains("needs why=", e.Message),
            e => Assert.Contains("not an exercise", e.Message),
            e => Assert.Contains("option why=\"\" is not valid", e.Message),
            e => Assert.Contains("needs for=", e.Message));
    }

    [Fact]
    public void A_variant_is_optional_and_may_leave_out_why()
    {
        Assert.Empty(Validate(ValidMarkdown + Fence("variant for=ex", "SELECT 1 AS one;")));
    }

    [Fact]
    public void An_empty_wrong_answer_is_reported()
    {
        var error = SingleError(ValidMarkdown + Fence("wrong for=ex why=nothing", " "));

        Assert.Contains("empty `wrong` block", error.Message);
    }

    [Fact]
    public void Reports_an_exercise_without_explicit_id()
    {
        var errors = Validate("## S\n" + Fence("sql exercise", "") + Fence("check for=s1-c1", "SELECT true") + Fence("solution for=s1-c1", "SELECT 1;") + Wrongs("s1-c1"));

        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
        Assert.Contains("needs an id", error.Message);
    }

    [Fact]
    public void Reports_a_dangling_for()
    {
        var error = SingleError(ValidMarkdown + "\n" + Fence("hint for=nope", "Hmm."));

        Assert.Equal(29, error.Line);
        Assert.Contains("for=nope names no cell", error.Message);
    }

    [Fact]
    public void Reports_a_for_that_names_a_cell_that_is_not_an_exercise()
    {
        var error = SingleError(ValidMarkdown + Fence("check for=first", "SELECT true"));

        Assert.Equal(28, error.Line);
        Assert.Contains("not an exercise", error.Message);
    }

    [Fact]
    public void Reports_a_missing_for()
    {
        var error = SingleError(ValidMarkdown + Fence("hint", "Hmm."));

        Assert.Equal(28, error.Line);
        Assert.Contains("needs for=", error.Message);
    }

    [Fact]
    public void Reports_a_second_expect_and_a_second_solution()
    {
        var errors = Validate(ValidMarkdown + Fence("solution for=ex", "SELECT 2;") + Fence("expect for=ex", "SELECT 1") + Fence("expect for=ex", "SELECT 1"));

        Assert.Equal([(28, "solution"), (34, "expect")], errors.Select(e => (e.Line, e.Message.Contains("`solution`") ? "solution" : "expect")));
        Assert.All(errors, e => Assert.Contains("only one", e.Message));
    }

    [Fact]
    public void Reports_duplicate_ids_at_the_second_use()
    {
        var error = SingleError("## A\n" + Fence("sql id=x", "SELECT 1;") + "## B\n" + Fence("gallery id=x", "SELECT 1"));

        Assert.Equal(6, error.Line);
        Assert.Contains("duplicate id 'x' (first used on line 2)", error.Message);
    }

    [Fact]
    public void Reports_an_explicit_id_that_collides_with_a_default_one()
    {
        var error = SingleError("## A\n" + Fence("sql", "SELECT 1;") + Fence("sql id=s1-c1", "SELECT 2;"));

        Assert.Equal(5, error.Line);
        Assert.Contains("duplicate id 's1-c1'", error.Message);
    }

    [Fact]
    public void Reports_cells_in_the_introduction()
    {
        var error = SingleError("Intro\n" + Fence("sql", "SELECT 1;") + "## A\ntext\n");

        Assert.Equal(2, error.Line);
        Assert.Contains("introduction", error.Message);
    }

    [Fact]
    public void Reports_empty_cells_and_checks()
    {
        var errors = Validate("## A\n" + Fence("sql", "  ") + Fence("sql exercise id=e", "") + Fence("check for=e", "") + Fence("solution for=e", "SELECT 1;") + Wrongs("e"));

        Assert.Equal([(2, "empty SQL cell"), (8, "empty `check` block")], errors.Select(e => (e.Line, e.Message)));
    }

    [Fact]
    public void Reports_missing_and_escaping_and_external_images()
    {
        using var labs = new TempLabs();
        var directory = labs.AddLab("01-test");
        Directory.CreateDirectory(Path.Combine(directory, "images"));
        System.IO.File.WriteAllText(Path.Combine(directory, "images", "ok.png"), "png");

        var errors = Validate("![ok](images/ok.png)\n\n![no](images/missing.png)\n\n![up](../secret.png)\n\n![web](https://example.com/a.png)\n", directory);

        Assert.Equal([3, 5, 7], errors.Select(e => e.Line));
        Assert.Contains("not found", errors[0].Message);
        Assert.Contains("outside", errors[1].Message);
        Assert.Contains("offline", errors[2].Message);
    }

    [Fact]
    public void Checks_sample_images_when_the_folder_is_known()
    {
        using var labs = new TempLabs();
        var samples = Path.Combine(labs.Root, "..", "sample-images");
        Directory.CreateDirectory(Path.Combine(samples, "animals"));
        System.IO.File.WriteAllText(Path.Combine(samples, "animals", "robin.jpg"), "jpg");
        var document = Parse("![a](/samples/animals/robin.jpg)\n\n![b](/samples/animals/crow.jpg)\n");

        var errors = new LabValidator(samples).ValidateDocument(document, null);

        var error = Assert.Single(errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("crow.jpg", error.Message);
    }
}
