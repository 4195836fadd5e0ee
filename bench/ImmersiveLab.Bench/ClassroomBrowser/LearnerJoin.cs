using System.Diagnostics;
using Microsoft.Playwright;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>A learner on another machine joins the class at /join with its code and a display name.</summary>
public static class LearnerJoin
{
    /// <summary>Opens /join, submits code and name, and waits until the class chip shows the name; records how long.</summary>
    public static async Task JoinAsync(IPage page, string code, LearnerRecord learner, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await page.GotoAsync("/join", new() { Timeout = (float)timeout.TotalMilliseconds });
            await page.GetByTestId("join-code").FillAsync(code);
            await page.GetByTestId("join-name").FillAsync(learner.Name);
            await page.GetByTestId("join-submit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("classroom-chip"))
                .ToContainTextAsync(learner.Name, new() { Timeout = (float)Math.Max(1, (timeout - clock.Elapsed).TotalMilliseconds) });
            learner.JoinMs = clock.Elapsed.TotalMilliseconds;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            learner.JoinError = FirstLine(e.Message);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0];
}
