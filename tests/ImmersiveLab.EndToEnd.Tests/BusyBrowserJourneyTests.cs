using Microsoft.Playwright;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>
/// A learner's browser that does nothing for a while (a weak laptop loading the SQL editor; in a class on few cores,
/// every browser at once) keeps its connection. With SignalR's default the server closed it after 30 s of silence, and
/// a Run clicked while the page reconnected went nowhere (seen in the classroom-browser benchmark: 16 of 1 300 runs).
/// </summary>
[Collection(nameof(LabAppCollection))]
public sealed class BusyBrowserJourneyTests(LabAppFixture app)
{
    private const int BusyMs = 40_000; // longer than SignalR's default client timeout (30 s)

    [Fact]
    public async Task A_page_busy_for_forty_seconds_keeps_its_connection_and_runs_the_next_cell()
    {
        var code = await ClassroomDriver.CreateClassAsync(app, "Busy browser", ["welcome"]);
        var page = await ClassroomDriver.JoinAsync(app, code, "busy-laptop");
        var disconnects = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error" && m.Text.Contains("disconnected", StringComparison.OrdinalIgnoreCase)) disconnects.Add(m.Text); };
        await page.GotoAsync("/labs/welcome/1");
        var cell = page.Locator("[data-testid=sql-cell][data-cell-id=hello]");
        await Assertions.Expect(cell.Locator("[data-testid=sql-editor][data-keys-ready=true] .view-lines")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // Every state the reconnect banner goes through from here on.
        await page.EvaluateAsync("""
            () => {
              const banner = document.getElementById('components-reconnect-modal');
              window.bannerStates = [];
              new MutationObserver(() => window.bannerStates.push(banner.dataset.state)).observe(banner, { attributes: true, attributeFilter: ['data-state'] });
            }
            """);

        await page.EvaluateAsync($"() => {{ const end = Date.now() + {BusyMs}; while (Date.now() < end) {{ }} }}");
        await page.WaitForTimeoutAsync(3_000); // what was queued while the page was busy has its turn

        await cell.GetByTestId("run-cell").ClickAsync();
        await Assertions.Expect(cell.GetByTestId("cell-results")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Empty(disconnects);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.bannerStates"));
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }
}
