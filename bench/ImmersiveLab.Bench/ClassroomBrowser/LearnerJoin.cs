using System.Diagnostics;
using Microsoft.Playwright;

namespace ImmersiveLab.Bench.ClassroomBrowser;

/// <summary>
/// Where a join's time went, in ms, from the browser's Navigation Timing: /join's first byte (server) and loaded; the
/// form post, its redirect and the class page's first byte (server); until the live page shows the class chip.
/// <see cref="WallMs"/> is the bench's own clock around it all (typing and Playwright's round trips included).
/// </summary>
public sealed record JoinTimes(double PageFirstByteMs, double PageLoadedMs, double SubmitFirstByteMs, double SubmitToLiveMs, double WallMs)
{
    /// <summary>What the learner waits: /join loaded, then from pressing Join until the class shows.</summary>
    public double WaitedMs => PageLoadedMs + SubmitToLiveMs;
    /// <summary>The server's part: both first bytes (the post's includes the redirect).</summary>
    public double ServerMs => PageFirstByteMs + SubmitFirstByteMs;
}

/// <summary>A learner on another machine joins the class at /join with its code and a display name.</summary>
public static class LearnerJoin
{
    private const string Navigation = "() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseStart, n.loadEventEnd]; }";

    /// <summary>After the post: polls for the chip with the name; times since the post's navigation started.</summary>
    private const string WaitForClass = """
        async ({ name, timeoutMs }) => {
          for (;;) {
            const chip = document.querySelector('[data-testid=classroom-chip]');
            if (chip && chip.textContent.includes(name)) break;
            if (performance.now() > timeoutMs) return null;
            await new Promise(r => setTimeout(r, 25));
          }
          const n = performance.getEntriesByType('navigation')[0];
          return [n.responseStart, performance.now()];
        }
        """;

    /// <summary>Opens /join, submits code and name, and waits until the live page shows the class; records how long.</summary>
    public static async Task JoinAsync(IPage page, string code, LearnerRecord learner, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        float Left() => (float)Math.Max(1, (timeout - clock.Elapsed).TotalMilliseconds);
        try
        {
            await page.GotoAsync("/join", new() { Timeout = Left() });
            var joinPage = await page.EvaluateAsync<double[]>(Navigation);
            await page.GetByTestId("join-code").FillAsync(code);
            await page.GetByTestId("join-name").FillAsync(learner.Name);
            await page.GetByTestId("join-submit").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/join", StringComparison.Ordinal), new() { Timeout = Left() });
            var classPage = await page.EvaluateAsync<double[]?>(WaitForClass, new { name = learner.Name, timeoutMs = Left() });
            if (classPage is null)
            {
                learner.JoinError = "the class chip never showed the learner's name";
                return;
            }
            learner.Join = new JoinTimes(joinPage[0], joinPage[1], classPage[0], classPage[1], clock.Elapsed.TotalMilliseconds);
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
