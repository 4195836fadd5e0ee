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

    /// <summary>
    /// The editor's answer to a request for suggestions, once every provider gave theirs: a list, or Monaco's message
    /// that there is none (not its "Loading...").
    /// </summary>
    private static ILocator SuggestAnswered(IPage page)
    {
        var widget = page.Locator(".suggest-widget");
        return widget.Locator(".monaco-list-row").Or(widget.Locator(".message", new() { HasTextString = "No suggestions" }))
            .Filter(new() { Visible = true }).First;
    }

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
        var imgRaw = await SuggestedAsync(page, "img_raw");
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
        await SuggestedAsync(page, "name");
        await Assertions.Expect(Suggestion(page, "data")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");

        // Signature help while typing a function's arguments.
        await ReplaceTextAsync(page, several, "SELECT l2_distance");
        await page.Keyboard.TypeAsync("(");
        await Assertions.Expect(page.Locator(".parameter-hints-widget")).ToContainTextAsync("l2_distance(vector, vector)", new() { Timeout = 20_000 });
        await page.Keyboard.PressAsync("Escape");

        // Hover over a distance operator (Ctrl+K Ctrl+I: the keyboard's hover).
        await HoverAtAsync(page, several, "SELECT '[1,2]'::vector <=> '[2,1]';", "<=>");
        var hover = page.Locator(".monaco-hover:not(.hidden)");
        await Assertions.Expect(hover).ToContainTextAsync("Cosine distance", new() { Timeout = 20_000 });
        // The lab that teaches it, as a link Monaco can open (the server's path made absolute).
        var lesson = hover.Locator("a").First;
        var href = await lesson.GetAttributeAsync("data-href") ?? await lesson.GetAttributeAsync("href");
        Assert.StartsWith(app.BaseUrl.TrimEnd('/') + "/labs/", href);

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
        await Assertions.Expect(SuggestAnswered(page)).ToBeVisibleAsync(Soon); // the help had its turn in this answer
        await Assertions.Expect(Suggestion(page, "l2_distance")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");

        await page.ReloadAsync();
        several = await EditorAsync(page, "several");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-on", "false", new() { Timeout = 20_000 });
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("data-on", "true");
        await ReplaceTextAsync(page, several, "SELECT l2_dist");
        await page.Keyboard.PressAsync("Control+Space");
        await SuggestedAsync(page, "l2_distance");
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
        // One cell per slide: forward to the editable one, a slide at a time (each click waits for its slide).
        var lab = page.GetByTestId("lab-step");
        for (var slide = 0; slide < 5 && await Cell(page, "edit-me").CountAsync() == 0; slide++)
        {
            var current = await lab.GetAttributeAsync("data-slide") ?? "";
            await page.GetByTestId("presenter-next").ClickAsync();
            await Assertions.Expect(lab).Not.ToHaveAttributeAsync("data-slide", current);
        }
        var editMe = await EditorAsync(page, "edit-me");

        await HoverAtAsync(page, editMe, "SELECT '[1,2]'::vector <=> '[2,1]';", "<=>");
        await Assertions.Expect(page.Locator(".monaco-hover:not(.hidden)")).ToContainTextAsync("余弦距离", new() { Timeout = 20_000 });
        await page.Keyboard.PressAsync("Escape");
        await ReplaceTextAsync(page, editMe, "SELECT vector_d");
        await page.Keyboard.PressAsync("Control+Space");
        await SuggestedAsync(page, "vector_dims");
        await app.ScreenshotAsync(page, "sql-assist-presenter-zh.png");

        Assert.Empty(app.Failures.Since(failuresBefore));
        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    /// <summary>
    /// Waits for <paramref name="label"/> in the list. A list that came while the learner's catalog was still being read
    /// says it is incomplete and is asked again on the next key; with no next key the learner presses Ctrl+Space again.
    /// </summary>
    private static async Task<ILocator> SuggestedAsync(IPage page, string label)
    {
        var item = Suggestion(page, label);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            try
            {
                await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = 5_000 });
                return item;
            }
            catch (PlaywrightException)
            {
                await page.Keyboard.PressAsync("Escape");
                await page.Keyboard.PressAsync("Control+Space");
            }
        }
        await Assertions.Expect(item).ToBeVisibleAsync(Soon);
        return item;
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
