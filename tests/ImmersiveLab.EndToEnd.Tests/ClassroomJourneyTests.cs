using System.Text.RegularExpressions;
using ImmersiveLab.Classroom;
using ImmersiveLab.Labs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static ImmersiveLab.EndToEnd.Tests.ClassroomDriver;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>
/// An instructor and learners in real browsers: sign in with the token, create a class, learners on "other machines"
/// join with the code, the dashboard follows them, the instructor sends the class to a step and locks a lab.
/// </summary>
[Collection(nameof(LabAppCollection))]
public sealed class ClassroomJourneyTests(LabAppFixture app)
{
    private const string Lab = "welcome";
    private static int StepOf(string cellId) => LabCellDriver.StepOfCell(Lab, cellId);

    private async Task<IPage> SignedInInstructorAsync()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/instructor");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/instructor/login"));
        var token = await app.Services.GetRequiredService<InstructorToken>().GetAsync(CancellationToken.None);
        await page.GetByTestId("instructor-token").FillAsync("wrong-token-123");
        await page.GetByTestId("instructor-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("instructor-login-error")).ToBeVisibleAsync();
        await page.GetByTestId("instructor-token").FillAsync(token);
        await page.GetByTestId("instructor-submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/instructor$"));
        await InteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task An_instructor_runs_a_class_that_learners_join_from_other_machines()
    {
        var code = NewCode();
        var instructor = await SignedInInstructorAsync();
        await Input(instructor, "new-class-name").FillAsync("Lesson 21 demo");
        await Input(instructor, "new-class-code").FillAsync(code);
        await instructor.GetByTestId("create-class").ClickAsync();
        await Assertions.Expect(instructor.GetByTestId("class-code")).ToHaveTextAsync(code, new() { Timeout = 30_000 });
        await Assertions.Expect(instructor.GetByTestId("no-learners")).ToBeVisibleAsync();
        await InteractiveAsync(instructor);

        // A learner on another machine is sent to /join, joins, and runs a cell.
        var (lin, linCode) = await JoinWithResumeCodeAsync(app, code, "Lin");
        // Lin's sandbox is made in the background right after joining, before any Run.
        var provisioner = app.Services.GetRequiredService<ImmersiveLab.Sandbox.Provisioning.SandboxProvisioner>();
        var classId = Guid.Parse(ClassIdOf(instructor));
        for (var i = 0; i < 600 && (await provisioner.ListAsync(classId, CancellationToken.None)).All(s => s.LearnerName != "Lin"); i++)
            await Task.Delay(100);
        Assert.Contains(await provisioner.ListAsync(classId, CancellationToken.None), s => s.LearnerName == "Lin");
        await lin.GotoAsync($"/labs/{Lab}/{StepOf("edit-me")}");
        var cell = lin.Locator("[data-testid=sql-cell][data-cell-id='edit-me']");
        await Assertions.Expect(cell.Locator(".monaco-editor .view-lines")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await cell.GetByTestId("run-cell").ClickAsync();
        await Assertions.Expect(cell.GetByTestId("cell-results")).ToContainTextAsync("42", new() { Timeout = 60_000 });

        // The dashboard follows the learner.
        var row = instructor.Locator("[data-testid=learner-row][data-learner='Lin']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-lab-id", Lab, new() { Timeout = 20_000 });
        await Assertions.Expect(row).ToHaveAttributeAsync("data-step", StepOf("edit-me").ToString());
        await Assertions.Expect(instructor.GetByTestId("learner-count")).ToContainTextAsync("1 /");

        // "Go to step 1" for everyone: the learner's page moves there.
        await instructor.GetByTestId("push-step").ClickAsync();
        await instructor.Locator(".mud-popover-open .mud-list-item").Nth(1).ClickAsync();
        await instructor.GetByTestId("push-step-button").ClickAsync();
        await Assertions.Expect(lin).ToHaveURLAsync(new Regex($"/labs/{Lab}/1$"), new() { Timeout = 20_000 });

        // Locking the lab closes it for the learner, live; unlocking opens it again.
        await instructor.Locator($"[data-testid=class-lab][data-lab-id={Lab}] input[type=checkbox]").ClickAsync();
        await Assertions.Expect(lin.GetByTestId("lab-locked")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(lin.Locator($"[data-lab-id={Lab}][data-locked=true]")).ToHaveCountAsync(1);
        await instructor.Locator($"[data-testid=class-lab][data-lab-id={Lab}] input[type=checkbox]").ClickAsync();
        await Assertions.Expect(lin.GetByTestId("lab-locked")).ToHaveCountAsync(0, new() { Timeout = 20_000 });

        // The same name, code and resume code from another browser is the same learner, with the same sandbox.
        await lin.GotoAsync($"/labs/{Lab}/{StepOf("edit-me")}");
        var again = await ResumeAsync(app, code, "Lin", linCode);
        await Assertions.Expect(instructor.GetByTestId("learner-count")).ToContainTextAsync("1 /", new() { Timeout = 10_000 });

        // A learner is not an instructor, and the CSV is the instructor's.
        await again.GotoAsync("/instructor");
        await Assertions.Expect(again).ToHaveURLAsync(new Regex("/instructor/login"));
        var learnerCsv = await again.Context.APIRequest.GetAsync($"/instructor/classes/{ClassIdOf(instructor)}/progress.csv",
            new() { MaxRedirects = 0 });
        Assert.NotEqual(200, learnerCsv.Status);
        var csv = await instructor.Context.APIRequest.GetAsync($"/instructor/classes/{ClassIdOf(instructor)}/progress.csv");
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"]);
        Assert.Contains("\nLin,", (await csv.TextAsync()).Replace("\r", ""));
        await app.ScreenshotAsync(instructor, "instructor-dashboard.png");
    }

    [Fact]
    public async Task Presenter_mode_shows_one_cell_at_a_time_in_large_type()
    {
        var page = await app.NewPageAsync();
        var step = StepOf("edit-me");
        await page.GotoAsync($"/labs/{Lab}/{step}");
        await InteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=sql-cell] .monaco-editor").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var cellsInStep = LabCellDriver.RepositoryLabs.Find(Lab)!.Document("en").Step(step)!.Blocks.Count(b => b is not MarkdownBlock);

        await page.GetByTestId("presenter-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("layout-root")).ToHaveAttributeAsync("data-presenter", "true");
        await Assertions.Expect(page.GetByTestId("lab-step")).ToHaveAttributeAsync("data-slides", cellsInStep.ToString());
        await Assertions.Expect(page.Locator("[data-testid=sql-cell], [data-testid=special-block]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".mud-drawer--open")).ToHaveCountAsync(0);
        var size = await page.Locator(".lab-markdown").First.EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.True(double.Parse(size.Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture) >= 22, size);

        if (cellsInStep > 1)
        {
            await page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 300 } });
            await page.Keyboard.PressAsync("PageDown");
            await Assertions.Expect(page.GetByTestId("lab-step")).ToHaveAttributeAsync("data-slide", "1");
            await page.GetByTestId("presenter-prev").ClickAsync();
            await Assertions.Expect(page.GetByTestId("lab-step")).ToHaveAttributeAsync("data-slide", "0");
        }
        await app.ScreenshotAsync(page, "presenter-mode.png");
        await page.GetByTestId("presenter-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("layout-root")).ToHaveAttributeAsync("data-presenter", "false");
    }

    private static string ClassIdOf(IPage dashboard) => new Uri(dashboard.Url).Segments[^1];
}
