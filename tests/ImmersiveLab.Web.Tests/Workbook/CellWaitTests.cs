using AngleSharp.Dom;
using Bunit;
using ImmersiveLab.Labs;
using ImmersiveLab.Sandbox.Admission;
using ImmersiveLab.Web.Components.Pages;
using Microsoft.AspNetCore.Components.Web;

namespace ImmersiveLab.Web.Tests.Workbook;

/// <summary>
/// A busy server as the learner sees it: the cell shows its place in the queue instead of only spinning. The test
/// makes the server busy by taking every slot of the app's <see cref="RunAdmission"/> itself.
/// </summary>
[Collection(nameof(WorkbookUiCollection))]
public sealed class CellWaitTests(WorkbookUiFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const string Lab = "welcome";
    private const string CellId = "edit-me";

    private IElement Cell(IRenderedComponent<LabPage> page) => page.Find($"[data-testid=sql-cell][data-cell-id={CellId}]");

    [Fact]
    public async Task On_a_busy_server_a_cell_shows_its_place_in_the_queue_then_its_result()
    {
        var learner = await fixture.NewLearnerAsync();
        await using var ctx = fixture.CreateContext(learner);
        var step = fixture.Get<ILabCatalog>().Find(Lab)!.Document("en").Steps.First(s => s.Cells.Any(c => c.Id == CellId)).Number;
        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, Lab).Add(x => x.StepNumber, step));
        page.WaitForElement("[data-testid=workbook-toolbar]", Patience);
        var admission = fixture.Get<RunAdmission>();
        var slots = new List<IDisposable>();
        Task click;
        try
        {
            for (var i = 0; i < admission.Capacity; i++) slots.Add(await admission.EnterAsync(null, CancellationToken.None));

            // The click's task is the handler's, which awaits the run: it completes only once the run got a slot.
            click = page.InvokeAsync(() => Cell(page).QuerySelector("[data-testid=run-cell]")!.ClickAsync(new MouseEventArgs()));

            page.WaitForAssertion(() =>
            {
                var waiting = Cell(page).QuerySelector("[data-testid=cell-waiting]");
                Assert.NotNull(waiting);
                Assert.Equal(nameof(RunWaitKind.Queued), waiting!.GetAttribute("data-kind"));
                // First in line, or second when one of the page's own background reads queued just before the click.
                var position = int.Parse(waiting.GetAttribute("data-position")!, System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(position, 1, 2);
                Assert.Contains(position.ToString(System.Globalization.CultureInfo.InvariantCulture), waiting.TextContent);
            }, Patience);
            Assert.Empty(Cell(page).QuerySelectorAll("[data-testid=cell-results]"));
        }
        finally
        {
            foreach (var s in slots) s.Dispose();
        }

        page.WaitForAssertion(() =>
        {
            Assert.Empty(Cell(page).QuerySelectorAll("[data-testid=cell-waiting]"));
            Assert.Contains("42", Cell(page).QuerySelector("[data-testid=cell-results]")!.TextContent);
        }, Patience);
        await click.WaitAsync(Patience);
    }
}
