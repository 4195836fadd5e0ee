using Bunit;
using ImmersiveLab.Labs;
using ImmersiveLab.Web.Components.Pages;
using ImmersiveLab.Workbook;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace ImmersiveLab.Web.Tests.Workbook;

/// <summary>
/// A step opened directly in a fresh sandbox (a bookmark, the instructor's "everyone to step 7", after a reset) shows
/// no error before the learner acts: its setup cells make what earlier steps would have made, galleries wait for them,
/// and a gallery that shows what the learner's cells above it make waits for those instead of failing.
/// </summary>
[Collection(nameof(WorkbookUiCollection))]
public sealed class StepOpeningTests(WorkbookUiFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private (int Step, SpecialBlock Gallery) GalleryStep(string labId, string galleryId)
    {
        var doc = fixture.Get<ILabCatalog>().Find(labId)!.Document("en");
        return doc.Steps.SelectMany(s => s.SpecialBlocks.Where(b => b.Id == galleryId).Select(b => (s.Number, b))).Single();
    }

    [Fact]
    public async Task A_gallery_below_the_learners_cells_waits_for_them_instead_of_showing_an_error()
    {
        var (step, gallery) = GalleryStep("large-objects", "photo-lo-gallery");
        var learner = await fixture.NewLearnerAsync();
        await using var ctx = fixture.CreateContext(learner);

        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, "large-objects").Add(x => x.StepNumber, step));

        var block = () => page.Find($"[data-testid=special-block][data-block-id={gallery.Id}] [data-testid=gallery-block]");
        page.WaitForAssertion(() => Assert.NotNull(block().QuerySelector("[data-testid=gallery-waits]")), Patience);
        Assert.Empty(block().QuerySelectorAll(".il-run-error, .il-error"));

        // The learner does the exercise above it, then asks for the pictures.
        var doc = fixture.Get<ILabCatalog>().Find("large-objects")!.Document("en");
        var session = ctx.Services.GetRequiredService<WorkbookSession>();
        var exercise = doc.FindCell("photo-lo")!;
        await page.InvokeAsync(() => session.RunCellAsync("large-objects", exercise, exercise.Exercise!.SolutionSql!, CancellationToken.None));
        await page.InvokeAsync(() => block().QuerySelector("[data-testid=gallery-refresh]")!.ClickAsync(new MouseEventArgs()));

        page.WaitForAssertion(() => Assert.Equal(5, block().QuerySelectorAll(".il-gallery .il-card").Length), Patience);
        Assert.Empty(block().QuerySelectorAll("[data-testid=gallery-waits]"));
    }

    [Fact]
    public async Task A_step_opened_directly_makes_what_its_gallery_needs_before_the_gallery_runs()
    {
        // Lab 5's embedding step reads img_vec and img_raw, made by exercises of earlier steps: in a fresh sandbox its
        // setup makes them first (this showed "relation img_vec does not exist" before).
        var (step, gallery) = GalleryStep("similar-images", "embedding-gallery");
        var learner = await fixture.NewLearnerAsync();
        await using var ctx = fixture.CreateContext(learner);

        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, "similar-images").Add(x => x.StepNumber, step));

        var block = () => page.Find($"[data-testid=special-block][data-block-id={gallery.Id}] [data-testid=gallery-block]");
        page.WaitForAssertion(() => Assert.NotEmpty(block().QuerySelectorAll(".il-gallery .il-card")), Patience);
        Assert.Empty(page.FindAll(".il-run-error, .il-error, [data-testid=gallery-waits]"));
        var setup = page.Find("[data-testid=sql-cell][data-kind=Setup]");
        Assert.Contains("Made for you", setup.TextContent);
    }
}
