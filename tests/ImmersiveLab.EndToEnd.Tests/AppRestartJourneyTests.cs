using System.Security.Cryptography;
using ImmersiveLab.BrowserSupport.App;
using ImmersiveLab.TestSupport;
using Microsoft.Playwright;
using static ImmersiveLab.BrowserSupport.LabCellDriver;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>
/// The app dies mid-lab (SIGKILL, as a crash or the OOM killer) and is started again on the same port and data: the
/// learner's page waits, then comes back by itself on the same lab and step, with the SQL they ran, the text they
/// typed just before the crash and their progress. The app runs as its own process here, not inside the test.
/// </summary>
public sealed class AppRestartJourneyTests : IAsyncLifetime
{
    private const string Lab = "welcome";
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _logs = new();
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await LabChromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _logs.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_learner_is_back_on_their_step_with_their_edits_and_progress_after_the_app_is_killed_and_restarted()
    {
        var step = StepOfCell(Lab, "edit-me");
        Assert.Equal(step, StepOfCell(Lab, "several")); // two cells of one step: one run, one only typed

        await using var first = await StartAppAsync("first.log", port: 0);
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = first.BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/labs/{Lab}/{step}");

        // Run an edited cell: the server has its text and the run in the learner's progress.
        await TypeAndRunAsync(page, "edit-me", "SELECT 42 AS answer, 'before the crash' AS note;");
        await Assertions.Expect(Cell(page, "edit-me").GetByTestId("cell-results")).ToContainTextAsync("before the crash", new() { Timeout = 60_000 });
        // Type into another cell and let the app die before the editor reports the text: only the browser has it.
        await ReplaceTextAsync(page, await EditorAsync(page, "several"), "SELECT 'typed, never sent' AS draft;");
        await page.EvaluateAsync("() => window.pageBeforeTheCrash = true"); // gone once the page has reloaded
        await first.KillAsync();

        await Assertions.Expect(page.Locator("#components-reconnect-modal")).Not.ToHaveAttributeAsync("data-state", "hidden", new() { Timeout = 30_000 });
        // Meanwhile a click could not reach the server: the lab is greyed out and takes none.
        await Assertions.Expect(page.Locator(".mud-main-content")).ToHaveJSPropertyAsync("inert", true);
        await using var second = await StartAppAsync("second.log", first.Port);

        // The page reconnects, finds its circuit gone with the old process, and reloads itself onto the same step.
        await page.WaitForFunctionAsync("() => !window.pageBeforeTheCrash", null, new() { Timeout = 90_000 });
        Assert.EndsWith($"/labs/{Lab}/{step}", page.Url);
        await EditorAsync(page, "edit-me");
        await Assertions.Expect(Cell(page, "edit-me").Locator(".view-lines")).ToContainTextAsync("before the crash");
        await Assertions.Expect(Cell(page, "several").Locator(".view-lines")).ToContainTextAsync("typed, never sent");

        // The result itself lived in the old process: the cell says it ran before and runs again on request.
        var ranBefore = Cell(page, "edit-me").GetByTestId("cell-ran-before");
        await Assertions.Expect(ranBefore).ToBeVisibleAsync();
        await ranBefore.GetByTestId("rerun-cell").ClickAsync();
        await Assertions.Expect(Cell(page, "edit-me").GetByTestId("cell-results")).ToContainTextAsync("before the crash", new() { Timeout = 60_000 });

        // The restored draft is an ordinary edit: run it and it is the server's text from now on.
        await EditorAsync(page, "several");
        await Cell(page, "several").Locator(".view-lines").ClickAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(Cell(page, "several").GetByTestId("cell-results")).ToContainTextAsync("typed, never sent", new() { Timeout = 60_000 });
        await page.ReloadAsync();
        await EditorAsync(page, "several");
        await Assertions.Expect(Cell(page, "several").Locator(".view-lines")).ToContainTextAsync("typed, never sent");

        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        Assert.Equal(0, second.Log.CircuitsDied);
        Assert.Empty(second.Log.ErrorsByCategory);
    }

    private Task<LabAppProcess> StartAppAsync(string log, int port) =>
        LabAppProcess.StartAsync(new LabAppProcessOptions(
            LabAppProcess.BuildOutput(), RepoPaths.Root, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), Path.Combine(_logs.Path, log),
            DataDirectory: _data.Path, Port: port,
            Environment: new Dictionary<string, string>
            {
                ["Database__EmbeddedSettings__fsync"] = "off",
                ["Database__EmbeddedSettings__shared_buffers"] = "128MB",
            }), CancellationToken.None);
}
