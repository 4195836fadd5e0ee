namespace ImmersiveLab.Web.Components.Workbook.Editor;

/// <summary>
/// Where to underline an error PostgreSQL reported at a line and column of a cell: from the column to the end of the
/// word there (an identifier, a quoted name), at least one character; positions clamped into the text.
/// </summary>
public readonly record struct ErrorMark(int Line, int StartColumn, int EndColumn)
{
    public static ErrorMark Locate(string text, int line, int? column)
    {
        var lines = text.Split('\n');
        line = Math.Clamp(line, 1, Math.Max(1, lines.Length));
        var content = lines[line - 1].TrimEnd('\r');
        var start = Math.Clamp(column ?? 1, 1, content.Length + 1);
        var end = start;
        while (end <= content.Length && (char.IsLetterOrDigit(content[end - 1]) || content[end - 1] is '_' or '.' or '"')) end++;
        if (end == start) end = Math.Min(start + 1, content.Length + 1);
        return new ErrorMark(line, start, end);
    }
}
