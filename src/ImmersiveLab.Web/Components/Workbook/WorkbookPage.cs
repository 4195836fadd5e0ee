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

    public WorkbookSession Session { get; } = session;
    public Lab Lab { get; } = lab;
    public LabDocument Document { get; } = document;
    public LabProgress Progress { get; private set; } = progress;

    /// <summary>Raised when <see cref="Progress"/> was reloaded.</summary>
    public event Action? ProgressChanged;

    /// <summary>The learner's saved version of a cell, or null.</summary>
    public string? EditOf(string cellId) => _edits.GetValueOrDefault(cellId);

    public void RememberEdit(string cellId, string? sql)
    {
        if (sql is null) _edits.Remove(cellId);
        else _edits[cellId] = sql;
    }

    public async Task RefreshProgressAsync(CancellationToken ct)
    {
        Progress = await Session.GetProgressAsync(Lab.Id, ct);
        ProgressChanged?.Invoke();
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
