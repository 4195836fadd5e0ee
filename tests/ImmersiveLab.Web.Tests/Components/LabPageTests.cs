using Bunit;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Components.Pages;

namespace ImmersiveLab.Web.Tests.Components;

public sealed class LabPageTests
{
    [Fact]
    public async Task Each_step_of_each_lab_renders_with_its_title_and_neighbours()
    {
        await using var ctx = LabUiContext.Create(RepoPaths.Labs);
        foreach (var lab in ctx.Catalog().Labs)
        {
            var doc = lab.Document("en");
            for (var step = 1; step <= doc.Steps.Count; step++)
            {
                var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, lab.Id).Add(x => x.StepNumber, step));
                Assert.Equal(doc.Steps[step - 1].Title, page.Find("[data-testid=step-title]").TextContent.Trim());
                Assert.Equal(doc.Steps[step - 1].Cells.Count(), page.FindAll("[data-testid=sql-cell]").Count);
            }
        }
    }

    [Fact]
    public async Task An_unknown_lab_says_so()
    {
        await using var ctx = LabUiContext.Create(RepoPaths.Labs);
        var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, "no-such-lab"));
        Assert.Contains("no-such-lab", page.Find("[data-testid=lab-not-found]").TextContent);
    }
}
