using System.Globalization;
using System.Text.RegularExpressions;

namespace ImmersiveLab.IndexExplorer.Sql;

/// <summary>Renders parameter values as SQL literals, to show a parameterized statement as runnable text.</summary>
public static partial class SqlLiteral
{
    public static string Format(object? value) => value switch
    {
        null or DBNull => "NULL",
        string s => "'" + s.Replace("'", "''") + "'",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => "'" + value.ToString()!.Replace("'", "''") + "'",
    };

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Placeholder();

    /// <summary>Replaces $1, $2, … by the literals of <paramref name="values"/>.</summary>
    public static string Inline(string sql, params object?[] values) =>
        values.Length == 0 ? sql : Placeholder().Replace(sql, m =>
        {
            var i = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
            return i >= 0 && i < values.Length ? Format(values[i]) : m.Value;
        });
}
