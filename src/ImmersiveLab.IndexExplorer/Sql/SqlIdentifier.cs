using ImmersiveLab.IndexExplorer.Resources;
using System.Text.RegularExpressions;

namespace ImmersiveLab.IndexExplorer.Sql;

/// <summary>
/// Names the learner chooses for their tables. Only names that need no quotes are accepted (lowercase letter or
/// underscore, then lowercase letters, digits, underscores; not a reserved word), so the SQL shown in the transcript
/// is exactly what a learner would type. At most <see cref="MaxTableNameLength"/> characters, so that the names
/// derived from it (queries table, index names) stay within PostgreSQL's 63.
/// </summary>
public static partial class SqlIdentifier
{
    public const int MaxTableNameLength = 40;

    // PostgreSQL's reserved key words and those reserved except as function or type names (pg_get_keywords()
    // categories R and T): they would need quotes as a table name.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
        "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
        "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
        "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
        "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
        "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
        "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
        "unique", "user", "using", "variadic", "when", "where", "window", "with",
        "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
        "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
        "right", "similar", "tablesample", "verbose",
    };

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex Plain();

    internal static IReadOnlyCollection<string> ReservedWords => Reserved;

    /// <summary>Null when the name is acceptable, else why not (for the form).</summary>
    public static string? ValidateTableName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return ExplorerStrings.Text("Name_Empty");
        if (name.Length > MaxTableNameLength) return ExplorerStrings.Text("Name_TooLong", MaxTableNameLength);
        if (!Plain().IsMatch(name)) return ExplorerStrings.Text("Name_Characters");
        if (Reserved.Contains(name)) return ExplorerStrings.Text("Name_Reserved", name);
        if (name.StartsWith("pg_", StringComparison.Ordinal)) return ExplorerStrings.Text("Name_System");
        return null;
    }

    public static string RequireTableName(string? name) =>
        ValidateTableName(name) is { } error ? throw new ArgumentException(error, nameof(name)) : name!;
}
