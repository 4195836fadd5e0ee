using System.Text.RegularExpressions;
using ImmersiveLab.Sandbox.Execution;

namespace ImmersiveLab.Workbook;

/// <summary>
/// Fills a check's <c>says="…"</c> message with the learner's data: <c>{name}</c> becomes the value of the check row's
/// column called <c>name</c>, in PostgreSQL's text form (NULL for null). A name the row does not have stays as written,
/// so a lab author sees the mistake, and <c>{{</c>/<c>}}</c> are literal braces.
/// </summary>
public static partial class CheckSays
{
    public static string Fill(string says, StatementResult row)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < row.Columns.Count && row.Rows.Count > 0; i++)
            values.TryAdd(row.Columns[i].Name, PostgresText.Format(row.Rows[0][i]) ?? "NULL");
        return Placeholder().Replace(says, m => m.Groups["brace"].Success
            ? m.Groups["brace"].Value[..1]
            : values.TryGetValue(m.Groups["name"].Value, out var value) ? value : m.Value);
    }

    [GeneratedRegex(@"(?<brace>\{\{|\}\})|\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
