using System.Text.RegularExpressions;
using ImmersiveLab.Classroom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>What instructors and learners of a class do in the browser: join with a code, wait for the live page.</summary>
internal static class ClassroomDriver
{
    /// <summary>A class code as an instructor would choose it (only the unambiguous letters and digits).</summary>
    public static string NewCode() => "E2E-" + ClassCode.Generate();

    /// <summary>A class with these labs, created as the instructor's dashboard does (through the class store).</summary>
    public static async Task<string> CreateClassAsync(LabAppFixture app, string name, IReadOnlyList<string> labs, int maxLearners = 100)
    {
        var code = NewCode();
        var store = app.Services.GetRequiredService<ClassStore>();
        await store.CreateAsync(new NewClass(name, code, labs, maxLearners), CancellationToken.None);
        return code;
    }

    /// <summary>A learner on another machine of the classroom joins at /join with the class code and a name.</summary>
    public static async Task<IPage> JoinAsync(LabAppFixture app, string code, string name) => (await JoinWithResumeCodeAsync(app, code, name)).Page;

    /// <summary>
    /// A first join: the learner lands on the welcome page, which shows their resume code (returned) and their class
    /// chip; they stay there (callers go to a lab page next).
    /// </summary>
    public static async Task<(IPage Page, string ResumeCode)> JoinWithResumeCodeAsync(LabAppFixture app, string code, string name)
    {
        var page = await app.NewPageAsync(remote: true);
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/join"));
        await SubmitJoinAsync(page, code, name, null);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/welcome"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("classroom-chip")).ToContainTextAsync(name, new() { Timeout = 30_000 });
        var resumeCode = (await page.GetByTestId("resume-code").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", resumeCode);
        return (page, resumeCode);
    }

    /// <summary>The same learner from another browser: name and resume code.</summary>
    public static async Task<IPage> ResumeAsync(LabAppFixture app, string code, string name, string resumeCode)
    {
        var page = await app.NewPageAsync(remote: true);
        await page.GotoAsync("/join");
        await SubmitJoinAsync(page, code, name, resumeCode);
        await Assertions.Expect(page.GetByTestId("classroom-chip")).ToContainTextAsync(name, new() { Timeout = 30_000 });
        return page;
    }

    /// <summary>Fills and sends the join form (the resume code only when given).</summary>
    public static async Task SubmitJoinAsync(IPage page, string code, string name, string? resumeCode)
    {
        await page.GetByTestId("join-code").FillAsync(code.ToLowerInvariant());
        await page.GetByTestId("join-name").FillAsync(name);
        await page.GetByTestId("join-resume-code").FillAsync(resumeCode ?? "");
        await page.GetByTestId("join-submit").ClickAsync();
    }

    /// <summary>The page's circuit is live (prerendered HTML is not interactive).</summary>
    public static Task InteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-testid=layout-root][data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

    /// <summary>The input of a MudBlazor text field, wherever the component puts its test id.</summary>
    public static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
}
