using Microsoft.Extensions.Logging.Abstractions;

namespace ImmersiveLab.Labs.Tests;

/// <summary>Every lab in the repository's labs/ folder must load without a single format error.</summary>
public class RepositoryLabsTests
{
    private static readonly string Root = TestLabs.RepositoryRoot();

    internal static readonly LabCatalogSnapshot Snapshot =
        new LabLoader(new LabValidator(Path.Combine(Root, "sample-images")), NullLogger<LabLoader>.Instance)
            .LoadAll(Path.Combine(Root, "labs"));

    public static TheoryData<string> LabFolders() =>
        new(Directory.EnumerateDirectories(Path.Combine(Root, "labs")).Select(Path.GetFileName).Order()!);

    [Fact]
    public void The_labs_folder_has_no_format_errors()
    {
        Assert.True(Snapshot.Errors.Count == 0, string.Join(Environment.NewLine, Snapshot.Errors));
        Assert.NotEmpty(Snapshot.Labs);
    }

    [Theory]
    [MemberData(nameof(LabFolders))]
    public void Each_lab_loads_cleanly_in_every_language(string folder)
    {
        var lab = Assert.Single(Snapshot.Labs, l => l.Folder == folder);

        Assert.Empty(Snapshot.ErrorsOf(lab));
        Assert.NotEmpty(lab.AvailableLanguages);
        foreach (var language in lab.AvailableLanguages)
        {
            var document = lab.Document(language);
            Assert.NotEmpty(document.Steps);
            Assert.False(string.IsNullOrWhiteSpace(lab.Title.Get(language)));
            Assert.All(document.Exercises, e => Assert.True(e.Exercise!.IsCheckable && e.Exercise.SolutionSql is not null, e.Id));
        }
    }

    [Theory]
    [MemberData(nameof(LabFolders))]
    public void Each_lab_states_its_objectives_prerequisites_and_duration_in_every_language(string folder)
    {
        var lab = Assert.Single(Snapshot.Labs, l => l.Folder == folder);

        Assert.True(lab.Minutes > 0);
        Assert.False(lab.Prerequisites.IsEmpty, $"{folder}: lab.yaml has no prerequisites");
        foreach (var language in lab.AvailableLanguages)
        {
            Assert.True(lab.Objectives.Has(language) && lab.Objectives.Get(language).Count >= 2, $"{folder}: fewer than two {language} objectives");
            Assert.True(lab.Prerequisites.Labs.Count > 0 || lab.Prerequisites.Text.Has(language), $"{folder}: no {language} prerequisites");
        }
    }

    [Theory]
    [MemberData(nameof(LabFolders))]
    public void Each_step_has_instructor_notes_with_its_minutes_and_every_thinking_question_an_answer_note(string folder)
    {
        var lab = Assert.Single(Snapshot.Labs, l => l.Folder == folder);
        foreach (var language in lab.AvailableLanguages)
        {
            var document = lab.Document(language);
            Assert.All(document.Steps, s => Assert.True(s.InstructorNote?.Minutes is > 0, $"{folder} {language} step {s.Number}: no instructor notes with minutes"));
            // The last step of a lab with thinking questions holds them as a numbered list; its notes answer each one.
            var questions = document.Steps[^1];
            var asked = string.Concat(questions.Blocks.OfType<MarkdownBlock>().Select(b => b.Html));
            if (!asked.Contains("<ol>", StringComparison.Ordinal)) continue;
            Assert.Equal(CountItems(asked), CountItems(questions.InstructorNote!.Html));
        }

        static int CountItems(string html) => System.Text.RegularExpressions.Regex.Matches(html, "<li>").Count;
    }

    [Fact]
    public void The_index_internals_of_lab_3_are_marked_optional()
    {
        var gist = Snapshot.Labs.Single(l => l.Id == "gist-knn");
        foreach (var language in gist.AvailableLanguages)
        {
            var optional = gist.Document(language).Steps.Where(s => s.InstructorNote!.Optional).Select(s => s.Number);
            Assert.Equal([4], optional);
        }
    }

    [Fact]
    public void The_welcome_lab_is_first_and_shows_every_kind_of_block()
    {
        var welcome = Snapshot.Labs[0];
        Assert.Equal(("welcome", 0), (welcome.Id, welcome.Order));
        Assert.Equal(["en", "zh"], welcome.AvailableLanguages);

        foreach (var language in welcome.AvailableLanguages)
        {
            var document = welcome.Document(language);
            var notes = document.FindCell("notes")!;
            Assert.Equal(SqlCellKind.Exercise, notes.Kind);
            Assert.Contains(notes.Exercise!.Checks, c => c.Sql.StartsWith("SELECT count(*) = 3", StringComparison.Ordinal) && c.Sql.Contains("FROM notes", StringComparison.Ordinal));
            Assert.All(notes.Exercise.Checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Says), c.Sql));
            Assert.True(notes.Exercise.WrongAnswers.Count >= 2);
            Assert.Equal(2, notes.Exercise.Hints.Count);
            Assert.Equal(ResultOrder.Ordered, document.FindCell("categories")!.Exercise!.Expect!.Order);
            Assert.Contains(document.Steps.SelectMany(s => s.SpecialBlocks), b => b.Kind == SpecialBlockKind.Gallery);
            Assert.Contains(document.Cells, c => c.Kind == SqlCellKind.ReadOnly && c.Explain);
            Assert.Contains("/labs/welcome/assets/images/cell.svg", string.Concat(document.Steps[0].Blocks.OfType<MarkdownBlock>().Select(b => b.Html)));
        }
    }
}
