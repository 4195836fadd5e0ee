using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static ImmersiveLab.BrowserSupport.LabCellDriver;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>
/// The SQL editor knows the learner's sandbox: a table made a moment ago is offered after FROM and picked with the
/// mouse, columns follow an alias, a function shows its parameters while typing, a distance operator explains itself on
/// hover; the learner can turn it all off and on; it speaks Chinese and works in presenter mode.
/// </summary>
[Collection(nameof(LabAppCollection))]
public sealed class SqlAssistJourneyTests(LabAppFixture app)
{
    private const string Lab = "welcome";
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 20_000 };

    private static ILocator Suggestion(IPage page, string label) =>
        page.Locator(".suggest-widget .monaco-list-row").Filter(new() { Has = page.Locator(".label-name", new() { HasTextRegex = new Regex($"^{Regex.Escape(label)}$") }) });

    [Fact]
    public async Task A_learner_creates_a_table_and_picks_it_from_the_list_in_the_next_cell()
    {
        var page = await app.NewPageAsync();
        var failuresBefore = app.Failures.Mark();
        await page.GotoAsync($"/labs/{Lab}/{StepOfCell(Lab, "edit-me")}");

        await TypeAndRunAsync(page, "edit-me", "CREATE TABLE img_raw (id int PRIMARY KEY, name text, data bytea);");
        await Assertions.Expect(Cell(page, "edit-me").GetByTestId("cell-results")).ToContainTextAsync("CREATE TABLE", new() { Timeout = 60_000 });

        // The next cell: typing "SELECT * FROM i" opens the list with the new table; a click picks it; it runs.
        var several = await EditorAsync(page, "several");
        await ReplaceTextAsync(page, several, "");
        await page.Keyboard.TypeAsync("SELECT * FROM i", new() { Delay = 30 });
        var imgRaw = Suggestion(page, "img_raw");
        await Assertions.Expect(imgRaw).ToBeVisibleAsync(Soon);
        await imgRaw.ClickAsync();
        await Assertions.Expect(Cell(page, "several").Locator(".view-lines")).ToContainTextAsync("SELECT * FROM img_raw");
        await page.Keyboard.PressAsync("Control+Enter");
        var results = Cell(page, "several").GetByTestId("cell-results");
        await Assertions.Expect(results.Locator("table")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(results.Locator("th", new() { HasTextString = "name" })).ToHaveCountAsync(1);
        await app.ScreenshotAsync(page, "sql-assist-completion.png");

        // Columns after an alias, with their types.
        await ReplaceTextAsync(page, several, "SELECT  FROM img_raw r;");
        await page.Keyboard.PressAsync("Home");
        for (var i = 0; i < "SELECT ".Length; i++) await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.TypeAsync("r.");
        await Assertions.Expect(Suggestion(page, "name")).ToBeVisibleAsync(Soon);
        await Assertions.Expect(Suggestion(page, "data")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");

        // Signature help while typing a function's arguments.
        await ReplaceTextAsync(page, several, "SELECT l2_distance");
        await page.Keyboard.TypeAsync("(");
        await Assertions.Expect(page.Locator(".parameter-hints-widget")).ToContainTextAsync("l2_distance(vector, vector)", new() { Timeout = 20_000 });
        await page.Keyboard.PressAsync("Escape");

        // Hover over a distance operator (Ctrl+K Ctrl+I: the keyboard's hover).
        await HoverAtAsync(page, several, "SELECT '[1,2]'::vector <=> '[2,1]';", "<=>");
        await Assertions.Expect(page.Locator(".monaco-hover:not(.hidden)")).ToContainTextAsync("Cosine distance", new() { Timeout = 20_000 });

        Assert.Empty(app.Failures.Since(failuresBefore));
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_learner_turns_the_suggestions_off_and_on_and_the_choice_stays_after_a_reload()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/labs/{Lab}/{StepOfCell(Lab, "several")}");
        var several = await EditorAsync(page, "several");
        var toggle = page.GetByTestId("sql-assist-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-on", "true", new() { Timeout = 20_000 });

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-on", "false");
        await ReplaceTextAsync(page, several, "SELECT l2_dist");
        await page.Keyboard.PressAsync("Control+Space");
        await page.WaitForTimeoutAsync(2_000); // the help would have answered by now (it does below within this time)
        await Assertions.Expect(Suggestion(page, "l2_distance")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");

        await page.ReloadAsync();
        several = await EditorAsync(page, "several");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-on", "false", new() { Timeout = 20_000 });
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-on", "true");
        await ReplaceTextAsync(page, several, "SELECT l2_dist");
        await page.Keyboard.PressAsync("Control+Space");
        await Assertions.Expect(Suggestion(page, "l2_distance")).ToBeVisibleAsync(Soon);
    }

    [Fact]
    public async Task In_chinese_and_in_presenter_mode_the_help_speaks_chinese()
    {
        var page = await app.NewPageAsync();
        var failuresBefore = app.Failures.Mark();
        var step = StepOfCell(Lab, "edit-me");
        await page.GotoAsync($"/labs/{Lab}/{step}");
        await EditorAsync(page, "edit-me");
        await page.GetByTestId("language-switch").Locator("button").ClickAsync();
        await page.GetByTestId("lang-zh").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh");

        await EditorAsync(page, "edit-me");
        await page.GetByTestId("presenter-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("layout-root")).ToHaveAttributeAsync("data-presenter", "true");
        for (var slide = 0; slide < 5 && await Cell(page, "edit-me").CountAsync() == 0; slide++)
            await page.GetByTestId("presenter-next").ClickAsync();
        var editMe = await EditorAsync(page, "edit-me");

        await HoverAtAsync(page, editMe, "SELECT '[1,2]'::vector <=> '[2,1]';", "<=>");
        await Assertions.Expect(page.Locator(".monaco-hover:not(.hidden)")).ToContainTextAsync("余弦距离", new() { Timeout = 20_000 });
        await page.Keyboard.PressAsync("Escape");
        await ReplaceTextAsync(page, editMe, "SELECT vector_d");
        await page.Keyboard.PressAsync("Control+Space");
        await Assertions.Expect(Suggestion(page, "vector_dims")).ToBeVisibleAsync(Soon);
        await app.ScreenshotAsync(page, "sql-assist-presenter-zh.png");

        Assert.Empty(app.Failures.Since(failuresBefore));
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    /// <summary>Replaces the text, puts the cursor inside <paramref name="token"/> and asks for the hover from the keyboard.</summary>
    private static async Task HoverAtAsync(IPage page, ILocator editor, string text, string token)
    {
        await ReplaceTextAsync(page, editor, text);
        await page.Keyboard.PressAsync("Home");
        for (var i = 0; i <= text.IndexOf(token, StringComparison.Ordinal); i++) await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("Control+K");
        await page.Keyboard.PressAsync("Control+I");
    }
}
