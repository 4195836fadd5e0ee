using ImmersiveLab.Labs;
using ImmersiveLab.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace ImmersiveLab.BrowserSupport;

/// <summary>What a learner does with a SQL cell of a lab page: wait for its live editor, type into it, run it.</summary>
public static class LabCellDriver
{
    /// <summary>The repository's labs, as the app loads them.</summary>
    public static LabCatalogSnapshot RepositoryLabs => Labs.Value;

    private static readonly Lazy<LabCatalogSnapshot> Labs =
        new(() => new LabLoader(new LabValidator(RepoPaths.SampleImages), NullLogger<LabLoader>.Instance).LoadAll(RepoPaths.Labs));

    /// <summary>The step of the lab (English text) that holds the cell.</summary>
    public static int StepOfCell(string labId, string cellId) =>
        RepositoryLabs.Find(labId)!.Document("en").Steps.First(s => s.Cells.Any(c => c.Id == cellId)).Number;

    public static ILocator Cell(IPage page, string id) => page.Locator($"[data-testid=sql-cell][data-cell-id='{id}']");

    /// <summary>
    /// The live circuit has built the cell's Monaco editor (prerendered HTML has none) and bound its keys (Ctrl+Enter
    /// pressed before that would be an ordinary key press).
    /// </summary>
    public static async Task<ILocator> EditorAsync(IPage page, string cellId)
    {
        var lines = Cell(page, cellId).Locator(".monaco-editor .view-lines");
        await Assertions.Expect(lines).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(Cell(page, cellId).Locator("[data-testid=sql-editor][data-keys-ready=true]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        return lines;
    }

    /// <summary>Replaces the editor's text with <paramref name="text"/>, as a learner selecting all and typing.</summary>
    public static async Task ReplaceTextAsync(IPage page, ILocator editor, string text)
    {
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.InsertTextAsync(text);
    }

    /// <summary>
    /// Replaces the editor's text with <paramref name="text"/> as a learner pasting it: select all, then a paste event
    /// on the focused editor. Typed text goes through the editor's auto-closing and auto-indent (a multi-line
    /// solution typed with <see cref="ReplaceTextAsync"/> can gain a stray ")"); pasted text arrives as it is.
    /// </summary>
    public static async Task PasteTextAsync(IPage page, ILocator editor, string text)
    {
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.EvaluateAsync("""
            text => {
              const data = new DataTransfer();
              data.setData('text/plain', text);
              document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, text);
    }

    /// <summary>Replaces the cell's text with <paramref name="sql"/> and runs it with Ctrl+Enter.</summary>
    public static async Task TypeAndRunAsync(IPage page, string cellId, string sql)
    {
        await ReplaceTextAsync(page, await EditorAsync(page, cellId), sql);
        await page.Keyboard.PressAsync("Control+Enter");
    }
}
