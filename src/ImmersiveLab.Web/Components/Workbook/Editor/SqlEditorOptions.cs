namespace ImmersiveLab.Web.Components.Workbook.Editor;

/// <summary>What sql-editor.js's <c>create</c> needs (serialised with camelCase names).</summary>
/// <param name="DraftKey">Where the browser keeps text the server has not saved yet (per learner, lab and cell); null: no drafts.</param>
public sealed record SqlEditorOptions(string Value, bool ReadOnly, bool Large, string? AriaLabel, string? DraftKey);
