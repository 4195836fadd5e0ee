using System.Diagnostics;
using Microsoft.Playwright;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>Where a join's time went, in ms: /join loaded, the form posted and redirected, the class chip shown by the live page.</summary>
public sealed record JoinTimes(double PageMs, double SubmitMs, double ChipMs)
{
    public double TotalMs => PageMs + SubmitMs + ChipMs;
}

/// <summary>A learner on another machine joins the class at /join with its code and a display name.</summary>
public static class LearnerJoin
{
    /// <summary>Opens /join, submits code and name, and waits until the class chip shows the name; records how long.</summary>
    public static async Task JoinAsync(IPage page, string code, LearnerRecord learner, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        float Left() => (float)Math.Max(1, (timeout - clock.Elapsed).TotalMilliseconds);
        try
        {
            await page.GotoAsync("/join", new() { Timeout = Left() });
            var page1 = clock.Elapsed;
            await page.GetByTestId("join-code").FillAsync(code);
            await page.GetByTestId("join-name").FillAsync(learner.Name);
            await page.GetByTestId("join-submit").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/join", StringComparison.Ordinal), new() { Timeout = Left() });
            var submitted = clock.Elapsed;
            await Assertions.Expect(page.GetByTestId("classroom-chip")).ToContainTextAsync(learner.Name, new() { Timeout = Left() });
            learner.Join = new JoinTimes(page1.TotalMilliseconds, (submitted - page1).TotalMilliseconds, (clock.Elapsed - submitted).TotalMilliseconds);
        }
        catch (PlaywrightException e)
        {
            learner.JoinError = await RefusalAsync(page) ?? e.Message.Split('\n')[0];
        }
    }

    /// <summary>The join page's own message (class full, unknown code…), when it shows one.</summary>
    private static async Task<string?> RefusalAsync(IPage page)
    {
        try
        {
            var error = page.GetByTestId("join-error");
            return await error.CountAsync() > 0 ? "refused: " + await error.InnerTextAsync(new() { Timeout = 1000 }) : null;
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }
}
