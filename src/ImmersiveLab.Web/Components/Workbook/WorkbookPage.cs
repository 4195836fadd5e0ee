using ImmersiveLab.Labs;
using ImmersiveLab.Web.Components.Workbook.Editor;
using ImmersiveLab.Workbook;

namespace ImmersiveLab.Web.Components.Workbook;

/// <summary>
/// What the cells of one lab page share, cascaded from the page: the lab and document shown, the learner's edits
/// and progress in it, and the editors of the current step in order (for Shift+Enter).
/// </summary>
public sealed class WorkbookPage(WorkbookSession session, Lab lab, LabDocument document, IReadOnlyDictionary<string, string> edits, LabProgress progress)
{
    private readonly List<(string CellId, SqlCellEditor Editor)> _editors = [];
    private readonly Dictionary<string, string> _edits = new(edits, StringComparer.Ordinal);
    private (int Step, TaskCompletionSource Done) _opening = (-1, Opened());

    public WorkbookSession Session { get; } = session;
    public Lab Lab { get; } = lab;
    public LabDocument Document { get; } = document;
    /// <summary>The learner's progress in the lab: as read when the page opened, then as the session recorded it.</summary>
    public LabProgress Progress => Session.Progress.Of(Lab.Id) ?? progress;

    /// <summary>
    /// Completes once the step on screen has been opened (its setup cells have run): a gallery waits for it, so that it
    /// does not query tables the setup is still making.
    /// </summary>
    public Task StepOpened => _opening.Done.Task;

    /// <summary>The page starts opening <paramref name="step"/>: <see cref="StepOpened"/> waits until <see cref="MarkStepOpened"/>.</summary>
    public void OpeningStep(int step)
    {
        if (_opening.Step == step && !_opening.Done.Task.IsCompleted) return;
        _opening.Done.TrySetResult(); // whoever waited for the step left behind no longer needs to
        _opening = (step, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>The setup cells of <paramref name="step"/> have run (or failed: the galleries then show what they find).</summary>
    public void MarkStepOpened(int step)
    {
        if (_opening.Step == step) _opening.Done.TrySetResult();
    }

    private static TaskCompletionSource Opened()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    /// <summary>The learner's saved version of a cell, or null.</summary>
    public string? EditOf(string cellId) => _edits.GetValueOrDefault(cellId);

    public void RememberEdit(string cellId, string? sql)
    {
        if (sql is null) _edits.Remove(cellId);
        else _edits[cellId] = sql;
    }

    public void Register(string cellId, SqlCellEditor editor)
    {
        _editors.RemoveAll(e => e.CellId == cellId);
        _editors.Add((cellId, editor));
    }

    public void Unregister(SqlCellEditor editor) => _editors.RemoveAll(e => ReferenceEquals(e.Editor, editor));

    /// <summary>Focuses the editor of the cell after <paramref name="cellId"/> on this page (document order).</summary>
    public async Task FocusNextAsync(string cellId)
    {
        var order = Document.Cells.Select(c => c.Id).ToList();
        var at = order.IndexOf(cellId);
        var next = _editors
            .Select(e => (e.Editor, Index: order.IndexOf(e.CellId)))
            .Where(e => e.Index > at)
            .OrderBy(e => e.Index)
            .FirstOrDefault();
        if (next.Editor is not null) await next.Editor.FocusAsync();
    }
}
