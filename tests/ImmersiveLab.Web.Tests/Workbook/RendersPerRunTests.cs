using Bunit;
using ImmersiveLab.Labs;
using ImmersiveLab.Web.Components.Pages;
using ImmersiveLab.Web.Components.Workbook;
using Microsoft.AspNetCore.Components.Web;
using Xunit.Abstractions;

namespace ImmersiveLab.Web.Tests.Workbook;

/// <summary>
/// What one Run re-renders: its own cell and the progress chip, never the page or the other cells of the step
/// (issue 21: every cell used to listen to one page-wide event, so a Run re-rendered the whole step ~3 times).
/// </summary>
[Collection(nameof(WorkbookUiCollection))]
public sealed class RendersPerRunTests(WorkbookUiFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string Lab = "welcome";

    private sealed record Renders(int Page, int RunCell, int OtherCell, int Toolbar);

    // bUnit's RenderCount of a component also counts the renders of everything inside it: these count the
    // component's own renders (each render of a component is followed by exactly one OnAfterRender).
    private sealed class CountedLabPage : LabPage
    {
        public int Renders { get; private set; }
        protected override void OnAfterRender(bool firstRender) { Renders++; base.OnAfterRender(firstRender); }
    }

    private sealed class CountedCellView : SqlCellView
    {
        public int Renders { get; private set; }
        protected override void OnAfterRender(bool firstRender) { Renders++; base.OnAfterRender(firstRender); }
    }

    private sealed class CountedToolbar : WorkbookToolbar
    {
        public int Renders { get; private set; }
        protected override void OnAfterRender(bool firstRender) { Renders++; base.OnAfterRender(firstRender); }
    }

    private async Task<(BunitContext Ctx, IRenderedComponent<CountedLabPage> Page)> OpenStepAsync(int step)
    {
        var ctx = fixture.CreateContext(await fixture.NewLearnerAsync());
        ctx.ComponentFactories.Add(t => t == typeof(SqlCellView), _ => new CountedCellView());
        ctx.ComponentFactories.Add(t => t == typeof(WorkbookToolbar), _ => new CountedToolbar());
        var page = ctx.Render<CountedLabPage>(p => p.Add(x => x.LabId, Lab).Add(x => x.StepNumber, step));
        page.WaitForElement("[data-testid=workbook-toolbar]", Patience);
        // Let the opening of the step (visit, setup cells, progress) finish and its renders drain.
        await page.FindComponent<CountedToolbar>().Instance.Page.StepOpened.WaitAsync(Patience);
        await page.InvokeAsync(() => { });
        return (ctx, page);
    }

    private static CountedCellView CellView(IRenderedComponent<CountedLabPage> page, string cellId) =>
        page.FindComponents<CountedCellView>().Single(c => c.Instance.Cell.Id == cellId).Instance;

    private static Renders Count(IRenderedComponent<CountedLabPage> page, string runCell, string? otherCell) => new(
        page.Instance.Renders,
        CellView(page, runCell).Renders,
        otherCell is null ? 0 : CellView(page, otherCell).Renders,
        page.FindComponent<CountedToolbar>().Instance.Renders);

    private async Task<Renders> RendersOfOneRunAsync(IRenderedComponent<CountedLabPage> page, string runCell, string? otherCell, Action<IRenderedComponent<CountedLabPage>> done)
    {
        var before = Count(page, runCell, otherCell);
        var cell = page.Find($"[data-testid=sql-cell][data-cell-id={runCell}]");
        await page.InvokeAsync(() => cell.QuerySelector("[data-testid=run-cell]")!.ClickAsync(new MouseEventArgs()));
        page.WaitForAssertion(() => done(page), Patience);
        // Renders the run queued (from other threads) land before this no-op does.
        await page.InvokeAsync(() => { });
        var after = Count(page, runCell, otherCell);
        var renders = new Renders(after.Page - before.Page, after.RunCell - before.RunCell, after.OtherCell - before.OtherCell, after.Toolbar - before.Toolbar);
        output.WriteLine($"Run of {runCell}: {renders}");
        return renders;
    }

    [Fact]
    public async Task A_run_re_renders_its_cell_and_the_progress_chip_not_the_page_or_the_other_cells()
    {
        var doc = fixture.Get<ILabCatalog>().Find(Lab)!.Document("en");
        var step = doc.Steps.First(s => s.Cells.Any(c => c.Id == "edit-me")).Number;
        var (ctx, page) = await OpenStepAsync(step);
        await using var _ = ctx;

        var renders = await RendersOfOneRunAsync(page, "edit-me", "hello",
            p => Assert.Contains("42", p.Find("[data-testid=sql-cell][data-cell-id=edit-me] [data-testid=cell-results]").TextContent));

        Assert.Equal(0, renders.Page);
        Assert.Equal(0, renders.OtherCell);
        Assert.Equal(2, renders.RunCell);        // the run starting, its result
        Assert.InRange(renders.Toolbar, 0, 1);  // only if the run changed what the chip shows
    }

    [Fact]
    public async Task A_checked_exercise_re_renders_its_cell_and_the_progress_chip_once()
    {
        var doc = fixture.Get<ILabCatalog>().Find(Lab)!.Document("en");
        var notes = doc.FindCell("notes")!;
        var step = doc.Steps.First(s => s.Cells.Contains(notes)).Number;
        var (ctx, page) = await OpenStepAsync(step);
        await using var _ = ctx;
        var editor = page.FindComponents<ImmersiveLab.Web.Components.Workbook.Editor.SqlCellEditor>().Single(e => e.Instance.CellId == "notes");
        await page.InvokeAsync(() => editor.Instance.SetValueAsync(notes.Exercise!.SolutionSql!));

        var renders = await RendersOfOneRunAsync(page, "notes", null,
            p => Assert.Equal("solved", p.Find("[data-testid=sql-cell][data-cell-id=notes] [data-testid=exercise]").GetAttribute("data-status")));

        Assert.Equal(0, renders.Page);
        Assert.InRange(renders.RunCell, 2, 3);  // "edited" (unless the editor saved it before), the run starting, its result
        Assert.InRange(renders.Toolbar, 1, 2); // the solved count (and the minutes spent, if a minute passed)
        Assert.Contains("1", page.Find("[data-testid=lab-progress]").TextContent);
    }
}
