using static ImmersiveLab.Labs.Tests.TestLabs;

namespace ImmersiveLab.Labs.Tests;

public class LanguageParityTests
{
    private static IReadOnlyList<LabFormatError> Compare(string en, string zh)
    {
        var lab = new Lab("test-lab", "01-test", Path.GetTempPath(), 1, 5, [], LocalizedText.Empty, LocalizedText.Empty,
            new Dictionary<string, LabDocument> { ["en"] = Parse(en, "en"), ["zh"] = Parse(zh, "zh") });
        return new LabValidator().Validate(lab);
    }

    [Fact]
    public void Matching_languages_have_no_errors()
    {
        var zh = ValidMarkdown.Replace("Intro text.", "简介。").Replace("Step one", "第一步").Replace("Some text.", "一些文字。");

        Assert.Empty(Compare(ValidMarkdown, zh));
    }

    [Fact]
    public void Reports_a_cell_with_another_id()
    {
        var error = Assert.Single(Compare(ValidMarkdown, ValidMarkdown.Replace("id=first", "id=premier")));

        Assert.Equal("labs/01-test/zh.md", error.File);
        Assert.Equal(7, error.Line);
        Assert.Contains("id=premier", error.Message);
        Assert.Contains("id=first", error.Message);
    }

    [Fact]
    public void Reports_a_cell_of_another_kind()
    {
        var error = Assert.Single(Compare(ValidMarkdown, ValidMarkdown.Replace("sql id=first", "sql readonly id=first")));

        Assert.Equal(7, error.Line);
        Assert.Contains("sql readonly", error.Message);
    }

    [Fact]
    public void Reports_cells_in_another_order()
    {
        var en = "## A\n" + Fence("sql id=a", "SELECT 1;") + Fence("sql id=b", "SELECT 2;");
        var zh = "## A\n" + Fence("sql id=b", "SELECT 2;") + Fence("sql id=a", "SELECT 1;");

        var error = Assert.Single(Compare(en, zh));
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Reports_a_missing_cell()
    {
        var en = "## A\n" + Fence("sql id=a", "SELECT 1;") + Fence("sql id=b", "SELECT 2;");
        var zh = "## A\n" + Fence("sql id=a", "SELECT 1;");

        var error = Assert.Single(Compare(en, zh));
        Assert.Contains("lacks", error.Message);
        Assert.Contains("id=b", error.Message);
        Assert.Contains("en.md:5", error.Message);
    }

    [Fact]
    public void Reports_a_cell_moved_to_another_step()
    {
        var en = "## A\n" + Fence("sql id=a", "SELECT 1;") + "## B\ntext\n";
        var zh = "## A\ntext\n## B\n" + Fence("sql id=a", "SELECT 1;");

        var error = Assert.Single(Compare(en, zh));
        Assert.Contains("step 2", error.Message);
    }

    [Fact]
    public void Reports_a_different_number_of_steps()
    {
        var errors = Compare(ValidMarkdown, ValidMarkdown + "\n## Extra\n\nMore.\n");

        var error = Assert.Single(errors);
        Assert.Contains("2 steps", error.Message);
    }

    [Fact]
    public void Reports_a_different_number_of_hints()
    {
        var error = Assert.Single(Compare(ValidMarkdown, ValidMarkdown + Fence("hint for=ex", "提示")));

        Assert.Contains("hint", error.Message);
    }

    [Fact]
    public void Reports_a_different_number_of_wrong_answers_and_variants()
    {
        var extraWrong = Assert.Single(Compare(ValidMarkdown, ValidMarkdown + Fence("wrong for=ex why=x", "SELECT 9;")));
        var extraVariant = Assert.Single(Compare(ValidMarkdown + Fence("variant for=ex", "SELECT 1;"), ValidMarkdown));

        Assert.Contains("wrong", extraWrong.Message);
        Assert.Contains("variant", extraVariant.Message);
    }
}
