using System.Text.Json;
using Microsoft.Playwright;

namespace ImmersiveLab.EndToEnd.Tests;

[Collection(nameof(LabAppCollection))]
public sealed class ShellJourneyTests(LabAppFixture app)
{
    [Fact]
    public async Task The_home_page_loads_and_the_navigation_opens_a_lab()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("home-intro")).ToBeVisibleAsync();
        var firstLab = page.Locator("[data-testid=lab-nav] [data-lab-id]").First;
        var labId = await firstLab.GetAttributeAsync("data-lab-id");

        await firstLab.ClickAsync();

        await page.WaitForURLAsync($"**/labs/{labId}");
        await Assertions.Expect(page.GetByTestId("lab-title")).ToBeVisibleAsync();
        await page.GetByTestId("next-step").ClickAsync();
        await page.WaitForURLAsync($"**/labs/{labId}/1");
        await Assertions.Expect(page.GetByTestId("step-title")).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "lab-step.png");
    }

    [Fact]
    public async Task The_language_switch_keeps_the_learner_on_the_same_step()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        var labId = await page.Locator("[data-testid=lab-nav] [data-lab-id]").First.GetAttributeAsync("data-lab-id");
        await page.GotoAsync($"/labs/{labId}/1");
        await Assertions.Expect(page.GetByTestId("step-title")).ToBeVisibleAsync();
        // The menu only works once the interactive circuit is up (and the app bar has its live buttons).
        await Assertions.Expect(page.GetByTestId("layout-root")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("sql-assist-pending")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await page.GetByTestId("language-switch").Locator("button").ClickAsync();
        await page.GetByTestId("lang-zh").ClickAsync();

        await page.WaitForURLAsync($"**/labs/{labId}/1");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh");
        await Assertions.Expect(page.GetByTestId("next-step")).ToContainTextAsync("下一步");
    }

    [Fact]
    public async Task Health_reports_postgres_and_pgvector()
    {
        var page = await app.NewPageAsync();
        var response = await page.APIRequest.GetAsync("/health");
        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(await response.TextAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("embedded", json.RootElement.GetProperty("postgres").GetProperty("mode").GetString());
        Assert.True(Version.Parse(json.RootElement.GetProperty("pgvector").GetString()!) >= new Version(0, 8));
        // The model committed in the repository's models/ folder, used where it is.
        var model = json.RootElement.GetProperty("model");
        Assert.True(model.GetProperty("available").GetBoolean(), model.ToString());
        Assert.Contains(model.GetProperty("source").GetString(), new[] { "repository", "downloaded", "copied-from-folder", "placed-by-hand" });
    }

    [Fact]
    public async Task An_unknown_address_gets_a_friendly_page_not_a_stack_trace()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/definitely/not/here");
        Assert.Equal(404, response!.Status);
        // Once the interactive circuit is up, the router renders the page again: it must still be the friendly one.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Assertions.Expect(page.GetByText("Page not found")).ToBeVisibleAsync();
        var text = await page.ContentAsync();
        Assert.Contains("Page not found", text);
        Assert.DoesNotContain("Exception", text);
    }

    [Theory]
    [InlineData("/samples/../ImmersiveLab.sln")]
    [InlineData("/samples/%2e%2e/run.sh")]
    [InlineData("/labs/welcome/assets/../../../run.sh")]
    [InlineData("/labs/welcome/assets/en.md")]
    public async Task Asset_endpoints_serve_only_images_inside_their_folders(string url)
    {
        var page = await app.NewPageAsync();
        var response = await page.APIRequest.GetAsync(url);
        Assert.Equal(404, response.Status);
    }
}
