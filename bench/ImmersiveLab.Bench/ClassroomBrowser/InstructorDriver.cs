using System.Text.RegularExpressions;
using ImmersiveLab.Labs;
using Microsoft.Playwright;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// The instructor in the UI: signs in with the token, creates the class (name, code, learner limit, its labs) and
/// keeps its dashboard open for the whole run, as in a real lesson (the dashboard's live updates are load too).
/// </summary>
public sealed class InstructorDriver(IPage page)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public IPage Page => page;

    public static async Task<InstructorDriver> SignInAsync(IBrowserContext context, string token)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/instructor/login");
        await page.GetByTestId("instructor-token").FillAsync(token);
        await page.GetByTestId("instructor-submit").ClickAsync();
        await page.WaitForURLAsync(new Regex("/instructor$"), new() { Timeout = Ms(Timeout) });
        await InteractiveAsync(page);
        return new InstructorDriver(page);
    }

    /// <summary>Creates the class and waits for its dashboard; returns the code learners join with.</summary>
    public async Task<string> CreateClassAsync(string name, string code, int maxLearners, IReadOnlyList<Lab> labs)
    {
        await Input("new-class-name").FillAsync(name);
        await Input("new-class-code").FillAsync(code);
        await Input("new-class-max").FillAsync(maxLearners.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await SelectLabsAsync(labs);
        await page.GetByTestId("create-class").ClickAsync();
        await Assertions.Expect(page.GetByTestId("class-code")).ToHaveTextAsync(code, new() { Timeout = Ms(Timeout) });
        await InteractiveAsync(page);
        var shown = await page.Locator("[data-testid=class-lab]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.labId)");
        if (!labs.Select(l => l.Id).Order().SequenceEqual(shown.Order()))
            throw new InvalidOperationException($"The class has the labs [{string.Join(", ", shown)}], not [{string.Join(", ", labs.Select(l => l.Id))}].");
        return code;
    }

    /// <summary>The dashboard's "learners / limit" figure.</summary>
    public Task<string> LearnerCountAsync() => page.GetByTestId("learner-count").InnerTextAsync();

    /// <summary>MudSelect with multiple selection: open it, tick each lab by its shown title, close it.</summary>
    private async Task SelectLabsAsync(IReadOnlyList<Lab> labs)
    {
        await page.Locator("[data-testid=new-class-labs]").First.ClickAsync();
        foreach (var lab in labs)
        {
            var title = $"{lab.Order:00} {lab.Title.Get("en")}";
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = title }).First.ClickAsync();
        }
        // A click on the page's overlay closes a multiple selection's list (Escape does not; the app bar is above the overlay).
        var heading = await page.GetByRole(AriaRole.Heading, new() { Name = "Classes" }).First.BoundingBoxAsync()
            ?? throw new InvalidOperationException("The instructor's page has no \"Classes\" heading.");
        await page.Mouse.ClickAsync(heading.X + heading.Width / 2, heading.Y + heading.Height / 2);
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>The input of a MudBlazor field, wherever the component puts its test id.</summary>
    private ILocator Input(string testId) => page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    /// <summary>The live circuit has taken over the prerendered page (before that, typing and clicks are lost).</summary>
    private static Task InteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-testid=layout-root][data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = Ms(Timeout) });

    private static float Ms(TimeSpan t) => (float)t.TotalMilliseconds;
}
