using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>
/// "Everyone, go to step 6": a class's learners, each in a browser of their own, switch to the same step at the same
/// instant, again and again, in two labs. Every page must survive with every cell's editor up: no Blazor error bar,
/// no block or page failing in place, and no unhandled circuit exception in the app's log.
/// (Before the editor owned its JS lifecycle, 6 learners doing this lost about 4 pages.)
/// </summary>
[Collection(nameof(LabAppCollection))]
public sealed class SimultaneousStepSwitchTests(LabAppFixture app, ITestOutputHelper output)
{
    private const int Learners = 6;

    public static TheoryData<string, int[]> Journeys => new()
    {
        { "similar-images", [6, 7, 5, 6, 8, 2, 6] },
        { "welcome", [1, 2, 3, 1, 4, 2] },
    };

    [Theory]
    [MemberData(nameof(Journeys))]
    public async Task Learners_switching_to_the_same_step_at_once_all_keep_their_page(string lab, int[] steps)
    {
        var code = await ClassroomDriver.CreateClassAsync(app, $"Same step at once ({lab})", [lab]);
        var failuresBefore = app.Failures.Mark();
        var pages = new List<IPage>();
        try
        {
            // Joining is not what this test is about: one after the other, so a slow machine cannot fail it there.
            for (var i = 1; i <= Learners; i++) pages.Add(await ClassroomDriver.JoinAsync(app, code, $"{lab}-learner-{i}"));
            await Task.WhenAll(pages.Select(p => p.GotoAsync($"/labs/{lab}/{steps[0]}")));
            await Task.WhenAll(pages.Select(p => AllEditorsReadyAsync(p, lab, steps[0])));

            foreach (var step in steps.Skip(1))
            {
                await ClickAllAtOnceAsync(pages, $"[data-testid=step-progress] [data-step='{step}']");
                await Task.WhenAll(pages.Select(p => AllEditorsReadyAsync(p, lab, step)));
                foreach (var page in pages) await AssertAliveAsync(page);
                Assert.Empty(app.Failures.Since(failuresBefore));
            }
        }
        finally
        {
            foreach (var line in app.Failures.Since(failuresBefore)) output.WriteLine(line);
            await Task.WhenAll(pages.Select(p => p.Context.CloseAsync()));
        }
    }

    /// <summary>Every page clicks at the same wall-clock millisecond (scheduled in each browser), as a class does on cue.</summary>
    private static async Task ClickAllAtOnceAsync(IReadOnlyList<IPage> pages, string selector)
    {
        var at = DateTimeOffset.UtcNow.AddMilliseconds(400).ToUnixTimeMilliseconds();
        await Task.WhenAll(pages.Select(p => p.EvaluateAsync(
            "([selector, at]) => setTimeout(() => document.querySelector(selector).click(), Math.max(0, at - Date.now()))",
            new object[] { selector, at })));
    }

    private static async Task AllEditorsReadyAsync(IPage page, string lab, int step)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/labs/{lab}/{step}$"), new() { Timeout = 30_000 });
        var cells = LabCellDriver.RepositoryLabs.Find(lab)!.Document("en").Step(step)!.Cells.Count();
        await Assertions.Expect(page.Locator("[data-testid=sql-cell]")).ToHaveCountAsync(cells, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=sql-editor][data-keys-ready=true] .view-lines"))
            .ToHaveCountAsync(cells, new() { Timeout = 60_000 });
        await AssertAliveAsync(page);
    }

    private static async Task AssertAliveAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-testid=block-failed], [data-testid=page-failed], [data-testid=sql-editor-failed]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=layout-root][data-interactive=true]")).ToHaveCountAsync(1);
    }
}
