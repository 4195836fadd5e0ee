using ImmersiveLab.Labs;
using ImmersiveLab.Web.Components.Workbook;

namespace ImmersiveLab.Web.Tests.Workbook;

/// <summary>What a cell's view knows about its text: saved or not, edited or not (no browser, no database).</summary>
public sealed class CellEditTests
{
    private static readonly LabDocument Doc = LabDocumentParser.Parse(
        "Intro.\n\n## Step\n\n```sql id=mine\nSELECT 1;\n```\n\n```sql readonly id=theirs\nSELECT 2;\n```\n", "en", "labs/01-test/en.md", "test-lab");

    private static SqlCell Mine => Doc.FindCell("mine")!;

    [Fact]
    public void A_cell_starts_with_the_learners_saved_version_and_a_run_of_it_saves_nothing()
    {
        var edit = new CellEdit(Mine, "SELECT 42;");

        Assert.Equal("SELECT 42;", edit.Saved);
        Assert.True(edit.IsEdited);
        Assert.False(edit.NeedsSave("SELECT 42;"));
        Assert.True(edit.NeedsSave("SELECT 43;"));
    }

    [Fact]
    public void Saving_the_labs_text_again_is_not_an_edit_and_line_ends_or_trailing_space_do_not_make_one()
    {
        var edit = new CellEdit(Mine, null);
        Assert.False(edit.IsEdited);
        Assert.False(edit.NeedsSave("SELECT 1;"));

        Assert.Equal("SELECT 7;", edit.WasSaved("SELECT 7;"));
        Assert.True(edit.IsEdited);
        Assert.Null(edit.WasSaved("SELECT 1;\r\n  "));
        Assert.False(edit.IsEdited);
        Assert.False(edit.NeedsSave("SELECT 1;\r\n  "));
        Assert.True(edit.NeedsSave("SELECT 1;"));       // not what the server has, though the same edit
    }

    [Fact]
    public void Reset_goes_back_to_the_labs_text()
    {
        var edit = new CellEdit(Mine, "SELECT 42;");

        edit.WasReset();

        Assert.False(edit.IsEdited);
        Assert.Equal("SELECT 1;", edit.Saved);
        Assert.False(edit.NeedsSave("SELECT 1;"));
    }

    [Fact]
    public void A_read_only_cell_is_the_labs_text_and_never_saved()
    {
        var edit = new CellEdit(Doc.FindCell("theirs")!, "SELECT 'stale edit';");

        Assert.Equal("SELECT 2;", edit.Saved);
        Assert.False(edit.IsEdited);
        Assert.False(edit.NeedsSave("SELECT 3;"));
    }
}
