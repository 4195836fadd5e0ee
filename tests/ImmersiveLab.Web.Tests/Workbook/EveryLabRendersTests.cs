using Bunit;
using ImmersiveLab.Labs;
using ImmersiveLab.TestSupport;
using ImmersiveLab.Web.Components.Pages;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImmersiveLab.Web.Tests.Workbook;

/// <summary>Every step of every lab in labs/ renders with the workbook, in English and in Chinese: one case per lab and language.</summary>
[Collection(nameof(WorkbookUiCollection))]
public sealed class EveryLabRendersTests(WorkbookUiFixture fixture)
{
    public static TheoryData<string, string> LabsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        var labs = new LabLoader(new LabValidator(RepoPaths.SampleImages), NullLogger<LabLoader>.Instance).LoadAll(RepoPaths.Labs).Labs;
        foreach (var lab in labs)
            foreach (var language in LabLanguages.All)
                data.Add(lab.Id, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(LabsAndLanguages))]
    public async Task Every_step_renders_its_cells_editors_and_exercises(string labId, string language)
    {
        var learner = await fixture.NewLearnerAsync();
        await WorkbookUiFixture.InLanguageAsync(language, async () =>
        {
            await using var ctx = fixture.CreateContext(learner);
            var lab = fixture.Get<ILabCatalog>().Find(labId)!;
            var doc = lab.Document(language);

            for (var number = 0; number <= doc.Steps.Count; number++)
            {
                var page = ctx.Render<LabPage>(p => p.Add(x => x.LabId, labId).Add(x => x.StepNumber, number));
                var step = number == 0 ? doc.Intro : doc.Steps[number - 1];
                page.WaitForElement("[data-testid=workbook-toolbar]", TimeSpan.FromSeconds(30));

                Assert.Equal(lab.Title.Get(language), page.Find("[data-testid=lab-title]").TextContent.Trim());
                Assert.Equal(doc.Language != language, page.FindAll("[data-testid=language-note]").Count == 1);
                if (number > 0) Assert.Equal(step.Title, page.Find("[data-testid=step-title]").TextContent.Trim());
                Assert.Equal(step.Cells.Count(), page.FindAll("[data-testid=sql-cell]").Count);
                Assert.Equal(step.Cells.Count(), page.FindAll("[data-testid=sql-editor]").Count);
                Assert.Equal(step.Cells.Count(c => c.Kind == SqlCellKind.Exercise), page.FindAll("[data-testid=exercise]").Count);
                Assert.Equal(step.SpecialBlocks.Count(), page.FindAll("[data-testid=special-block]").Count);
                if (step.Cells.Any())
                    Assert.Equal(language == "zh" ? "运行" : "Run", page.Find("[data-testid=run-cell]").TextContent.Trim());
            }
        });
    }

    [Fact]
    public void The_repository_has_labs_to_render()
    {
        Assert.True(LabsAndLanguages().Count >= 2);
    }
}
