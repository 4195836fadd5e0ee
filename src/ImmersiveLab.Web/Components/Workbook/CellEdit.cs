using ImmersiveLab.Labs;

namespace ImmersiveLab.Web.Components.Workbook;

/// <summary>
/// The text of one cell as the server has it: the learner's version last saved (or the lab's), and whether it differs
/// from the lab's. A Run saves first only when the text changed since the last save.
/// </summary>
public sealed class CellEdit(SqlCell cell, string? savedEdit)
{
    /// <summary>The text the server has for the cell (the editor starts with it).</summary>
    public string Saved { get; private set; } = cell.IsEditable ? savedEdit ?? cell.Sql : cell.Sql;

    /// <summary>The learner's version differs from the lab's ("edited").</summary>
    public bool IsEdited { get; private set; } = cell.IsEditable && savedEdit is not null;

    /// <summary>Whether <paramref name="sql"/> must be saved before it runs.</summary>
    public bool NeedsSave(string sql) => cell.IsEditable && sql != Saved;

    /// <summary>The server saved <paramref name="sql"/>. Returns the edit to remember (null: it is the lab's text again).</summary>
    public string? WasSaved(string sql)
    {
        Saved = sql;
        IsEdited = Normalize(sql) != Normalize(cell.Sql);
        return IsEdited ? sql : null;
    }

    /// <summary>The learner went back to the lab's text.</summary>
    public void WasReset()
    {
        Saved = cell.Sql;
        IsEdited = false;
    }

    private static string Normalize(string sql) => sql.Replace("\r\n", "\n").TrimEnd();
}
