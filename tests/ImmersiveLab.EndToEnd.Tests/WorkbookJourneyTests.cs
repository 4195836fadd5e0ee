using ImmersiveLab.Labs;
using Microsoft.Playwright;
using static ImmersiveLab.BrowserSupport.LabCellDriver;

namespace ImmersiveLab.EndToEnd.Tests;

/// <summary>A learner works through the welcome lab in a real browser against the real app and its database.</summary>
[Collection(nameof(LabAppCollection))]
public sealed class WorkbookJourneyTests(LabAppFixture app)
{
    private const string Lab = "welcome";
    private static int StepOf(string cellId) => LabCellDriver.StepOfCell(Lab, cellId);

    [Fact]
    public async Task A_learner_runs_a_cell_solves_an_exercise_and_finds_the_progress_after_a_reload()
    {
        var page = await app.NewPageAsync();

        // Run a cell with Ctrl+Enter and see the result table.
        await page.GotoAsync($"/labs/{Lab}/{StepOf("edit-me")}");
        var editMe = await EditorAsync(page, "edit-me");
        await editMe.ClickAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        var results = Cell(page, "edit-me").GetByTestId("cell-results");
        await Assertions.Expect(results.Locator("table")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(results).ToContainTextAsync("answer");
        await Assertions.Expect(results).ToContainTextAsync("42");

        // Solve the exercise: a first try that fails the check, then the right SQL.
        await page.GotoAsync($"/labs/{Lab}/{StepOf("notes")}");
        var notes = await EditorAsync(page, "notes");
        var status = Cell(page, "notes").GetByTestId("exercise");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", "open");
        await ReplaceTextAsync(page, notes, "DROP TABLE IF EXISTS notes; CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes VALUES (1, 'one');");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", "failed", new() { Timeout = 60_000 });

        await ReplaceTextAsync(page, notes, "INSERT INTO notes VALUES (2, 'two'), (3, 'three');");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-status", "solved", new() { Timeout = 60_000 });
        await Assertions.Expect(status.GetByTestId("exercise-status")).ToContainTextAsync("Solved");
        await app.ScreenshotAsync(page, "workbook-exercise-solved.png");

        // Reload: the exercise is still done, the learner's SQL is still there, the navigation shows progress.
        await page.ReloadAsync();
        await EditorAsync(page, "notes");
        await Assertions.Expect(Cell(page, "notes").GetByTestId("exercise")).ToHaveAttributeAsync("data-status", "solved");
        await Assertions.Expect(Cell(page, "notes").Locator(".view-lines")).ToContainTextAsync("three");
        await Assertions.Expect(page.Locator($"[data-testid=nav-lab-progress][data-lab-id={Lab}]")).Not.ToHaveAttributeAsync("data-percent", "0");
        await Assertions.Expect(page.GetByTestId("lab-progress")).ToContainTextAsync("1 of");

        await page.GotoAsync("/progress");
        var row = page.Locator($"[data-testid=progress-row][data-lab-id={Lab}]").Locator("xpath=..");
        await Assertions.Expect(row.GetByTestId("exercises-solved")).ToContainTextAsync("1 /");
    }

    [Fact]
    public async Task An_error_is_marked_at_its_line_in_the_editor()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/labs/{Lab}/{StepOf("several")}");
        var editor = await EditorAsync(page, "several");

        await ReplaceTextAsync(page, editor, "SELECT 1;\nSELECT no_such_column;");
        await page.Keyboard.PressAsync("Control+Enter");

        await Assertions.Expect(Cell(page, "several").GetByTestId("cell-results")).ToContainTextAsync("no_such_column", new() { Timeout = 60_000 });
        await Assertions.Expect(Cell(page, "several").Locator(".il-sql-error-mark")).ToHaveCountAsync(1);
        await Assertions.Expect(Cell(page, "several").GetByTestId("cell-results")).ToContainTextAsync("line 2");

        // Back to the lab's text for the next learner of this shared app.
        await Cell(page, "several").GetByTestId("reset-cell").ClickAsync();
        await Assertions.Expect(Cell(page, "several").GetByTestId("cell-edited")).ToHaveCountAsync(0);
    }
}
