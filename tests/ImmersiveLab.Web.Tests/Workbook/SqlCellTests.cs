using AngleSharp.Dom;
using Bunit;
using ImmersiveLab.Labs;
using ImmersiveLab.Web.Components.Layout;
using ImmersiveLab.Web.Components.Pages;
using ImmersiveLab.Web.Components.Workbook;
using ImmersiveLab.Web.Components.Workbook.Editor;
using ImmersiveLab.Workbook;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Web.Tests.Workbook;

/// <summary>Cells and exercises of the welcome lab, run for real in the test learner's sandbox.</summary>
[Collection(nameof(WorkbookUiCollection))]
public sealed class SqlCellTests(WorkbookUiFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string Lab = "welcome";

    private static int StepOf(string cellId, ILabCatalog catalog) =>
        catalog.Find(Lab)!.Document("en").Steps.First(s => s.Cells.Any(c => c.Id == cellId)).Number;

    private async Task<(BunitContext Ctx, IRenderedComponent<LabPage> Page, WorkbookSession Session)> OpenAsync(string cellId, Func<WorkbookSession, Task>? before = null)
    {
        var learner = await fixture.NewLearnerAsync();
        var ctx = fixture.CreateContext(learner);
        var session = ctx.Services.GetRequiredService<WorkbookSession>();
        if (before is not null) await before(session);
        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, Lab).Add(x => x.StepNumber, StepOf(cellId, fixture.Get<ILabCatalog>())));
        page.WaitForElement("[data-testid=workbook-toolbar]", Patience);
        return (ctx, page, session);
    }

    private static IElement Cell(IRenderedComponent<LabPage> page, string id) => page.Find($"[data-testid=sql-cell][data-cell-id={id}]");

    /// <summary>Finds and clicks in one dispatch, so a re-render in between cannot swap the button.</summary>
    private static Task ClickAsync(IRenderedComponent<LabPage> page, string cellId, string testId) =>
        page.InvokeAsync(() => Cell(page, cellId).QuerySelector($"[data-testid={testId}]")!.ClickAsync(new MouseEventArgs()));

    [Fact]
    public async Task Running_a_cell_shows_its_result_table_under_it()
    {
        var (ctx, page, _) = await OpenAsync("edit-me");
        await using var _ = ctx;
        Assert.Empty(Cell(page, "edit-me").QuerySelectorAll("[data-testid=cell-results]"));

        await ClickAsync(page, "edit-me", "run-cell");

        page.WaitForAssertion(() =>
        {
            var results = Cell(page, "edit-me").QuerySelector("[data-testid=cell-results]");
            Assert.NotNull(results);
            Assert.Contains("answer", results!.TextContent);
            Assert.Contains("42", results.TextContent);
        }, Patience);
    }

    [Fact]
    public async Task A_cell_run_before_whose_result_is_gone_says_so_and_runs_again_on_request()
    {
        var doc = fixture.Get<ILabCatalog>().Find(Lab)!.Document("en");
        // As after a reload or a restart: the run is on record, its result is not in this circuit.
        var (ctx, page, _) = await OpenAsync("edit-me", async s =>
        {
            await s.RunCellAsync(Lab, doc.FindCell("edit-me")!, "SELECT 6 * 7 AS answer;", CancellationToken.None);
            s.ReleaseResultsExcept(Lab, new HashSet<string>());
        });
        await using var _ = ctx;

        page.WaitForAssertion(() => Assert.NotNull(Cell(page, "edit-me").QuerySelector("[data-testid=cell-ran-before]")), Patience);
        Assert.Null(Cell(page, "hello").QuerySelector("[data-testid=cell-ran-before]"));
        Assert.Empty(Cell(page, "edit-me").QuerySelectorAll("[data-testid=cell-results]"));

        await ClickAsync(page, "edit-me", "rerun-cell");

        page.WaitForAssertion(() =>
        {
            Assert.Contains("42", Cell(page, "edit-me").QuerySelector("[data-testid=cell-results]")!.TextContent);
            Assert.Null(Cell(page, "edit-me").QuerySelector("[data-testid=cell-ran-before]"));
        }, Patience);
    }

    [Fact]
    public async Task A_failing_statement_shows_its_error_with_the_line()
    {
        var doc = fixture.Get<ILabCatalog>().Find(Lab)!.Document("en");
        var (ctx, page, _) = await OpenAsync("edit-me",
            s => s.SaveEditAsync(Lab, doc.FindCell("edit-me")!, "SELECT 1;\nSELECT nope FROM lab.sample_images;", CancellationToken.None));
        await using var _ = ctx;

        await ClickAsync(page, "edit-me", "run-cell");

        page.WaitForAssertion(() =>
        {
            var results = Cell(page, "edit-me").QuerySelector("[data-testid=cell-results]")!;
            Assert.Contains("nope", results.TextContent);
            Assert.Contains("line 2", results.TextContent);
        }, Patience);
    }

    [Fact]
    public async Task The_learners_edit_is_the_cells_text_and_reset_brings_back_the_original()
    {
        var doc = fixture.Get<ILabCatalog>().Find(Lab)!.Document("en");
        var (ctx, page, session) = await OpenAsync("edit-me",
            s => s.SaveEditAsync(Lab, doc.FindCell("edit-me")!, "SELECT 7 * 6 AS mine;", CancellationToken.None));
        await using var _ = ctx;
        var editor = page.FindComponents<SqlCellEditor>().Single(e => e.Instance.CellId == "edit-me");
        Assert.Equal("SELECT 7 * 6 AS mine;", editor.Instance.InitialValue);
        Assert.NotNull(Cell(page, "edit-me").QuerySelector("[data-testid=cell-edited]"));

        await ClickAsync(page, "edit-me", "run-cell");
        page.WaitForAssertion(() => Assert.Contains("mine", Cell(page, "edit-me").QuerySelector("[data-testid=cell-results]")!.TextContent), Patience);

        await ClickAsync(page, "edit-me", "reset-cell");

        page.WaitForAssertion(() => Assert.Null(Cell(page, "edit-me").QuerySelector("[data-testid=cell-edited]")), Patience);
        Assert.Equal(doc.FindCell("edit-me")!.Sql, await editor.Instance.GetValueAsync());
        Assert.False((await session.GetEditsAsync(Lab, CancellationToken.None)).ContainsKey("edit-me"));
    }

    [Fact]
    public async Task Hints_come_one_at_a_time_and_the_solution_on_request()
    {
        var (ctx, page, _) = await OpenAsync("notes");
        await using var _ = ctx;
        var hints = fixture.Get<ILabCatalog>().Find(Lab)!.Document("en").FindCell("notes")!.Exercise!.Hints;
        Assert.Equal("open", Cell(page, "notes").QuerySelector("[data-testid=exercise]")!.GetAttribute("data-status"));
        Assert.Empty(Cell(page, "notes").QuerySelectorAll("[data-testid=exercise-hint]"));

        for (var shown = 1; shown <= hints.Count; shown++)
        {
            await ClickAsync(page, "notes", "show-hint");
            var expected = shown;
            page.WaitForAssertion(() => Assert.Equal(expected, Cell(page, "notes").QuerySelectorAll("[data-testid=exercise-hint]").Length));
        }
        Assert.Null(Cell(page, "notes").QuerySelector("[data-testid=show-hint]"));
        Assert.Contains("CREATE TABLE", Cell(page, "notes").QuerySelectorAll("[data-testid=exercise-hint]")[0].InnerHtml);

        Assert.Null(Cell(page, "notes").QuerySelector("[data-testid=exercise-solution]"));
        await ClickAsync(page, "notes", "show-solution");
        page.WaitForAssertion(() => Assert.Contains("INSERT INTO notes", Cell(page, "notes").QuerySelector("[data-testid=exercise-solution]")!.TextContent));
    }

    [Fact]
    public async Task The_check_flips_from_not_yet_to_solved_and_the_progress_follows()
    {
        var doc = fixture.Get<ILabCatalog>().Find(Lab)!.Document("en");
        var (ctx, page, session) = await OpenAsync("notes",
            s => s.SaveEditAsync(Lab, doc.FindCell("notes")!, "CREATE TABLE notes (id int, body text);\nINSERT INTO notes VALUES (1, 'only one');", CancellationToken.None));
        await using var _ = ctx;
        string Status() => Cell(page, "notes").QuerySelector("[data-testid=exercise]")!.GetAttribute("data-status")!;

        await ClickAsync(page, "notes", "run-cell");
        page.WaitForAssertion(() => Assert.Equal("failed", Status()), Patience);
        // The first failing part says what is wrong, with the learner's own count (the lab's says="…").
        Assert.Contains("3 rows expected, your table notes has 1.", Cell(page, "notes").QuerySelector("[data-testid=exercise-check]")!.TextContent);

        await ClickAsync(page, "notes", "show-solution");
        await ClickAsync(page, "notes", "use-solution");
        await ClickAsync(page, "notes", "run-cell");

        page.WaitForAssertion(() => Assert.Equal("solved", Status()), Patience);
        Assert.True((await session.GetProgressAsync(Lab, CancellationToken.None)).Solved("notes"));
        page.WaitForAssertion(() => Assert.Contains("1", page.Find("[data-testid=lab-progress]").TextContent));
    }

    [Fact]
    public async Task The_navigation_and_my_progress_show_a_solved_exercise()
    {
        var learner = await fixture.NewLearnerAsync();
        await using var ctx = fixture.CreateContext(learner);
        var session = ctx.Services.GetRequiredService<WorkbookSession>();
        var lab = fixture.Get<ILabCatalog>().Find(Lab)!;
        var notes = lab.Document("en").FindCell("notes")!;
        await session.OpenStepAsync(Lab, 1, CancellationToken.None);
        Assert.True((await session.RunCellAsync(Lab, notes, notes.Exercise!.SolutionSql!, CancellationToken.None)).Check!.Passed);

        var nav = ctx.Render<LabNavMenu>();
        nav.WaitForAssertion(() =>
        {
            var badge = nav.Find($"[data-testid=nav-lab-progress][data-lab-id={Lab}]");
            Assert.True(int.Parse(badge.GetAttribute("data-percent")!) > 0);
        });
        Assert.NotNull(nav.Find("[data-testid=nav-my-progress]"));

        var progress = ctx.Render<MyProgress>();
        progress.WaitForAssertion(() =>
        {
            var row = progress.Find($"[data-testid=progress-row][data-lab-id={Lab}]").ParentElement!;
            Assert.Equal($"1 / {lab.Document("en").Exercises.Count()}", row.QuerySelector("[data-testid=exercises-solved]")!.TextContent.Trim());
            Assert.StartsWith("1 /", row.QuerySelector("[data-testid=steps-visited]")!.TextContent.Trim());
            Assert.StartsWith("1 /", row.QuerySelector("[data-testid=cells-run]")!.TextContent.Trim());
        });
        Assert.Contains("step 1", progress.Find("[data-testid=continue]").TextContent);
    }

    [Fact]
    public async Task A_gallery_block_runs_its_query_and_shows_image_cards()
    {
        var doc = fixture.Get<ILabCatalog>().Find(Lab)!.Document("en");
        var step = doc.Steps.First(st => st.SpecialBlocks.Any(b => b.Kind == SpecialBlockKind.Gallery));
        var learner = await fixture.NewLearnerAsync();
        await using var ctx = fixture.CreateContext(learner);

        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, Lab).Add(x => x.StepNumber, step.Number));

        page.WaitForAssertion(() => Assert.NotEmpty(page.Find("[data-testid=gallery-block]").QuerySelectorAll(".il-gallery .il-card")), Patience);
        Assert.Contains(page.FindAll(".il-card-field"), f => f.GetAttribute("data-column") == "category");
    }
}
